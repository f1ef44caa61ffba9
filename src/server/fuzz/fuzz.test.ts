import { expect, it } from 'vitest';
import { ANONYMOUS } from './generator.ts';
import { MAX_HEAP_GROWTH_MB, MAX_RSS_GROWTH_MB, runFuzz } from './suite.ts';
import { PERSONAS } from './world.ts';

/**
 * The fuzz tier of `npm test`: a smaller run of the suite `npm run fuzz` runs in full (≥ 10,000
 * requests). Fixed seed, so CI repeats itself; FUZZ_SEED and FUZZ_TEST_COUNT change it.
 */
const seed = Number(process.env.FUZZ_SEED ?? 20261204);
const count = Number(process.env.FUZZ_TEST_COUNT ?? 1500);

it(`answers ${count} invalid requests on every route without a 5xx, in the error shape, and stays healthy`, async () => {
  const run = await runFuzz({ count, seed });
  console.log(run.report);
  const { stats, ops } = run;
  expect(stats.cases).toBe(count);
  expect(stats.sent).toBeGreaterThanOrEqual(count);
  expect(stats.failures).toEqual([]);
  expect(stats.serverErrors).toBe(0);
  expect(stats.healthStatus).toBe(200);
  // Every route of the registry, the ones the document hides (downloads, exports) included, as every persona.
  expect(ops.length).toBe(new Set(ops.map((o) => `${o.method} ${o.route}`)).size);
  expect(stats.routes.size).toBe(ops.length);
  expect([...stats.routes]).toEqual(
    expect.arrayContaining(['GET /api/attachments/:id', 'GET /api/circulars/:id.pdf', 'GET /api/audit.xlsx', 'POST /api/reports/:id/attachments']),
  );
  expect(Object.keys(stats.byPersona).sort()).toEqual([...PERSONAS].sort());
  // Signed-in personas get past the guard on some requests: the run is not only 401s.
  for (const p of PERSONAS.filter((x) => x !== ANONYMOUS)) expect(stats.byPersona[p]!['2xx'] ?? 0, p).toBeGreaterThan(0);
  for (const group of ['path', 'query', 'field', 'body', 'content-type', 'multipart', 'race', 'session'])
    expect(stats.byGroup[group] ?? 0, group).toBeGreaterThan(0);
  expect(stats.memoryAfter.heapMB - stats.memoryBefore.heapMB).toBeLessThan(MAX_HEAP_GROWTH_MB);
  expect(stats.memoryAfter.rssMB - stats.memoryBefore.rssMB).toBeLessThan(MAX_RSS_GROWTH_MB);
  expect(run.problems).toEqual([]);
}, 240_000);

it('answers 300 more over real sockets (HTTP parser, early answers) without a 5xx or an unanswered connection', async () => {
  const run = await runFuzz({ count: 300, seed: seed + 1, transport: 'http' });
  console.log(run.report);
  expect(run.stats.failures).toEqual([]);
  expect(run.stats.serverErrors).toBe(0);
  expect(run.stats.healthStatus).toBe(200);
  expect(run.problems).toEqual([]);
}, 120_000);
