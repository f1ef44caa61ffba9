/**
 * Circular benchmark: `node bench/circular.ts`. Renders the circular (通报) of a 200-task round — the
 * hand-built sample snapshot of the tests — as .docx, .pdf and .xlsx, and prints each time next to a
 * baseline measured in the same process: the one-page 督办通知 .docx. "cold" is the first render in
 * the process (the PDF then also reads and parses the CJK fonts, ~70 MB of font collections); "warm"
 * is the median of the following runs. The server renders PDFs in a worker thread and asks it to parse
 * the fonts when a draft is created, so an issue normally pays the warm figure. Target (issue 5): the three files of a 200-task circular in under 2 s. It
 * prints figures; it does not fail.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { draftCircular } from '#core/circulars/draft.ts';
import { circularElements } from '#server/circulars/circular-content.ts';
import { renderCircularDocx } from '#server/circulars/circular-docx.ts';
import { renderCircularPdf } from '#server/circulars/circular-pdf.ts';
import { renderCircularXlsx } from '#server/circulars/circular-xlsx.ts';
import { sampleSnapshot } from '#core/rounds/sample-snapshot.ts';
import { renderPdf } from '#server/circulars/pdf-renderer.ts';
import { buildSupervisionNotice } from '#server/notifications/supervision-notice.ts';

const RUNS = 7;
const snapshot = sampleSnapshot({ tasks: 200 });
const issuer = '山亭区人民政府办公室';
const draft = draftCircular(snapshot, { issuer });
const elements = () => circularElements({ title: draft.title, docNumber: draft.docNumber, issuer, blocks: draft.blocks, date: '2021-07-08' }, snapshot);
const notice = {
  planTitle: '山亭区优化营商环境创新突破行动落实方案', planNumber: '山政发〔2021〕7号', taskNumber: '3', taskTitle: '优化企业开办流程', leadUnits: ['区审批服务局'], responsibleUnits: ['区市场监管局'],
  milestoneText: '2021年6月底前', dueDate: '2021-06-30', workdaysOverdue: 12, today: '2021-07-16', issuer,
};

// The server renders PDFs in a worker thread (fonts parsed once, event loop never blocked): measured
// first, so its cold figure includes starting the thread and parsing the fonts there.
const cases: [string, () => Promise<Buffer>][] = [
  ['baseline: 督办通知 .docx', () => buildSupervisionNotice(notice)],
  ['circular .pdf (worker)', () => renderPdf(draft.title, elements(), issuer)],
  ['circular .docx', () => renderCircularDocx(draft.title, elements())],
  ['circular .pdf (in-process)', () => renderCircularPdf(draft.title, elements(), { author: issuer })],
  ['circular .xlsx', () => renderCircularXlsx(draft.title, snapshot)],
];

async function time(fn: () => Promise<Buffer>): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const b = await fn();
  return { ms: performance.now() - t0, bytes: b.length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`node ${process.version}, ${cpus().length} CPUs; sample: ${snapshot.tasks.length} tasks, ${snapshot.overdue.length} overdue, ${snapshot.units.length} units, ${snapshot.bySection.length} sections`);
const results: { name: string; cold: number; warm: number; bytes: number }[] = [];
for (const [name, fn] of cases) {
  const cold = await time(fn);
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push((await time(fn)).ms);
  results.push({ name, cold: cold.ms, warm: median(warm), bytes: cold.bytes });
}
const base = results[0]!.warm;
for (const r of results) {
  console.log(`${r.name.padEnd(26)} cold ${r.cold.toFixed(0).padStart(6)} ms   warm ${r.warm.toFixed(1).padStart(7)} ms   ×${(r.warm / base).toFixed(1).padStart(6)} baseline   ${(r.bytes / 1024).toFixed(0).padStart(5)} KB`);
}
// What issuing renders: .docx, .pdf (worker) and .xlsx.
const all = results.filter((r) => /docx$|worker|xlsx$/.test(r.name) && !r.name.startsWith('baseline'));
const coldTotal = all.reduce((s, r) => s + r.cold, 0);
const warmTotal = all.reduce((s, r) => s + r.warm, 0);
console.log(`all three files (what issuing renders): cold ${coldTotal.toFixed(0)} ms, warm ${warmTotal.toFixed(0)} ms — target < 2000 ms: ${coldTotal < 2000 ? 'met' : 'NOT met'} cold, ${warmTotal < 2000 ? 'met' : 'NOT met'} warm`);
