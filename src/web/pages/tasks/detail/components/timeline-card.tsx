import { Card, Empty, Timeline, Typography } from 'antd';
import { useMemo } from 'react';
import type { TimelineEntry } from '#core/api/tasks.ts';
import { timelineView } from '#web/utils/progress.ts';
import { shanghaiTime } from '#web/utils/time.ts';

/** 时间线: everything that happened on the task, newest first. */
export function TimelineCard({ entries }: { entries: TimelineEntry[] }) {
  const items = useMemo(() => timelineView(entries), [entries]);
  return (
    <Card size="small" title={`时间线（${items.length}）`} style={{ marginBottom: 12 }} data-testid="task-timeline">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无填报、审核或批示记录" />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={items.map((v) => ({
            key: v.key,
            color: v.color,
            content: (
              <div data-testid="timeline-item">
                <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
                  <Typography.Text strong style={{ color: v.color.startsWith('#') ? v.color : undefined }}>{v.title}</Typography.Text>
                  {v.who && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v.who}</Typography.Text>}
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 'auto' }}>{shanghaiTime(v.at, 'minute')}</Typography.Text>
                </div>
                {v.text && (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, marginTop: 2 }} ellipsis={{ rows: 3, expandable: 'collapsible' }}>
                    {v.text}
                  </Typography.Paragraph>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
