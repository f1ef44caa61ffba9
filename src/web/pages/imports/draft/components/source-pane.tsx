import { Alert } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import type { DraftTask } from '../../../../../core/draft/types.ts';
import { HighlightedText } from '../../../../components/highlighted-text.tsx';
import { locateTask, taskMarks, type Mark, type TaskMarkKind } from '../../../../utils/highlight.ts';

interface Props {
  source: string;
  task: DraftTask | null;
}

/** Marks for the selected task: its spans, or where its words are found when it was edited by hand. */
function marksFor(source: string, task: DraftTask | null): { marks: Mark<TaskMarkKind>[]; located: boolean } {
  if (!task) return { marks: [], located: true };
  if (task.spans) return { marks: taskMarks(task.spans, 0, true), located: true };
  const found = locateTask(source, task);
  return { marks: found ?? [], located: found !== null };
}

/** The document text beside the table, scrolled to the selected task with its parts highlighted. */
export function SourcePane({ source, task }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const { marks, located } = useMemo(() => marksFor(source, task), [source, task]);

  useEffect(() => {
    const container = box.current;
    const first = container?.querySelector<HTMLElement>('.tj-mark-task');
    if (!container || !first) return;
    container.scrollTo({ top: Math.max(0, first.offsetTop - 48), behavior: 'smooth' });
  }, [marks]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      {!located && <Alert type="warning" showIcon banner title="在原文中找不到该任务（新增或标题已改动）" />}
      <div ref={box} style={{ position: 'relative', flex: 1, overflow: 'auto', padding: '8px 14px' }} data-testid="draft-source">
        <HighlightedText text={source} marks={marks} />
      </div>
    </div>
  );
}
