/**
 * Reader benchmark: `node bench/parse.ts` (issue 10, "Speed stays"). Times parsePlan on
 * - the seed plan (target < 20 ms);
 * - 0.3, 1 and 3 MB plans built by repeating the seed's attachment sections (target: 3 MB < 1 s), with
 *   the time per MB of each and the per-MB ratios against 0.3 MB — close to 1 when reading is linear;
 * - a 3 MB plan with its line breaks lost (one paragraph), as web copies arrive;
 * - a 3 MB flattened table (tab-separated cells, header row, merged cells left blank), rendered from the
 *   seed's own reading.
 * It prints figures; it does not fail. A slow input is timed fewer times rather than stalling the run.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parsePlan } from '#core/parse/index.ts';

const seed = readFileSync(fileURLToPath(new URL('../samples/shanting-2021-7.txt', import.meta.url)), 'utf8');
const MB = 1e6;

/** Appends pieces of `body` after `head` until the text reaches `bytes`; the last piece is cut at a line end. */
function grow(head: string, body: string, bytes: number): string {
  const parts = [head];
  let size = Buffer.byteLength(head);
  const bodyBytes = Buffer.byteLength(body);
  while (size < bytes) {
    const room = bytes - size;
    // Whole copies keep the document well-formed; CJK text is 3 bytes a character in UTF-8.
    const piece = room >= bodyBytes ? body : body.slice(0, body.lastIndexOf('\n', Math.floor(room / 3)) + 1);
    if (piece.length === 0) break;
    parts.push(piece);
    size += Buffer.byteLength(piece);
  }
  return parts.join('');
}

/** The seed's notice and body, then its attachment sections repeated until the text reaches `bytes`. */
function seedPlanOf(bytes: number): string {
  const at = seed.indexOf('\n一、开办企业');
  const end = seed.lastIndexOf('山亭区人民政府办公室');
  return grow(seed.slice(0, at), seed.slice(at, end), bytes);
}

/**
 * The seed's tasks as a flattened table, the way spreadsheets paste into text: one row per task, cells
 * separated by tabs, the section cell left blank after its first row (a merged cell), units and
 * deadlines in their own columns.
 */
function seedTableOf(bytes: number): string {
  const reading = parsePlan(seed);
  const rows: string[] = [];
  let lastSection = '';
  reading.tasks.forEach((t, i) => {
    const section = t.path[0] ?? '';
    const cells = [
      String(i + 1),
      section === lastSection ? '' : section,
      t.text.replace(/\s+/g, ''),
      t.lead.join('、'),
      t.responsible.join('、'),
      t.deadlines.map((d) => d.text).join('、'),
    ];
    lastSection = section;
    rows.push(cells.join('\t'));
  });
  const head = '山亭区2021年优化营商环境重点任务清单\n序号\t重点任务\t具体措施\t牵头单位\t责任单位\t完成时限\n';
  return grow(head, `${rows.join('\n')}\n`, bytes);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

// Each run starts from a collected heap, so one run's garbage is not billed to the next.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Median of up to `runs` timings; stops repeating once 10 s have gone, so a slow input cannot stall the bench. */
function time(text: string, runs: number): { ms: number; tasks: number; runs: number } {
  let tasks = 0;
  const ms: number[] = [];
  let spent = 0;
  for (let i = 0; i < runs && (i === 0 || spent < 10_000); i++) {
    gc();
    const t0 = performance.now();
    tasks = parsePlan(text).tasks.length;
    const dt = performance.now() - t0;
    ms.push(dt);
    spent += dt;
  }
  return { ms: median(ms), tasks, runs: ms.length };
}

// Warm up the JIT so the seed's figure is the steady state, as in a running server.
for (let i = 0; i < 5; i++) parsePlan(seed);

const plan3 = seedPlanOf(3 * MB);
const inputs: [string, string, number][] = [
  ['seed', seed, 21],
  ['0.3 MB', seedPlanOf(0.3 * MB), 11],
  ['1 MB', seedPlanOf(1 * MB), 7],
  ['3 MB', plan3, 5],
  // Line breaks lost: every newline gone, so the whole plan is one paragraph.
  ['3 MB one line', plan3.replace(/\r?\n/g, ''), 5],
  ['3 MB table', seedTableOf(3 * MB), 5],
];
const rows = inputs.map(([name, text, runs]) => {
  const mb = Buffer.byteLength(text) / MB;
  const r = time(text, runs);
  return { name, mb, ...r, perMb: r.ms / mb };
});

console.log('input            size(MB)   tasks   runs   median ms   ms per MB');
for (const r of rows) {
  console.log(
    `${r.name.padEnd(14)} ${r.mb.toFixed(3).padStart(9)} ${String(r.tasks).padStart(7)} ${String(r.runs).padStart(6)} ${r.ms.toFixed(1).padStart(11)} ${r.perMb.toFixed(1).padStart(11)}`,
  );
}
const row = (name: string) => rows.find((r) => r.name === name);
const base = row('0.3 MB');
if (base) {
  for (const name of ['1 MB', '3 MB', '3 MB one line', '3 MB table']) {
    const r = row(name);
    if (r) console.log(`per-MB ratio ${name} / 0.3 MB: ${(r.perMb / base.perMb).toFixed(2)} (≈1 means linear)`);
  }
}
const fmt = (name: string) => (row(name)?.ms ?? Number.NaN).toFixed(0);
console.log(
  `targets: seed < 20 ms (${(row('seed')?.ms ?? Number.NaN).toFixed(1)} ms), 3 MB < 1000 ms (${fmt('3 MB')} ms; one line ${fmt('3 MB one line')} ms; table ${fmt('3 MB table')} ms)`,
);
