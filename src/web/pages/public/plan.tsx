import { Breadcrumb, Card, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router';
import { getPublicPlan, type PublicTask, type PublicPlan } from '#web/api/public.ts';
import { PageLoading } from '#web/components/page-loading.tsx';
import { StatusTag } from '#web/components/status-tag.tsx';
import { useRequest } from '#web/hooks/use-request.ts';
import { WORK_STATUS_LABELS } from '#core/status/status.ts';
import { dayLabel } from '#web/utils/format.ts';
import { COUNT_KEYS, percent, STACK_ORDER, STATUS_CHART_COLORS } from '../dashboard/charts.ts';
import { PublicFailure, PublicFrame } from './public-frame.tsx';

type Counts = PublicPlan['counts'];

/** The section's tasks by status as one thin stacked bar (plain CSS: the public page loads no chart library). */
function StatusBar({ counts }: { counts: Counts }) {
  if (counts.total === 0) return null;
  return (
    <div style={{ display: 'flex', height: 10, borderRadius: 5, overflow: 'hidden', background: '#f0f0f0', minWidth: 160, flex: 1 }}>
      {STACK_ORDER.map((s) => {
        const n = counts[COUNT_KEYS[s]];
        return n > 0 ? (
          <Tooltip key={s} title={`${WORK_STATUS_LABELS[s]} ${n} 项`}>
            <span style={{ width: `${(n / counts.total) * 100}%`, background: STATUS_CHART_COLORS[s] }} />
          </Tooltip>
        ) : null;
      })}
    </div>
  );
}

function Legend() {
  return (
    <Space size={12} wrap style={{ fontSize: 12, color: '#595959' }}>
      {STACK_ORDER.map((s) => (
        <span key={s}>
          <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: STATUS_CHART_COLORS[s], marginInlineEnd: 4, verticalAlign: -1 }} />
          {WORK_STATUS_LABELS[s]}
        </span>
      ))}
    </Space>
  );
}

const columns: TableColumnsType<PublicTask> = [
  { title: '序号', dataIndex: 'number', width: 64, align: 'center' },
  { title: '任务', dataIndex: 'title' },
  { title: '牵头单位', dataIndex: 'leadUnits', width: 200, render: (u: string[]) => u.join('、') || '—' },
  { title: '完成时限', dataIndex: 'deadline', width: 110, render: (d: string | null) => (d ? dayLabel(d) : '持续推进') },
  { title: '状态', dataIndex: 'status', width: 90, align: 'center', render: (s: PublicTask['status']) => <StatusTag status={s} /> },
];

/** 公开进展 of one plan: its tasks and their status by section; only what the public API gives. */
export default function PublicPlanPage() {
  const id = Number(useParams().id);
  const result = useRequest((signal) => getPublicPlan(id, signal), [id]);
  const data = result.data;
  return (
    <PublicFrame title={data?.plan.title ?? '公开进展'}>
      {result.loading && !data ? (
        <PageLoading />
      ) : !data ? (
        <PublicFailure error={result.error} onRetry={result.reload} />
      ) : (
        <>
          <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/public">公开进展</Link> }, { title: data.plan.number ?? data.plan.title }]} />
          <Card style={{ marginBottom: 16 }}>
            <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="public-plan-title">{data.plan.title}</Typography.Title>
            <Typography.Text type="secondary">
              {[data.plan.issuer, data.plan.number, data.plan.issueDate ? dayLabel(data.plan.issueDate) : null].filter(Boolean).join(' · ')}
              {` · 数据截至 ${dayLabel(data.asOf)}`}
            </Typography.Text>
            <Space size={40} wrap style={{ marginTop: 16, display: 'flex' }} data-testid="public-counts" data-total={data.counts.total}>
              <Statistic title="任务" value={data.counts.total} suffix="项" />
              <Statistic title="已完成" value={data.counts.done + data.counts.doneLate} suffix="项" styles={{ content: { color: STATUS_CHART_COLORS.done } }} />
              <Statistic title="推进中" value={data.counts.inProgress} suffix="项" styles={{ content: { color: STATUS_CHART_COLORS.in_progress } }} />
              <Statistic title="逾期" value={data.counts.overdue} suffix="项" styles={{ content: { color: STATUS_CHART_COLORS.overdue } }} />
              <Statistic title="完成率" value={percent(data.counts.completionRate)} />
            </Space>
            <div style={{ marginTop: 12, display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
              <StatusBar counts={data.counts} />
              <Legend />
            </div>
          </Card>
          {data.sections.map((s, i) => (
            <Card
              key={`${i}-${s.title}`}
              size="small"
              style={{ marginBottom: 12 }}
              data-testid="public-section"
              title={s.title}
              extra={
                <div style={{ display: 'flex', alignItems: 'center', gap: 12, width: 360 }}>
                  <StatusBar counts={s.counts} />
                  <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                    完成 {s.counts.done + s.counts.doneLate}/{s.counts.total}
                  </Typography.Text>
                </div>
              }
              styles={{ body: { padding: 0 } }}
            >
              <Table<PublicTask>
                rowKey={(t) => `${t.number}-${t.title}`}
                size="small"
                columns={columns}
                dataSource={s.tasks}
                pagination={false}
                onRow={() => ({ 'data-testid': 'public-task' }) as object}
              />
            </Card>
          ))}
        </>
      )}
    </PublicFrame>
  );
}
