import { Card, Menu } from 'antd';
import { monthLabel } from '#web/utils/format.ts';

interface Props {
  months: { month: string; items: unknown[] }[];
  /** null = all months. */
  selected: string | null;
  onSelect: (month: string | null) => void;
}

/** The month index beside the calendar list: each month with its number of milestones. */
export function MonthNav({ months, selected, onSelect }: Props) {
  const total = months.reduce((n, m) => n + m.items.length, 0);
  return (
    <Card size="small" style={{ width: 170, flex: 'none', position: 'sticky', top: 64 }} styles={{ body: { padding: 4 } }}>
      <Menu
        mode="inline"
        selectedKeys={[selected ?? 'all']}
        style={{ borderInlineEnd: 'none' }}
        onClick={({ key }) => onSelect(key === 'all' ? null : key)}
        items={[
          { key: 'all', label: <MonthLabel label="全部月份" count={total} /> },
          ...months.map((m) => ({ key: m.month, disabled: m.items.length === 0, label: <MonthLabel label={monthLabel(m.month)} count={m.items.length} /> })),
        ]}
      />
    </Card>
  );
}

function MonthLabel({ label, count }: { label: string; count: number }) {
  return (
    <span style={{ display: 'flex', justifyContent: 'space-between' }}>
      <span>{label}</span>
      <span style={{ color: '#8c8c8c' }}>{count}</span>
    </span>
  );
}
