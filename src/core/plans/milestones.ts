import type { Span } from '../parse/types.ts';

export interface MilestoneInput {
  text: string;
  deadlines: { text: string; date: string | null }[];
  /** Deadline spans into `source`, when the reader found them (hand-edited tasks have none). */
  deadlineSpans?: Span[] | null;
}

export interface MilestoneDraft {
  text: string;
  clause: string;
  date: string | null;
  span: Span | null;
}

const CLAUSE_END = /[。；;！!\n]/u;

/**
 * Turns a task's deadlines into milestones: each deadline with the clause it governs, read from the
 * phrase to the end of its sentence ("8月底前，申请人扫描证件二维码…取代纸质证照证明材料。").
 */
export function milestonesOf(task: MilestoneInput, source: string | null): MilestoneDraft[] {
  let searchFrom = 0;
  return task.deadlines.map((d, i) => {
    const span = task.deadlineSpans?.[i] ?? null;
    let clause: string;
    if (span && source && source.slice(span[0], span[1]) === d.text) {
      clause = clauseFrom(source, span[0]);
    } else {
      // No trustworthy span: find the phrase in the task text, after the previous one.
      const at = task.text.indexOf(d.text, searchFrom);
      clause = at >= 0 ? clauseFrom(task.text, at) : d.text;
      if (at >= 0) searchFrom = at + d.text.length;
    }
    return { text: d.text, clause, date: d.date, span: span && source && source.slice(span[0], span[1]) === d.text ? span : null };
  });
}

function clauseFrom(text: string, start: number): string {
  const rest = text.slice(start, start + 400);
  const m = CLAUSE_END.exec(rest);
  return m ? rest.slice(0, m.index + (m[0] === '\n' ? 0 : 1)) : rest;
}
