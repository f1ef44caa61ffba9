import type { TableColumnsType } from 'antd';
import { Tag } from 'antd';
import { Link } from 'react-router';
import { UNIT_ROLE_LABELS } from '#core/tasks/tasks.ts';

/** A task as a unit's task lists show it (我的单位, a unit's page). */
interface UnitTaskRow {
  id: number;
  planId: number;
  planNumber: string | null;
  number: string;
  title: string;
  role: keyof typeof UNIT_ROLE_LABELS;
}

/**
 * The columns a unit's task lists share: its role on the task, the plan, the number and the task
 * linked to its page. Clicks on the links do not also open the row.
 */
export function unitTaskColumns<T extends UnitTaskRow>(opts: { titleTestId?: string } = {}): TableColumnsType<T> {
  return [
    {
      title: '角色',
      dataIndex: 'role',
      width: 64,
      align: 'center',
      render: (r: T['role']) => <Tag color={r === 'lead' ? 'blue' : 'green'}>{UNIT_ROLE_LABELS[r]}</Tag>,
    },
    {
      title: '方案',
      dataIndex: 'planNumber',
      width: 160,
      render: (n: string | null, t) => (
        <Link to={`/plans/${t.planId}`} onClick={(e) => e.stopPropagation()}>
          {n ?? '方案'}
        </Link>
      ),
    },
    { title: '编号', dataIndex: 'number', width: 56, align: 'center' },
    {
      title: '任务',
      dataIndex: 'title',
      render: (title: string, t) => (
        <Link to={`/tasks/${t.id}`} onClick={(e) => e.stopPropagation()} data-testid={opts.titleTestId}>
          {title}
        </Link>
      ),
    },
  ];
}
