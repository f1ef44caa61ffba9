/**
 * Reader benchmark: `node bench/parse.ts`. Times parsePlan on the seed plan and on 30 KB, 300 KB and
 * 3 MB documents built by repeating the seed's attachment sections, and prints the median time, the
 * time per MB, and the ratio of per-MB times (3 MB vs 30 KB) — close to 1 when parsing is linear.
 * Targets: seed < 20 ms, 3 MB < 2 s. It prints figures; it does not fail.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parsePlan } from '../src/core/parse/index.ts';

const seed = readFileSync(fileURLToPath(new URL('../samples/shanting-2021-7.txt', import.meta.url)), 'utf8');

/** The seed's notice and body, then its attachment sections repeated until the text reaches `bytes`. */
function buildInput(bytes: number): string {
  const at = seed.indexOf('\n一、开办企业');
  const end = seed.lastIndexOf('山亭区人民政府办公室');
  const head = seed.slice(0, at);
  const sections = seed.slice(at, end);
  const parts = [head];
  let size = Buffer.byteLength(head);
  const sectionBytes = Buffer.byteLength(sections);
  while (size < bytes) {
    // Whole sections keep the document well-formed; the last one is cut at a line end.
    const room = bytes - size;
    const piece = room >= sectionBytes ? sections : sections.slice(0, sections.lastIndexOf('\n', Math.floor(room / 3)) + 1);
    if (piece.length === 0) break;
    parts.push(piece);
    size += Buffer.byteLength(piece);
  }
  return parts.join('');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

// Each run starts from a collected heap, so one run's garbage is not billed to the next.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function time(text: string, runs: number): { ms: number; tasks: number } {
  let tasks = 0;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = performance.now();
    tasks = parsePlan(text).tasks.length;
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), tasks };
}

// Warm up the JIT so the seed's figure is the steady state, as in a running server.
for (let i = 0; i < 5; i++) parsePlan(seed);

const inputs: [string, string, number][] = [
  ['seed', seed, 21],
  ['30 KB', buildInput(30_000), 21],
  ['300 KB', buildInput(300_000), 11],
  ['3 MB', buildInput(3_000_000), 5],
];
const rows = inputs.map(([name, text, runs]) => {
  const mb = Buffer.byteLength(text) / 1e6;
  const { ms, tasks } = time(text, runs);
  return { name, mb, tasks, ms, perMb: ms / mb };
});

console.log('input     size(MB)   tasks   median ms   ms per MB');
for (const r of rows) {
  console.log(`${r.name.padEnd(8)} ${r.mb.toFixed(3).padStart(9)} ${String(r.tasks).padStart(7)} ${r.ms.toFixed(1).padStart(11)} ${r.perMb.toFixed(1).padStart(11)}`);
}
const small = rows.find((r) => r.name === '30 KB');
const large = rows.find((r) => r.name === '3 MB');
if (small && large) console.log(`per-MB ratio 3 MB / 30 KB: ${(large.perMb / small.perMb).toFixed(2)} (≈1 means linear)`);
const seedRow = rows[0];
console.log(`targets: seed < 20 ms (${seedRow ? seedRow.ms.toFixed(1) : '?'} ms), 3 MB < 2000 ms (${large ? large.ms.toFixed(0) : '?'} ms)`);
