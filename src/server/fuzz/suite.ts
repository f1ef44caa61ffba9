import { TEST_DIALECT } from '../test/helpers.ts';
import { planCases, slotCount } from './generator.ts';
import { operationsOf, type OpenApiDocument, type Operation } from './openapi.ts';
import { formatStats, runCases, type RunStats } from './runner.ts';
import { createWorld, PERSONAS } from './world.ts';

/**
 * The bounds a run is held to after it, both measured after a forced collection. Generous on
 * purpose: they catch a leak (a request that keeps a 1 MB body alive) or a runaway allocation, not
 * normal growth of caches and the in-memory SQLite database. Overridable, as they are test bounds,
 * not product limits.
 */
export const MAX_HEAP_GROWTH_MB = Number(process.env.FUZZ_MAX_HEAP_GROWTH_MB ?? 256);
export const MAX_RSS_GROWTH_MB = Number(process.env.FUZZ_MAX_RSS_GROWTH_MB ?? 1024);

export interface FuzzRun {
  ops: Operation[];
  stats: RunStats;
  /** Everything the run found wrong; empty when it passed. */
  problems: string[];
  failed: boolean;
  report: string;
}

/**
 * One fuzz run against a fresh world on the database of DATABASE_URL (SQLite without it): the
 * operations come from the app's own OpenAPI document and route registry, the cases from the seed.
 * `inject` is fast and needs no port; `http` sends every request over a real socket to the listening app.
 */
export async function runFuzz({
  count,
  seed,
  concurrency = 8,
  transport = 'inject',
  onProgress,
}: {
  count: number;
  seed: number;
  concurrency?: number;
  transport?: 'inject' | 'http';
  onProgress?: (n: number) => void;
}): Promise<FuzzRun> {
  const world = await createWorld();
  try {
    const docRes = await world.t.app.inject({ method: 'GET', url: '/api/docs/json' });
    if (docRes.statusCode !== 200) throw new Error(`fuzz: no OpenAPI document (${docRes.statusCode})`);
    const ops = operationsOf(docRes.json() as OpenApiDocument, world.t.app.routeRegistry, world.knownBodies);
    const cases = planCases(ops, { seed, count, personas: PERSONAS, pathValue: world.pathValue, ids: world.idOf });
    let port: number | undefined;
    if (transport === 'http') {
      await world.t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = world.t.app.server.address();
      port = typeof address === 'object' && address ? address.port : undefined;
    }
    const stats = await runCases(world.t, cases, {
      concurrency,
      restorePersona: world.restorePersona,
      ...(port ? { port } : {}),
      ...(onProgress ? { onProgress } : {}),
    });
    const problems: string[] = [];
    if (stats.failures.length) problems.push(`${stats.failures.length} responses broke the contract (${stats.serverErrors} with status ≥ 500)`);
    if (stats.healthStatus !== 200) problems.push(`/api/health answered ${stats.healthStatus} after the run`);
    const heap = stats.memoryAfter.heapMB - stats.memoryBefore.heapMB;
    const rss = stats.memoryAfter.rssMB - stats.memoryBefore.rssMB;
    if (heap > MAX_HEAP_GROWTH_MB) problems.push(`heap grew ${heap} MB (bound ${MAX_HEAP_GROWTH_MB} MB)`);
    if (rss > MAX_RSS_GROWTH_MB) problems.push(`RSS grew ${rss} MB (bound ${MAX_RSS_GROWTH_MB} MB)`);
    if (count >= slotCount(ops, PERSONAS)) {
      const missed = ops.filter((op) => !stats.routes.has(`${op.method} ${op.route}`)).map((op) => `${op.method} ${op.route}`);
      if (missed.length) problems.push(`routes never fuzzed: ${missed.join(', ')}`);
    }
    const report = [
      formatStats(seed, `${TEST_DIALECT} over ${transport === 'http' ? 'HTTP' : 'inject'}`, stats),
      `routes: ${ops.length} (${ops.filter((o) => !o.inDocument).length} hidden from the document) · growth: heap ${heap} MB, RSS ${rss} MB`,
      ...problems.map((p) => `✖ ${p}`),
    ].join('\n');
    return { ops, stats, problems, failed: problems.length > 0, report };
  } finally {
    await world.t.close();
  }
}
