import { Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { findInterviewSuggestions, supervisionNoticeUrl } from '#web/api/notifications.ts';
import type { InterviewSuggestion } from '#core/api/notifications.ts';
import { LoadFailed } from '#web/components/page-error.tsx';
import { PageHeader } from '#web/components/page-header.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { dayLabel } from '#web/utils/format.ts';
import { shanghaiTime } from '#web/utils/time.ts';

/** 约谈建议: units whose tasks stayed overdue after 督办, for the coordinator to consider an interview. */
export default function InterviewsPage() {
  const list = useRequest((signal) => findInterviewSuggestions(signal), []);
  if (!list.data && !list.loading) return <LoadFailed error={list.error} what="约谈建议" onRetry={list.reload} />;

  const columns: TableColumnsType<InterviewSuggestion> = [
    { title: '单位', dataIndex: 'unitName', width: 160, render: (name: string | null, s) => (s.unitId ? <Link to={`/units/${s.unitId}`}>{name}</Link> : (name ?? '—')) },
    {
      title: '任务',
      key: 'task',
      width: 280,
      render: (_, s) => (s.taskId ? <Link to={`/tasks/${s.taskId}`}>{[s.taskNumber && `任务 ${s.taskNumber}`, s.taskTitle].filter(Boolean).join(' ')}</Link> : '—'),
    },
    { title: '截止日期', dataIndex: 'dueDate', width: 100, render: (d: string | null) => (d ? dayLabel(d) : '—') },
    { title: '建议', dataIndex: 'body', render: (b: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{b}</span> },
    { title: '提出时间', dataIndex: 'createdAt', width: 150, render: (t: string) => shanghaiTime(t, 'minute') },
    { title: '督办通知', key: 'notice', width: 90, render: (_, s) => (s.taskId ? <a href={supervisionNoticeUrl(s.taskId)} download>下载</a> : null) },
  ];

  return (
    <>
      <PageHeader title="约谈建议" subTitle={list.data ? `${list.data.total} 条` : undefined} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Typography.Paragraph type="secondary" style={{ margin: 12 }}>
          督办后仍逾期未完成的任务，建议约谈责任单位主要负责人。
        </Typography.Paragraph>
        <Table<InterviewSuggestion> rowKey="id" size="small" columns={columns} dataSource={list.data?.data ?? []} loading={list.loading} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
      </Card>
    </>
  );
}
