import { CheckOutlined, ReloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Empty, Space, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { getReviewQueue } from '#web/api/reports.ts';
import type { ReviewItem } from '#core/api/reports.ts';
import { PageHeader } from '#web/components/page-header.tsx';
import { ReviewModal, type ReviewTarget } from '#web/components/review-modal.tsx';
import { StageTag } from '#web/components/status-tag.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { shanghaiTime } from '#web/utils/time.ts';
import { ListTable } from '#web/components/list-table.tsx';

/** 审核队列: the consolidated reports lead units have submitted, oldest first, to accept or return. */
export default function ReviewQueuePage() {
  const queue = useRequest((signal) => getReviewQueue(signal), []);
  const [target, setTarget] = useState<ReviewTarget | null>(null);
  const rows = queue.data?.data ?? [];

  const open = (item: ReviewItem, decision: ReviewTarget['decision']) =>
    setTarget({
      reportId: item.reportId,
      decision,
      label: `${item.unitName} · ${item.planNumber ? `${item.planNumber} ` : ''}任务 ${item.taskNumber}`,
      stage: item.stage,
      attachmentCount: item.attachmentCount,
    });

  const columns: ColumnsType<ReviewItem> = [
    { title: '报送时间', dataIndex: 'submittedAt', width: 140, render: (v: string | null) => shanghaiTime(v, 'minute') },
    {
      title: '任务',
      key: 'task',
      width: 300,
      render: (_, r) => (
        <div>
          <Link to={`/tasks/${r.taskId}`} data-testid="review-task-link">
            {r.taskNumber && <Tag color="blue">{r.taskNumber}</Tag>}
            {r.taskTitle}
          </Link>
          {r.planNumber && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{r.planNumber}</Typography.Text>
          )}
        </div>
      ),
    },
    { title: '牵头单位', dataIndex: 'unitName', width: 130 },
    { title: '申报阶段', dataIndex: 'stage', width: 90, align: 'center', render: (s: ReviewItem['stage']) => <StageTag stage={s} /> },
    {
      title: '汇总进展',
      dataIndex: 'narrative',
      render: (v: string) => (
        <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: 'collapsible' }}>
          {v}
        </Typography.Paragraph>
      ),
    },
    {
      title: '佐证',
      dataIndex: 'attachmentCount',
      width: 64,
      align: 'center',
      render: (n: number) => (n > 0 ? `${n} 份` : <Typography.Text type="warning">无</Typography.Text>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, r) => (
        <Space size={6}>
          <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => open(r, 'accept')} data-testid="queue-accept">
            通过
          </Button>
          <Button size="small" danger icon={<RollbackOutlined />} onClick={() => open(r, 'return')} data-testid="queue-return">
            退回
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="审核队列"
        subTitle={queue.data ? `待审核 ${queue.data.total} 份汇总报告` : undefined}
        extra={<Button icon={<ReloadOutlined />} onClick={queue.reload} loading={queue.loading && !!queue.data}>刷新</Button>}
      />
      <ListTable<ReviewItem>
          rowKey="reportId"
          loading={queue.loading && !queue.data}
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 份` }}
          onRow={() => ({ 'data-testid': 'review-row' }) as object}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={queue.error ? '审核队列加载失败' : '没有待审核的汇总报告'} /> }}
        />
      <ReviewModal
        target={target}
        onClose={() => setTarget(null)}
        onDone={(report) => {
          setTarget(null);
          if (queue.data) {
            const data = queue.data.data.filter((r) => r.reportId !== report.id);
            queue.setData({ data, total: Math.max(0, queue.data.total - (queue.data.data.length - data.length)) });
          }
        }}
      />
    </>
  );
}
