import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  MergeCellsOutlined,
  OrderedListOutlined,
  PlusOutlined,
  ScissorOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { Button, Popconfirm, Tooltip, Typography } from 'antd';
import { canMerge, canSplit } from '#core/draft/draft.ts';
import type { DraftTask } from '#core/draft/types.ts';

export interface TaskActions {
  add: () => void;
  remove: () => void;
  merge: () => void;
  split: () => void;
  move: (by: -1 | 1) => void;
  renumber: () => void;
  undo: () => void;
}

interface Props {
  tasks: DraftTask[];
  /** The selected task's row, -1 when none is selected. */
  selectedIndex: number;
  /** Where the caret stands in the selected task's text: where a split would cut. */
  caret: number | null;
  canUndo: boolean;
  /** Rows with something to correct before the draft can be saved. */
  issueCount: number;
  actions: TaskActions;
}

/** The buttons above the task table: add, delete, merge, split, move, renumber, undo; and how many rows still need work. */
export function TaskToolbar({ tasks, selectedIndex, caret, canUndo, issueCount, actions }: Props) {
  const selected = tasks[selectedIndex] ?? null;
  const hasSelection = selected !== null;
  const withSpans = tasks.filter((t) => t.spans !== null).length;
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 6, padding: '8px 10px', borderBottom: '1px solid #f0f0f0', flexWrap: 'wrap' }}>
      <Button size="small" icon={<PlusOutlined />} onClick={actions.add} data-testid="draft-add">
        新增
      </Button>
      <Popconfirm title="删除这项任务？" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={actions.remove} disabled={!hasSelection}>
        <Button size="small" icon={<DeleteOutlined />} disabled={!hasSelection} data-testid="draft-delete">
          删除
        </Button>
      </Popconfirm>
      <Tooltip title="把被错误拆开的两段合为一项">
        <Button size="small" icon={<MergeCellsOutlined />} disabled={!canMerge(tasks, selectedIndex)} onClick={actions.merge} data-testid="draft-merge">
          与下一条合并
        </Button>
      </Tooltip>
      <Tooltip title="在下方正文中点击定位光标，从光标处把一项拆成两项">
        <Button
          size="small"
          icon={<ScissorOutlined />}
          disabled={!selected || caret === null || !canSplit(selected, caret)}
          onClick={actions.split}
          data-testid="draft-split"
        >
          拆分
        </Button>
      </Tooltip>
      <Button size="small" icon={<ArrowUpOutlined />} disabled={selectedIndex <= 0} onClick={() => actions.move(-1)} title="上移" />
      <Button
        size="small"
        icon={<ArrowDownOutlined />}
        disabled={selectedIndex === -1 || selectedIndex >= tasks.length - 1}
        onClick={() => actions.move(1)}
        title="下移"
      />
      <Button size="small" icon={<OrderedListOutlined />} onClick={actions.renumber}>
        重新编号
      </Button>
      <Button size="small" icon={<UndoOutlined />} disabled={!canUndo} onClick={actions.undo} data-testid="draft-undo">
        撤销
      </Button>
      <Typography.Text type={issueCount ? 'danger' : 'secondary'} style={{ marginInlineStart: 'auto', fontSize: 12 }}>
        {issueCount ? `${issueCount} 项待修正 · ` : ''}
        {withSpans}/{tasks.length} 项可对照原文
      </Typography.Text>
    </div>
  );
}
