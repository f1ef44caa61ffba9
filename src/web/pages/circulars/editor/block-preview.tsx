import { Descriptions, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { CircularBlocks, RoundSnapshot } from '#web/api/circulars.ts';
import { dayLabel } from '#web/utils/format.ts';
import { CheckpointsTable, GoodPracticesList, OverallFigures, OverdueTable, RankingTable, SectionsTable } from '#web/pages/rounds/components/snapshot-tables.tsx';
import { periodLabel } from '#web/pages/rounds/round-utils.ts';

/** What of the snapshot a block is written about, shown read-only beside it; null for blocks with no table. */
export function blockPreview(key: keyof CircularBlocks, snapshot: RoundSnapshot): ReactNode {
  switch (key) {
    case 'intro': {
      const r = snapshot.round;
      return (
        <Descriptions
          size="small"
          column={1}
          styles={{ label: { width: 76 } }}
          items={[
            { key: 'round', label: '调度', children: r.title },
            { key: 'period', label: '报送期间', children: periodLabel(r.periodStart, r.periodEnd) ?? '—' },
            { key: 'due', label: '报送截止', children: dayLabel(r.dueDate) },
            { key: 'plans', label: '方案', children: snapshot.plans.map((p) => (p.number ? `${p.number} ${p.title}` : p.title)).join('；') },
            {
              key: 'reporting',
              label: '报送',
              children: `应报 ${snapshot.reporting.expected} 个单位，按时 ${snapshot.reporting.onTime} 个，逾期 ${snapshot.reporting.late} 个，未报 ${snapshot.reporting.missing.length} 个`,
            },
          ]}
        />
      );
    }
    case 'overall':
      return (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <OverallFigures snapshot={snapshot} compact />
          {snapshot.checkpoints.length > 0 && <CheckpointsTable snapshot={snapshot} />}
        </Space>
      );
    case 'sections':
      return <SectionsTable snapshot={snapshot} compact />;
    case 'overdue':
      return <OverdueTable snapshot={snapshot} compact />;
    case 'ranking':
      return <RankingTable snapshot={snapshot} compact />;
    case 'goodPractices':
      return <GoodPracticesList snapshot={snapshot} />;
    case 'nextSteps':
      return snapshot.reporting.missing.length > 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          未报送单位：{snapshot.reporting.missing.map((m) => m.name).join('、')}
        </Typography.Text>
      ) : null;
    case 'addressee':
      return null;
  }
}
