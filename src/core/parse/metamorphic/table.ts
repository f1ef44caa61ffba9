import { expectedUnits } from './annotate.ts';
import { firstDiff, heading, type Ctx } from './ctx.ts';
import type { ExpectedTask, MetaTask } from './types.ts';

/**
 * The tasks as a flattened table: outer path levels as numbered heading lines, each followed by a
 * table whose rows are its tasks; the innermost path level is the category column, whose merged
 * cells are repeated or left blank.
 */
export function renderTables(ctx: Ctx, tasks: MetaTask[], sectionOffset: number): { paras: string[]; tasks: ExpectedTask[]; sections: number } {
  const { opts, tx, depth } = ctx;
  const outer = Math.max(0, depth - 1);
  const hasCategory = depth > 0;
  const hasDue = tasks.some((t) => t.due);
  // The category header word rides on the lead label choice, so both words occur without an option of their own.
  const header = [
    '序号',
    ...(hasCategory ? [opts.labels.lead === '牵头单位' ? '工作任务' : '重点任务'] : []),
    hasCategory ? '具体措施' : '工作任务',
    ...(ctx.firstLead ? [] : [opts.labels.lead]),
    opts.labels.responsible,
    ...(hasDue || opts.table.sep !== 'spaces' ? ['完成时限'] : []),
  ].map(tx);
  const paras: string[] = [];
  const expected: ExpectedTask[] = [];
  const headings: string[] = [];
  const counters = new Array<number>(depth + 1).fill(0);
  counters[0] = sectionOffset;
  let prev: string[] | null = null;
  let prevCategory: string | null = null;
  let n = 0;
  for (const task of tasks) {
    const k = prev === null ? 0 : firstDiff(prev, task.path.slice(0, outer));
    if (prev === null || k < outer) {
      for (let d = k; d < outer; d++) {
        counters[d] = (counters[d] ?? 0) + 1;
        for (let e = d + 1; e < outer; e++) counters[e] = 0;
        headings[d] = heading(ctx, d, counters[d] ?? 0, task.path[d] ?? '');
        paras.push(headings[d] ?? '');
      }
      if (!opts.running) n = 0;
      paras.push(...row(ctx, header, true));
      prevCategory = null;
    }
    prev = task.path.slice(0, outer);
    n++;
    const category = hasCategory ? tx(task.path[depth - 1] ?? '') : '';
    const units = expectedUnits(task, ctx.firstLead);
    const text = tx(task.text);
    const cells = [
      String(n),
      ...(hasCategory ? [opts.table.merged === 'blank' && opts.table.sep !== 'spaces' && category === prevCategory ? '' : category] : []),
      text,
      ...(ctx.firstLead ? [] : [units.lead.map(tx).join(tx('、'))]),
      (ctx.firstLead ? [...units.lead, ...units.responsible] : units.responsible).map(tx).join(tx('、')),
      ...(hasDue || opts.table.sep !== 'spaces' ? [task.due ? tx(task.due.text) : ''] : []),
    ];
    prevCategory = category;
    paras.push(...row(ctx, cells, false));
    expected.push({
      path: [...headings.slice(0, outer), ...(hasCategory ? [category] : [])],
      number: n,
      title: tx(task.title),
      text,
      deadlines: [...task.deadlines, ...(task.due ? [task.due] : [])].map((d) => ({ text: tx(d.text), date: d.date })),
      lead: units.lead.map(tx),
      responsible: units.responsible.map(tx),
    });
  }
  return { paras, tasks: expected, sections: outer > 0 ? (counters[0] ?? 0) - sectionOffset : 0 };
}

/** One table row as lines of text in the chosen flattening. */
function row(ctx: Ctx, cells: string[], isHeader: boolean): string[] {
  switch (ctx.opts.table.sep) {
    case 'tab':
      return [cells.join('\t')];
    case 'spaces':
      // Runs of spaces cannot show an empty cell, so copies of such tables carry a "/" there.
      return [cells.map((c) => c || '/').join('   ')];
    case 'pipe':
      return [`| ${cells.join(' | ')} |`, ...(isHeader ? [`|${cells.map(() => '---').join('|')}|`] : [])];
    case 'cell-lines':
      return cells;
  }
}
