/**
 * The figures of a round's snapshot as read-only tables: on the closed round's page, and beside the
 * circular's text blocks, which are written around exactly these tables.
 */
import { Empty, List, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { Link } from 'react-router';
import type { RoundSnapshot, StatusCounts, UnitStanding } from '#web/api/rounds.ts';
import { dayLabel } from '#web/utils/format.ts';
import { CHECKPOINT_STATE_COLORS, CHECKPOINT_STATE_LABELS } from '#web/utils/checkpoints.ts';
import { percent } from '../round-utils.ts';

type Section = RoundSnapshot['bySection'][number];
type Overdue = RoundSnapshot['overdue'][number];
type Checkpoint = RoundSnapshot['checkpoints'][number];

const done = (c: StatusCounts) => c.done + c.doneLate;

/** 总体进展: the overall counts and completion rate. */
export function OverallFigures({ snapshot, compact }: { snapshot: RoundSnapshot; compact?: boolean }) {
  const c = snapshot.overall;
  const r = snapshot.reporting;
  const size = compact ? { fontSize: 18 } : undefined;
  const items: { title: string; value: number | string; color?: string; testId?: string }[] = [
    { title: '任务总数', value: c.total, testId: 'snapshot-total' },
    { title: '已完成', value: done(c), color: '#389e0d', testId: 'snapshot-done' },
    { title: '推进中', value: c.inProgress + c.dueSoon },
    { title: '未启动', value: c.notStarted },
    { title: '逾期', value: c.overdue, color: c.overdue ? '#cf1322' : undefined, testId: 'snapshot-overdue' },
    { title: '完成率', value: percent(c.completionRate), testId: 'snapshot-completion' },
    { title: '按时报送', value: `${r.onTime}/${r.expected}` },
  ];
  return (
    <Space size={compact ? 20 : 36} wrap data-testid="snapshot-overall">
      {items.map((i) => (
        <Statistic key={i.title} title={i.title} value={i.value} styles={{ content: { ...size, color: i.color } }} data-testid={i.testId} />
      ))}
    </Space>
  );
}

/** 各领域（指标）推进情况. */
export function SectionsTable({ snapshot, compact }: { snapshot: RoundSnapshot; compact?: boolean }) {
  const columns: ColumnsType<Section> = [
    { title: '领域（指标）', dataIndex: 'title' },
    { title: '任务', key: 'total', width: 56, align: 'right', render: (_, s) => s.counts.total },
    { title: '完成', key: 'done', width: 56, align: 'right', render: (_, s) => done(s.counts) },
    ...(compact ? [] : ([{ title: '推进中', key: 'progress', width: 64, align: 'right', render: (_: unknown, s: Section) => s.counts.inProgress + s.counts.dueSoon }] as ColumnsType<Section>)),
    { title: '逾期', key: 'overdue', width: 56, align: 'right', render: (_, s) => (s.counts.overdue ? <Typography.Text type="danger">{s.counts.overdue}</Typography.Text> : 0) },
    { title: '完成率', key: 'rate', width: 72, align: 'right', render: (_, s) => percent(s.counts.completionRate) },
  ];
  return (
    <Table<Section>
      rowKey="sectionId"
      size="small"
      columns={columns}
      dataSource={snapshot.bySection}
      pagination={compact ? { pageSize: 8, size: 'small', hideOnSinglePage: true, showSizeChanger: false } : false}
      data-testid="snapshot-sections"
    />
  );
}

/** 逾期任务, most overdue first. */
export function OverdueTable({ snapshot, compact }: { snapshot: RoundSnapshot; compact?: boolean }) {
  const columns: ColumnsType<Overdue> = [
    {
      title: '任务',
      key: 'task',
      render: (_, t) => (
        <Link to={`/tasks/${t.taskId}`}>
          <Tag color="blue">{t.number}</Tag>
          {t.title}
        </Link>
      ),
    },
    { title: '牵头单位', key: 'lead', width: compact ? 140 : 180, ellipsis: true, render: (_, t) => t.leadUnits.join('、') || '—' },
    ...(compact ? [] : ([{ title: '责任单位', key: 'resp', width: 200, ellipsis: true, render: (_: unknown, t: Overdue) => t.responsibleUnits.join('、') || '—' }] as ColumnsType<Overdue>)),
    { title: '截止', dataIndex: 'dueDate', width: 96, render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{d}</span> },
    {
      title: '逾期工作日',
      dataIndex: 'workdaysOverdue',
      width: 92,
      align: 'right',
      render: (n: number) => <Typography.Text type="danger" style={{ whiteSpace: 'nowrap' }}>{n}</Typography.Text>,
    },
  ];
  return (
    <Table<Overdue>
      rowKey="taskId"
      size="small"
      columns={columns}
      dataSource={snapshot.overdue}
      pagination={{ pageSize: compact ? 8 : 10, size: 'small', hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有逾期任务" /> }}
      data-testid="snapshot-overdue-table"
    />
  );
}

const REPORTING_LABELS: Record<string, { text: string; color: string }> = {
  '1': { text: '按时', color: 'success' },
  '0.5': { text: '逾期', color: 'warning' },
  '0': { text: '未报', color: 'error' },
};

/** 单位排名: completion, timeliness, reporting punctuality and the weighted score. */
export function RankingTable({ snapshot, compact }: { snapshot: RoundSnapshot; compact?: boolean }) {
  const columns: ColumnsType<UnitStanding> = [
    { title: '名次', dataIndex: 'rank', width: 52, align: 'center' },
    { title: '单位', dataIndex: 'name' },
    ...(compact
      ? []
      : ([
          { title: '任务', dataIndex: 'tasks', width: 56, align: 'right' },
          { title: '完成', dataIndex: 'done', width: 56, align: 'right' },
          { title: '逾期', dataIndex: 'overdue', width: 56, align: 'right' },
        ] as ColumnsType<UnitStanding>)),
    { title: '完成率', dataIndex: 'completionRate', width: 72, align: 'right', render: (v: number) => percent(v) },
    { title: '及时率', dataIndex: 'timelinessRate', width: 72, align: 'right', render: (v: number) => percent(v) },
    {
      title: '报送',
      dataIndex: 'reportingScore',
      width: 60,
      align: 'center',
      render: (v: number) => {
        const l = REPORTING_LABELS[String(v)];
        return l ? <Tag color={l.color} style={{ marginInlineEnd: 0 }}>{l.text}</Tag> : v;
      },
    },
    { title: '得分', dataIndex: 'score', width: 60, align: 'right', render: (v: number) => <Typography.Text strong>{Math.round(v * 10) / 10}</Typography.Text> },
  ];
  return (
    <Table<UnitStanding>
      rowKey="unitId"
      size="small"
      columns={columns}
      dataSource={snapshot.units}
      pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有参与排名的单位" /> }}
      data-testid="snapshot-ranking"
    />
  );
}

/** The plans' dated goals (6月底、9月底、年底) measured on the snapshot day. */
export function CheckpointsTable({ snapshot }: { snapshot: RoundSnapshot }) {
  const columns: ColumnsType<Checkpoint> = [
    { title: '时间节点', dataIndex: 'text', render: (t: string, c) => `${t}（${dayLabel(c.date)}）` },
    { title: '应完成', dataIndex: 'due', width: 72, align: 'right' },
    { title: '已完成', dataIndex: 'doneByCheckpoint', width: 72, align: 'right' },
    { title: '逾期', dataIndex: 'overdue', width: 60, align: 'right' },
    { title: '状态', dataIndex: 'state', width: 80, align: 'center', render: (s: Checkpoint['state']) => <Tag color={CHECKPOINT_STATE_COLORS[s]} style={{ marginInlineEnd: 0 }}>{CHECKPOINT_STATE_LABELS[s]}</Tag> },
  ];
  return <Table<Checkpoint> rowKey={(c) => `${c.date}-${c.text}`} size="small" columns={columns} dataSource={snapshot.checkpoints} pagination={false} />;
}

/** 好的做法 candidates: reports of the round that completed work. */
export function GoodPracticesList({ snapshot }: { snapshot: RoundSnapshot }) {
  if (snapshot.goodPractices.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期没有申报基本完成或已完成的进展" />;
  return (
    <List
      size="small"
      dataSource={snapshot.goodPractices}
      renderItem={(g) => (
        <List.Item style={{ paddingInline: 0, display: 'block' }}>
          <Typography.Text strong>
            {g.unitName} · 任务 {g.number}
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 12 }} ellipsis={{ rows: 3, expandable: 'collapsible' }}>
            {g.narrative}
          </Typography.Paragraph>
        </List.Item>
      )}
    />
  );
}
