import { Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useEffect, useMemo, useRef, type HTMLAttributes } from 'react';
import type { DraftTask, DraftTaskPatch } from '#core/draft/types.ts';
import { useElementHeight } from '#web/hooks/use-element-height.ts';
import { CommitInput } from './commit-input.tsx';

interface Props {
  tasks: DraftTask[];
  selectedKey: string | null;
  onSelect: (key: string) => void;
  onChange: (index: number, patch: DraftTaskPatch) => void;
  /** Row index → problems, drawn as a red edge and a tooltip. */
  issues: Map<number, string[]>;
  /** Every unit name in the draft, most used first, offered in the unit fields. */
  unitNames: string[];
}

const PATH_SEPARATOR = ' / ';

function UnitCell({ names }: { names: string[] }) {
  if (names.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = names.join('、');
  return (
    <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ margin: 0, fontSize: 12 }}>
      {text}
    </Typography.Paragraph>
  );
}

/**
 * The draft's tasks. The selected row turns into inputs (inline editing); other rows stay plain text,
 * which keeps a 200-row table responsive.
 */
export function TaskTable({ tasks, selectedKey, onSelect, onChange, issues, unitNames }: Props) {
  const wrapper = useRef<HTMLDivElement>(null);
  const height = useElementHeight(wrapper);

  const pathOptions = useMemo(() => {
    const seen = new Map<string, string[]>();
    for (const t of tasks) seen.set(t.path.join(PATH_SEPARATOR), t.path);
    return [...seen.entries()].map(([label, path]) => ({ value: label, label, path }));
  }, [tasks]);
  const unitOptions = useMemo(() => unitNames.map((n) => ({ value: n, label: n })), [unitNames]);
  const indexOf = useMemo(() => new Map(tasks.map((t, i) => [t.key, i])), [tasks]);

  // Keep the selected row visible when the selection moves from outside the table (toolbar, errors).
  useEffect(() => {
    if (!selectedKey || !wrapper.current) return;
    const row = wrapper.current.querySelector<HTMLElement>(`tr[data-row-key="${CSS.escape(selectedKey)}"]`);
    row?.scrollIntoView({ block: 'nearest' });
  }, [selectedKey]);

  const columns = useMemo<ColumnsType<DraftTask>>(() => {
    const isSelected = (t: DraftTask) => t.key === selectedKey;
    const at = (t: DraftTask) => indexOf.get(t.key) ?? -1;
    return [
      {
        title: '#',
        key: 'index',
        width: 44,
        align: 'right',
        render: (_, t) => {
          const problems = issues.get(at(t));
          const n = at(t) + 1;
          return problems ? <Tooltip title={problems.join('；')}><Typography.Text type="danger">{n}</Typography.Text></Tooltip> : <Typography.Text type="secondary">{n}</Typography.Text>;
        },
      },
      {
        title: '章节',
        key: 'path',
        width: 120,
        render: (_, t) =>
          isSelected(t) ? (
            <Select
              size="small"
              style={{ width: '100%' }}
              popupMatchSelectWidth={320}
              value={t.path.join(PATH_SEPARATOR)}
              options={pathOptions}
              onClick={(e) => e.stopPropagation()}
              onChange={(_v, option) => {
                const picked = Array.isArray(option) ? undefined : option;
                if (picked && 'path' in picked) onChange(at(t), { path: [...(picked.path as string[])] });
              }}
            />
          ) : (
            <Typography.Text ellipsis={{ tooltip: t.path.join(PATH_SEPARATOR) }} style={{ fontSize: 12, width: 104 }}>
              {t.path[t.path.length - 1] ?? '—'}
            </Typography.Text>
          ),
      },
      {
        title: '编号',
        dataIndex: 'number',
        width: 60,
        align: 'center',
        render: (n: string, t) => (isSelected(t) ? <CommitInput value={n} onCommit={(v) => onChange(at(t), { number: v.trim() })} testId="draft-number" /> : n),
      },
      {
        title: '标题',
        dataIndex: 'title',
        render: (title: string, t) =>
          isSelected(t) ? (
            <CommitInput
              multiline
              value={title}
              status={title.trim() === '' ? 'error' : undefined}
              placeholder="任务标题（必填）"
              onCommit={(v) => onChange(at(t), { title: v.trim() })}
              testId="draft-title"
            />
          ) : title.trim() === '' ? (
            <Typography.Text type="danger">（无标题）</Typography.Text>
          ) : (
            <Typography.Paragraph ellipsis={{ rows: 2, tooltip: title }} style={{ margin: 0 }}>
              {title}
              {t.spans === null && <Tag bordered={false} color="purple" style={{ marginInlineStart: 6, fontSize: 11, lineHeight: '16px' }}>已编辑</Tag>}
            </Typography.Paragraph>
          ),
      },
      {
        title: '截止时间',
        key: 'deadlines',
        width: 120,
        render: (_, t) =>
          t.deadlines.length === 0 ? (
            <Typography.Text type="secondary">—</Typography.Text>
          ) : (
            <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 2 }}>
              {t.deadlines.map((d, i) => (
                <Tag key={i} color={d.date ? 'orange' : 'default'} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '18px', paddingInline: 4 }} title={d.date ?? '无具体日期'}>
                  {d.text}
                </Tag>
              ))}
            </span>
          ),
      },
      ...(['lead', 'responsible'] as const).map((field) => ({
        title: field === 'lead' ? '牵头单位' : '责任单位',
        key: field,
        width: field === 'lead' ? 150 : 180,
        render: (_: unknown, t: DraftTask) =>
          isSelected(t) ? (
            <Select
              mode="tags"
              size="small"
              style={{ width: '100%' }}
              value={t[field]}
              options={unitOptions}
              tokenSeparators={['、', ',', '，']}
              placeholder="输入或选择单位"
              onClick={(e) => e.stopPropagation()}
              onChange={(names: string[]) => onChange(at(t), { [field]: names.map((n) => n.trim()).filter(Boolean) })}
              data-testid={`draft-${field}`}
            />
          ) : (
            <UnitCell names={t[field]} />
          ),
      })),
    ];
  }, [selectedKey, indexOf, issues, pathOptions, unitOptions, onChange]);

  return (
    <div ref={wrapper} style={{ flex: 1, minHeight: 0 }}>
      <Table<DraftTask>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={tasks}
        pagination={false}
        scroll={{ y: Math.max(120, height - 40) }}
        rowClassName={(t, i) => ['tj-row-clickable', t.key === selectedKey ? 'tj-row-selected' : '', issues.has(i) ? 'tj-row-error' : ''].join(' ')}
        onRow={(t) => ({ onClick: () => t.key !== selectedKey && onSelect(t.key), 'data-testid': 'draft-task-row' }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
