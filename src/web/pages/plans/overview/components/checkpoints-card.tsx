import { Card, Empty, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { getPlanCheckpoints } from '#web/api/plans.ts';
import type { CheckpointRow } from '#core/api/plans.ts';
import { useRequest } from '#web/hooks/use-request.ts';
import { dayLabel } from '#web/utils/format.ts';
import { CHECKPOINT_STATE_COLORS, CHECKPOINT_STATE_LABELS } from '#web/utils/checkpoints.ts';

interface Row extends CheckpointRow {
  key: string;
  section: string;
  sectionRowSpan: number;
}

/** 节点进度: each section against the plan's dated goals — due by each, done by it, done late, still overdue. */
export function CheckpointsCard({ planId, year }: { planId: number; year: number | null }) {
  const result = useRequest((signal) => getPlanCheckpoints(planId, signal), [planId]);
  const rows: Row[] = (result.data?.bySection ?? []).flatMap((s) =>
    s.checkpoints.map((c, i) => ({ ...c, key: `${s.sectionId}-${c.date}-${i}`, section: s.title, sectionRowSpan: i === 0 ? s.checkpoints.length : 0 })),
  );
  const columns: TableColumnsType<Row> = [
    { title: '章节', dataIndex: 'section', width: 240, onCell: (r) => ({ rowSpan: r.sectionRowSpan }) },
    {
      title: '节点',
      key: 'checkpoint',
      render: (_, r) => (
        <>
          <Typography.Text strong style={{ marginInlineEnd: 8 }}>{dayLabel(r.date, year)}</Typography.Text>
          <Typography.Text type="secondary">{r.text}</Typography.Text>
        </>
      ),
    },
    { title: '应完成', dataIndex: 'due', width: 72, align: 'right' },
    { title: '按期完成', dataIndex: 'doneByCheckpoint', width: 84, align: 'right' },
    { title: '逾期完成', dataIndex: 'doneLate', width: 84, align: 'right' },
    { title: '逾期未完成', dataIndex: 'overdue', width: 96, align: 'right', render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
    { title: '状态', dataIndex: 'state', width: 80, render: (s: Row['state']) => <Tag color={CHECKPOINT_STATE_COLORS[s]}>{CHECKPOINT_STATE_LABELS[s]}</Tag> },
  ];
  return (
    <Card size="small" title="节点进度" style={{ marginBottom: 12 }} styles={{ body: { padding: rows.length ? 0 : undefined } }} data-testid="checkpoints">
      {rows.length === 0 && !result.loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="方案没有写明日期的阶段目标" />
      ) : (
        <Table<Row> size="small" bordered columns={columns} dataSource={rows} pagination={false} loading={result.loading} />
      )}
    </Card>
  );
}
