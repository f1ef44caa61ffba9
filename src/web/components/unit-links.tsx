import { Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import type { UnitRef } from '#core/api/common.ts';
import { asWrittenNote } from '../utils/format.ts';

interface Props {
  units: UnitRef[];
  empty?: string;
  /** Draw as coloured tags (the task page, matching the source highlight) instead of a "、" list. */
  tagColor?: string;
}

/** Units as links to their pages, separated by "、"; hover shows the name as the document wrote it. */
export function UnitLinks({ units, empty = '—', tagColor }: Props) {
  if (units.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  if (tagColor) {
    return (
      <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
        {units.map((u) => (
          <Tooltip key={u.id} title={asWrittenNote(u)}>
            <Link to={`/units/${u.id}`}>
              <Tag color={tagColor} style={{ marginInlineEnd: 0, cursor: 'pointer' }}>{u.name}</Tag>
            </Link>
          </Tooltip>
        ))}
      </span>
    );
  }
  return (
    <span className="tj-unit-list">
      {units.map((u) => {
        const note = asWrittenNote(u);
        const link = (
          <Link key={u.id} to={`/units/${u.id}`} onClick={(e) => e.stopPropagation()}>
            {u.name}
          </Link>
        );
        return note ? <Tooltip key={u.id} title={note}>{link}</Tooltip> : link;
      })}
    </span>
  );
}
