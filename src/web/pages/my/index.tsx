import { EditOutlined, PhoneOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Result, Segmented, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { getMyTasks } from '#web/api/me.ts';
import type { MyTask } from '#core/api/tasks.ts';
import { useCan } from '#web/auth/auth-context.tsx';
import { ContactModal, type ContactTarget } from '#web/components/contact-modal.tsx';
import { DeadlineTags } from '#web/components/deadline-tags.tsx';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { StatusTag } from '#web/components/status-tag.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { dueState } from '#web/utils/calendar.ts';
import { dayLabel } from '#web/utils/format.ts';
import { dueWithin, roleCounts, sortByDue } from '#web/utils/my-tasks.ts';
import { UNIT_ROLE_LABELS } from '#core/tasks/tasks.ts';

type RoleView = 'all' | 'lead' | 'responsible';

const DUE_COLORS = { past: '#cf1322', soon: '#d46b08', later: undefined } as const;

/** 我的单位: the tasks the user's unit leads or shares, soonest deadline first, with its contact per task. */
export default function MyUnitPage() {
  const navigate = useNavigate();
  const can = useCan();
  const mine = useRequest((signal) => getMyTasks(signal), []);
  const [role, setRole] = useState<RoleView>('all');
  const [editing, setEditing] = useState<ContactTarget | null>(null);
  const today = dayjs().format('YYYY-MM-DD');
  const sorted = useMemo(() => sortByDue(mine.data?.data ?? []), [mine.data]);

  if (mine.loading && !mine.data) return <PageLoading />;
  if (!mine.data) return <LoadFailed error={mine.error} what="本单位任务" onRetry={mine.reload} />;
  const { unit } = mine.data;
  if (!unit) {
    return (
      <Card>
        <Result status="info" title="当前账号未关联单位" subTitle="请联系系统管理员为账号设置所属单位，或从“方案”查看全部任务。" extra={<Link to="/plans"><Button type="primary">查看方案</Button></Link>} />
      </Card>
    );
  }

  const counts = roleCounts(sorted);
  const soon = dueWithin(sorted, today, 30);
  const rows = role === 'all' ? sorted : sorted.filter((t) => t.role === role);
  const mayEdit = can('task.unit.write');

  const columns: ColumnsType<MyTask> = [
    {
      title: '最近截止',
      dataIndex: 'nextDue',
      width: 110,
      render: (d: string | null) =>
        d ? (
          <Typography.Text strong style={{ color: DUE_COLORS[dueState(d, today)] }}>{dayLabel(d)}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">未写明</Typography.Text>
        ),
    },
    {
      title: '角色',
      dataIndex: 'role',
      width: 60,
      align: 'center',
      render: (r: MyTask['role']) => <Tag color={r === 'lead' ? 'blue' : 'green'}>{UNIT_ROLE_LABELS[r]}</Tag>,
    },
    { title: '方案', dataIndex: 'planNumber', width: 150, render: (n: string | null, t) => <Link to={`/plans/${t.planId}`} onClick={(e) => e.stopPropagation()}>{n ?? '方案'}</Link> },
    { title: '编号', dataIndex: 'number', width: 56, align: 'center' },
    {
      title: '任务',
      dataIndex: 'title',
      render: (title: string, t) => (
        <Link to={`/tasks/${t.id}`} onClick={(e) => e.stopPropagation()} data-testid="my-task-link">{title}</Link>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 84, align: 'center', render: (s: MyTask['status']) => <StatusTag status={s} /> },
    { title: '截止时间', dataIndex: 'deadlines', width: 190, render: (_, t) => <DeadlineTags deadlines={t.deadlines} empty="无" /> },
    {
      title: '本单位联系人',
      key: 'contact',
      width: 200,
      render: (_, t) =>
        t.contactName || t.contactPhone ? (
          <div data-testid="my-task-contact">
            <div>{t.contactName ?? '—'}</div>
            {t.contactPhone && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <PhoneOutlined /> {t.contactPhone}
              </Typography.Text>
            )}
            {t.note && (
              <Tooltip title={t.note}>
                <div style={{ fontSize: 12, color: '#8c8c8c', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', maxWidth: 180 }}>备注：{t.note}</div>
              </Tooltip>
            )}
          </div>
        ) : (
          <Typography.Text type="secondary">未填写</Typography.Text>
        ),
    },
    ...(mayEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 72,
            render: (_: unknown, t: MyTask) => (
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                style={{ padding: 0 }}
                data-testid="my-task-edit-contact"
                onClick={(e) => {
                  e.stopPropagation();
                  setEditing({
                    taskId: t.id,
                    taskLabel: `${t.planNumber ?? ''} 任务 ${t.number}`.trim(),
                    unitId: t.unitId ?? unit.id,
                    unitName: unit.name,
                    contact: { contactName: t.contactName, contactPhone: t.contactPhone, note: t.note },
                  });
                }}
              >
                联系人
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader title={unit.name} subTitle="本单位牵头或参与的任务">
        <Space size={40} align="start" wrap>
          <div data-testid="my-task-total" data-count={counts.total}>
            <Statistic title="任务总数" value={counts.total} suffix="项" />
          </div>
          <Statistic title="牵头" value={counts.lead} suffix="项" styles={{ content: { color: '#1d39c4' } }} />
          <Statistic title="责任（参与）" value={counts.responsible} suffix="项" styles={{ content: { color: '#389e0d' } }} />
          <Statistic title="30 日内到期" value={soon} suffix="项" styles={{ content: { color: soon ? '#d46b08' : undefined } }} />
        </Space>
      </PageHeader>
      <Card
        size="small"
        title="任务（截止时间近的在前）"
        extra={
          <Segmented<RoleView>
            size="small"
            value={role}
            onChange={setRole}
            options={[
              { value: 'all', label: `全部 ${counts.total}` },
              { value: 'lead', label: `牵头 ${counts.lead}` },
              { value: 'responsible', label: `责任 ${counts.responsible}` },
            ]}
          />
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<MyTask>
          rowKey={(t) => `${t.id}-${t.role}`}
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 项` }}
          rowClassName={() => 'tj-row-clickable'}
          onRow={(t) => ({ onClick: () => navigate(`/tasks/${t.id}`), 'data-testid': 'my-task-row' } as object)}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本单位暂无任务" /> }}
        />
      </Card>
      <ContactModal
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          if (editing && mine.data) {
            const { taskId } = editing;
            mine.setData({ ...mine.data, data: mine.data.data.map((t) => (t.id === taskId ? { ...t, ...saved } : t)) });
          }
          setEditing(null);
        }}
      />
    </>
  );
}
