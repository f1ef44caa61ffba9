import { Tag, Tooltip, Typography } from 'antd';
import type { Deadline } from '#core/api/common.ts';
import { dayLabel } from '../utils/format.ts';

/** A task's deadlines as written ("6月底前"), the resolved date on hover; open-ended ones in grey. */
export function DeadlineTags({ deadlines, empty = '—' }: { deadlines: Deadline[]; empty?: string }) {
  if (deadlines.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {deadlines.map((d, i) => (
        <Tooltip key={`${d.text}-${i}`} title={d.date ? `截止 ${dayLabel(d.date)}` : '未解析出具体日期'}>
          <Tag color={d.date ? 'orange' : 'default'} style={{ marginInlineEnd: 0 }}>
            {d.text}
          </Tag>
        </Tooltip>
      ))}
    </span>
  );
}
