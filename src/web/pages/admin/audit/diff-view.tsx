import { Empty, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { auditDiff, formatValue, isChange, type DiffKind, type DiffRow } from '#web/pages/admin/audit/audit-diff.ts';
import { fieldLabel, roleNames } from '#web/pages/admin/audit/audit-labels.ts';

const KIND_TAGS: Record<DiffKind, { text: string; color: string }> = {
  added: { text: '新增', color: 'green' },
  removed: { text: '删除', color: 'red' },
  changed: { text: '修改', color: 'orange' },
  unchanged: { text: '未变', color: 'default' },
  untouched: { text: '未涉及', color: 'default' },
};

function Value({ value, path, className }: { value: unknown; path: string; className?: string }) {
  if (value === undefined) return null;
  const text = (path.endsWith('roles') && roleNames(value)) || formatValue(value);
  return <span className={`tj-diff-value ${className ?? ''}`}>{text}</span>;
}

/** An audit event's before/after, field by field; only the changes unless asked for all. */
export function AuditDiffView({ before, after }: { before: unknown; after: unknown }) {
  const rows = useMemo(() => auditDiff(before, after), [before, after]);
  const changes = rows.filter(isChange).length;
  const [all, setAll] = useState(changes === 0);
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="此事件未记录变更内容" />;

  const columns: ColumnsType<DiffRow> = [
    {
      title: '字段',
      dataIndex: 'path',
      width: 200,
      render: (path: string) => (
        <>
          <div>{fieldLabel(path)}</div>
          {fieldLabel(path) !== path && <Typography.Text type="secondary" style={{ fontSize: 11 }}>{path}</Typography.Text>}
        </>
      ),
    },
    { title: '', dataIndex: 'kind', width: 70, render: (k: DiffKind) => <Tag color={KIND_TAGS[k].color}>{KIND_TAGS[k].text}</Tag> },
    {
      title: '变更前',
      key: 'before',
      render: (_, r) => <Value value={r.before} path={r.path} className={r.kind === 'changed' || r.kind === 'removed' ? 'tj-diff-before' : undefined} />,
    },
    {
      title: '变更后',
      key: 'after',
      render: (_, r) =>
        r.kind === 'untouched' ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>（未涉及）</Typography.Text>
        ) : (
          <Value value={r.after} path={r.path} className={r.kind === 'changed' || r.kind === 'added' ? 'tj-diff-after' : undefined} />
        ),
    },
  ];

  return (
    <div data-testid="audit-diff">
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 6, fontSize: 12 }}>
        <Typography.Text type="secondary">{changes} 处变化，共 {rows.length} 个字段</Typography.Text>
        <Switch size="small" checked={all} onChange={setAll} />
        <span>显示全部字段</span>
      </div>
      <Table<DiffRow>
        className="tj-diff"
        rowKey="path"
        size="small"
        columns={columns}
        dataSource={all ? rows : rows.filter(isChange)}
        pagination={false}
        bordered
      />
    </div>
  );
}
