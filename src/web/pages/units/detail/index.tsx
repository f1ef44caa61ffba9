import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { UnitTask } from '#core/api/tasks.ts';
import { getUnit } from '#web/api/units.ts';
import { useCan } from '#web/auth/auth-context.tsx';
import { DeadlineTags } from '#web/components/deadline-tags.tsx';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { dayLabel } from '#web/utils/format.ts';
import { UnitEditDrawer } from '../components/unit-edit-drawer.tsx';
import { UNIT_ROLE_LABELS } from '#core/tasks/tasks.ts';

type RoleView = 'all' | 'lead' | 'responsible';

/** 单位详情: what the unit leads and what it shares, soonest deadline first. */
export default function UnitDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const unit = useRequest((signal) => getUnit(id, signal), [id]);
  const [role, setRole] = useState<RoleView>('all');
  const [editing, setEditing] = useState(false);
  const mayManage = useCan()('unit.manage');

  if (unit.loading && !unit.data) return <PageLoading />;
  if (!unit.data) return <LoadFailed error={unit.error} what="单位" onRetry={unit.reload} />;
  const u = unit.data;
  const leadCount = u.tasks.filter((t) => t.role === 'lead').length;
  const tasks = role === 'all' ? u.tasks : u.tasks.filter((t) => t.role === role);

  const columns: ColumnsType<UnitTask> = [
    {
      title: '最近截止',
      dataIndex: 'nextDue',
      width: 120,
      render: (d: string | null) => (d ? <Typography.Text strong>{dayLabel(d)}</Typography.Text> : <Typography.Text type="secondary">未写明</Typography.Text>),
    },
    {
      title: '角色',
      dataIndex: 'role',
      width: 64,
      align: 'center',
      render: (r: UnitTask['role']) => <Tag color={r === 'lead' ? 'blue' : 'green'}>{UNIT_ROLE_LABELS[r]}</Tag>,
    },
    { title: '方案', dataIndex: 'planNumber', width: 160, render: (n: string | null, t) => <Link to={`/plans/${t.planId}`} onClick={(e) => e.stopPropagation()}>{n ?? '方案'}</Link> },
    { title: '编号', dataIndex: 'number', width: 56, align: 'center' },
    { title: '任务', dataIndex: 'title', render: (title: string, t) => <Link to={`/tasks/${t.id}`} onClick={(e) => e.stopPropagation()}>{title}</Link> },
    { title: '全部截止时间', dataIndex: 'deadlines', width: 220, render: (_, t) => <DeadlineTags deadlines={t.deadlines} empty="无" /> },
  ];

  return (
    <>
      <PageHeader
        title={<>{u.name}{u.isCollective && <Tag color="geekblue" style={{ marginInlineStart: 8, verticalAlign: 3 }}>集体</Tag>}</>}
        crumbs={[{ title: '单位', to: '/units' }, { title: u.name }]}
        extra={mayManage ? <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="unit-detail-edit">编辑单位</Button> : undefined}
      >
        <Space size={32} align="start" wrap>
          <Statistic title="牵头任务" value={leadCount} suffix="项" />
          <Statistic title="责任任务" value={u.tasks.length - leadCount} suffix="项" />
          {u.parentId != null && (
            <div>
              <Typography.Text type="secondary">上级单位</Typography.Text>
              <div style={{ marginTop: 6 }}>
                <Link to={`/units/${u.parentId}`}>{u.parentName ?? '查看上级单位'}</Link>
              </div>
            </div>
          )}
          {u.children && u.children.length > 0 && (
            <div style={{ maxWidth: 420 }}>
              <Typography.Text type="secondary">下级单位（{u.children.length}）</Typography.Text>
              <div style={{ marginTop: 6 }} className="tj-unit-list">
                {u.children.map((c) => <Link key={c.id} to={`/units/${c.id}`}>{c.name}</Link>)}
              </div>
            </div>
          )}
          <div>
            <Typography.Text type="secondary">别名</Typography.Text>
            <div style={{ marginTop: 6 }}>
              {u.aliases.length === 0 ? <Typography.Text type="secondary">—</Typography.Text> : u.aliases.map((a) => <Tag key={a}>{a}</Tag>)}
            </div>
          </div>
        </Space>
      </PageHeader>
      <Card
        size="small"
        title="任务（按截止时间）"
        extra={
          <Segmented<RoleView>
            size="small"
            value={role}
            onChange={setRole}
            options={[{ value: 'all', label: `全部 ${u.tasks.length}` }, { value: 'lead', label: `牵头 ${leadCount}` }, { value: 'responsible', label: `责任 ${u.tasks.length - leadCount}` }]}
          />
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<UnitTask>
          rowKey={(t) => `${t.id}-${t.role}`}
          size="small"
          columns={columns}
          dataSource={tasks}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 项` }}
          rowClassName={() => 'tj-row-clickable'}
          onRow={(t) => ({ onClick: () => navigate(`/tasks/${t.id}`) })}
          locale={{ emptyText: '该单位暂无任务' }}
        />
      </Card>
      <UnitEditDrawer
        unit={editing ? u : null}
        onClose={() => setEditing(false)}
        onChanged={(mergedInto) => {
          if (mergedInto) navigate(`/units/${mergedInto.id}`, { replace: true });
          else unit.reload();
          if (mergedInto) setEditing(false);
        }}
      />
    </>
  );
}
