import { Alert, Button, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DraftTask } from '#core/draft/types.ts';
import type { Span } from '#web/api/types.ts';
import { HighlightedText } from '#web/components/highlighted-text.tsx';
import { locateTask, taskMarks, type Mark, type TaskMarkKind } from '#web/utils/highlight.ts';
import { lineAt } from '../reading.ts';

interface Props {
  source: string;
  task: DraftTask | null;
  /** A place to show instead of the task (a warning's span, a marked line). */
  focus?: Span | null;
  /** "从此行开始一项任务" on the line the coordinator clicked; absent while a re-read runs. */
  onTaskStart?: (lineStart: number) => void;
}

/** Marks for the selected task: its spans, or where its words are found when it was edited by hand. */
function marksFor(source: string, task: DraftTask | null): { marks: Mark<TaskMarkKind>[]; located: boolean } {
  if (!task) return { marks: [], located: true };
  if (task.spans) return { marks: taskMarks(task.spans, 0, true), located: true };
  const found = locateTask(source, task);
  return { marks: found ?? [], located: found !== null };
}

/**
 * The source offset of a DOM position inside `root`: the highlighted text renders the source
 * verbatim (plain text and <mark>s), so counting characters of the text nodes before it gives it.
 */
function sourceOffset(root: Node, node: Node, offset: number): number | null {
  if (!root.contains(node)) return null;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let total = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n === node) return total + offset;
    total += n.textContent?.length ?? 0;
  }
  return node === root ? total : null;
}

/** The document text beside the table, scrolled to the selected task with its parts highlighted. */
export function SourcePane({ source, task, focus = null, onTaskStart }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const text = useRef<HTMLDivElement>(null);
  const [picked, setPicked] = useState<{ start: number; end: number; number: number } | null>(null);
  const { marks, located } = useMemo(() => {
    if (focus) return { marks: [{ start: focus[0], end: focus[1], kind: 'task' as const }], located: true };
    return marksFor(source, task);
  }, [source, task, focus]);

  useEffect(() => {
    const container = box.current;
    const first = container?.querySelector<HTMLElement>('.tj-mark-task');
    if (!container || !first) return;
    container.scrollTo({ top: Math.max(0, first.offsetTop - 48), behavior: 'smooth' });
  }, [marks]);

  // A click (a caret, not a selection of words) picks the line under it.
  function pick() {
    const sel = window.getSelection();
    if (!text.current || !sel || sel.rangeCount === 0 || !sel.isCollapsed || !sel.anchorNode) return;
    const at = sourceOffset(text.current, sel.anchorNode, sel.anchorOffset);
    if (at === null) return;
    const line = lineAt(source, at);
    setPicked(source.slice(line.start, line.end).trim() === '' ? null : line);
  }

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      {!located && <Alert type="warning" showIcon banner title="在原文中找不到该任务（新增或标题已改动）" />}
      {picked && onTaskStart && (
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '6px 12px', background: '#e6f4ff', borderBottom: '1px solid #bae0ff' }} data-testid="source-picked-line">
          <Typography.Text ellipsis style={{ flex: 1, minWidth: 0, fontSize: 12 }}>
            第 {picked.number} 行：{source.slice(picked.start, picked.end).trim()}
          </Typography.Text>
          <Button size="small" type="primary" onClick={() => { onTaskStart(picked.start); setPicked(null); }} data-testid="source-task-start">
            从此行开始一项任务
          </Button>
          <Button size="small" type="text" onClick={() => setPicked(null)}>取消</Button>
        </div>
      )}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a click only picks the line for the toolbar above, whose button is the action */}
      <div ref={box} style={{ position: 'relative', flex: 1, overflow: 'auto', padding: '8px 14px' }} data-testid="draft-source" onMouseUp={onTaskStart ? pick : undefined}>
        <HighlightedText ref={text} text={source} marks={marks} />
      </div>
    </div>
  );
}
