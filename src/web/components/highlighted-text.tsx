import { forwardRef, type CSSProperties } from 'react';
import { highlight, type Mark, type TaskMarkKind } from '../utils/highlight.ts';

/** The legend for the colours `HighlightedText` uses. */
export function HighlightLegend() {
  return (
    <span className="tj-legend">
      <span className="tj-legend-title">任务标题</span>
      <span className="tj-legend-deadline">截止时间</span>
      <span className="tj-legend-lead">牵头单位</span>
      <span className="tj-legend-responsible">责任单位</span>
    </span>
  );
}

interface Props {
  text: string;
  marks: readonly Mark<TaskMarkKind>[];
  style?: CSSProperties;
}

/** Source text with the task's title, deadlines and units marked (`<mark>`, one class per kind). */
export const HighlightedText = forwardRef<HTMLDivElement, Props>(function HighlightedText({ text, marks, style }, ref) {
  return (
    <div ref={ref} className="tj-source" style={style}>
      {highlight(text, marks).map((s) =>
        s.kinds.length === 0 ? (
          s.text
        ) : (
          <mark key={s.start} className={['tj-mark', ...s.kinds.map((k) => `tj-mark-${k}`)].join(' ')} data-mark={s.kinds.join(' ')}>
            {s.text}
          </mark>
        ),
      )}
    </div>
  );
});
