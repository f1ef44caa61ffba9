import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, Progress, Space, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { findCirculars, type CircularSummary } from '#web/api/circulars.ts';
import { findRounds, type RoundSummary } from '#web/api/rounds.ts';
import { useCan } from '#web/auth/auth-context.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { dayLabel } from '#web/utils/format.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { CreateRoundModal } from '../components/create-round-modal.tsx';
import { DispatchNav } from '../components/dispatch-nav.tsx';
import { RoundStatusTag } from '../components/round-tags.tsx';
import { nextRoundTitle, periodLabel, progressPercent } from '../round-utils.ts';
import { ListTable } from '#web/components/list-table.tsx';

/** 调度: every dispatch round, newest first, with how many units have reported and its circulars. */
export default function RoundListPage() {
  const navigate = useNavigate();
  const mayManage = useCan()('round.manage');
  const rounds = useRequest((signal) => findRounds(signal), []);
  // The circulars the user may open (issued ones; drafts too for the coordinator), to link them by title.
  const circulars = useRequest((signal) => findCirculars(signal), []);
  const [creating, setCreating] = useState(false);
  const rows = rounds.data?.data ?? [];
  const circularById = useMemo(() => new Map((circulars.data?.data ?? []).map((c) => [c.id, c])), [circulars.data]);
  const openCount = rows.filter((r) => r.status === 'open').length;
  const today = shanghaiTime(new Date().toISOString()).slice(0, 10);

  const columns: ColumnsType<RoundSummary> = [
    {
      title: '调度',
      dataIndex: 'title',
      render: (title: string, r) => (
        <div>
          <Link to={`/rounds/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="round-link">{title}</Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {r.plans.map((p) => p.number ?? p.title).join('、')}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '报送期间',
      key: 'period',
      width: 210,
      render: (_, r) => periodLabel(r.periodStart, r.periodEnd) ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: '报送截止',
      dataIndex: 'dueDate',
      width: 120,
      // An open round past its due day: units still reporting are late.
      render: (d: string, r) => (r.status === 'open' && d < today ? <Typography.Text type="danger">{dayLabel(d)}（已过）</Typography.Text> : dayLabel(d)),
    },
    { title: '状态', dataIndex: 'status', width: 80, align: 'center', render: (_, r) => <RoundStatusTag status={r.status} /> },
    {
      title: '报送进度',
      key: 'progress',
      width: 200,
      render: (_, r) => (
        <div data-testid="round-progress" data-reported={r.reported} data-expected={r.expected}>
          <Progress
            percent={progressPercent(r.reported, r.expected)}
            size="small"
            status={r.status === 'open' ? 'active' : r.reported < r.expected ? 'exception' : 'success'}
            format={() => `${r.reported}/${r.expected}`}
          />
        </div>
      ),
    },
    {
      title: '通报',
      key: 'circulars',
      width: 200,
      render: (_, r) => {
        const list = r.circularIds.map((id) => circularById.get(id)).filter((c): c is CircularSummary => c !== undefined);
        if (list.length === 0) return <Typography.Text type="secondary">{r.status === 'open' ? '调度结束后生成' : '未生成'}</Typography.Text>;
        return (
          <Space orientation="vertical" size={2} onClick={(e) => e.stopPropagation()}>
            {list.map((c) => (
              <Link key={c.id} to={`/circulars/${c.id}`} data-testid="round-circular-link">
                {c.docNumber ?? c.title}
                {c.status === 'draft' && <Tag color="orange" style={{ marginInlineStart: 6 }}>草稿</Tag>}
              </Link>
            ))}
          </Space>
        );
      },
    },
    { title: '发起时间', dataIndex: 'createdAt', width: 140, render: (v: string) => shanghaiTime(v, 'minute') },
  ];

  return (
    <>
      <PageHeader
        title="调度通报"
        subTitle={rounds.data ? `共 ${rows.length} 期调度${openCount ? `，${openCount} 期进行中` : ''}` : undefined}
        extra={
          <>
            <DispatchNav current="rounds" />
            <Button icon={<ReloadOutlined />} onClick={rounds.reload} loading={rounds.loading && !!rounds.data}>刷新</Button>
            {mayManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="round-create">
                发起调度
              </Button>
            )}
          </>
        }
      />
      <ListTable<RoundSummary>
          loading={rounds.loading && !rounds.data}
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 期` }}
          rowClassName={() => 'tj-row-clickable'}
          onRow={(r) => ({ onClick: () => navigate(`/rounds/${r.id}`), 'data-testid': 'round-row', 'data-round-id': r.id }) as object}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={rounds.error ? '调度列表加载失败' : mayManage ? '还没有调度，点击右上角“发起调度”开始第一期' : '还没有调度'}
              />
            ),
          }}
        />
      {mayManage && (
        <CreateRoundModal
          open={creating}
          defaultTitle={nextRoundTitle(rows.map((r) => r.title))}
          onClose={() => setCreating(false)}
          onCreated={(round) => {
            setCreating(false);
            navigate(`/rounds/${round.id}`);
          }}
        />
      )}
    </>
  );
}
