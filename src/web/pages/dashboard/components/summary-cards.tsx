import { Card, Col, Row, Statistic } from 'antd';
import type { DashboardSummary } from '#web/api/dashboard.ts';
import type { WorkStatus } from '#core/status/status.ts';
import { percent, STATUS_CHART_COLORS, type Drill } from '../charts.ts';

interface Figure {
  key: string;
  title: string;
  value: number | string;
  suffix?: string;
  color?: string;
  /** The drill-down of the figure; none for the rate. */
  status?: WorkStatus | 'all';
}

/** The figures at the top of 看板; each count opens its tasks. */
export function summaryFigures(s: DashboardSummary): Figure[] {
  const c = s.counts;
  return [
    { key: 'tasks', title: '总任务', value: c.total, suffix: '项', status: 'all' },
    { key: 'done', title: '已完成', value: c.done + c.doneLate, suffix: '项', color: STATUS_CHART_COLORS.done, status: 'done' },
    { key: 'in-progress', title: '推进中', value: c.inProgress, suffix: '项', color: STATUS_CHART_COLORS.in_progress, status: 'in_progress' },
    { key: 'due-soon', title: '临期', value: c.dueSoon, suffix: '项', color: STATUS_CHART_COLORS.due_soon, status: 'due_soon' },
    { key: 'overdue', title: '逾期', value: c.overdue, suffix: '项', color: STATUS_CHART_COLORS.overdue, status: 'overdue' },
    { key: 'rate', title: '完成率', value: percent(c.completionRate) },
  ];
}

/** What a figure's click opens; 已完成 counts tasks finished on time and late. */
function figureDrill(f: Figure): Drill | null {
  if (!f.status) return null;
  if (f.status === 'all') return { title: '全部任务', filter: {} };
  return { title: `${f.title}的任务`, filter: { status: f.status === 'done' ? ['done', 'done_late'] : f.status } };
}

export function SummaryCards({ summary, onDrill }: { summary: DashboardSummary | undefined; onDrill: (drill: Drill) => void }) {
  const figures = summary ? summaryFigures(summary) : [];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      {(figures.length ? figures : summaryPlaceholders).map((f) => {
        const drill = figureDrill(f);
        return (
          <Col key={f.key} xs={12} md={8} xl={4}>
            <Card
              size="small"
              hoverable={drill !== null}
              loading={!summary}
              onClick={drill ? () => onDrill(drill) : undefined}
              data-testid={`summary-${f.key}`}
              data-value={typeof f.value === 'number' ? f.value : undefined}
            >
              <Statistic title={f.title} value={f.value} suffix={f.suffix} styles={{ content: { color: f.color, fontWeight: 600 } }} />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

const summaryPlaceholders: Figure[] = ['tasks', 'done', 'in-progress', 'due-soon', 'overdue', 'rate'].map((key) => ({ key, title: '', value: '' }));
