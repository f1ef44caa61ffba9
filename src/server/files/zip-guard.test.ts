import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, importSeed, multipart, type TestApp } from '../test/helpers.ts';
import { firstLeadTask } from '../test/finders.ts';
import { deflated, deflatedZeros, DOCX_CONTENT_TYPES, rawZip, XLSX_CONTENT_TYPES, type RawEntry } from './zip-fixtures.ts';

/**
 * Decompression bombs on every route that takes a .docx or .xlsx (issue 9 §4; RELIABILITY §4: a
 * 0.9 MB .xlsx froze the server 44 s at 3.9 GB, a .docx left a 66 M-character draft). Each is
 * refused with a Chinese message, leaves no row and no file, and costs neither time nor memory.
 */
const INFLATED = 200 * 1024 * 1024;
let t: TestApp;
let ids: { plan: number; unit: number; report: number };
const bombs = new Map<string, Buffer>();

/**
 * `kind`-shaped archives whose main part is INFLATED zero bytes: `honest` declares that size (refused
 * from the directory alone), `liar` declares 64 KB (under the ratio check's grace), so only the
 * inflater holding the entry to its declared size can stop it.
 */
async function buildBombs(): Promise<void> {
  const zeros = await deflatedZeros(INFLATED);
  for (const kind of ['docx', 'xlsx'] as const) {
    const head =
      kind === 'docx'
        ? [deflated('[Content_Types].xml', DOCX_CONTENT_TYPES)]
        : [deflated('[Content_Types].xml', XLSX_CONTENT_TYPES), deflated('xl/workbook.xml', '<workbook/>')];
    const name = kind === 'docx' ? 'word/document.xml' : 'xl/worksheets/sheet1.xml';
    const part = (size: number): RawEntry => ({ name, method: 8, data: zeros.data, crc: zeros.crc, size });
    bombs.set(`${kind} honest`, rawZip([...head, part(INFLATED)]));
    bombs.set(`${kind} liar`, rawZip([...head, part(64 * 1024)]));
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const plan = await importSeed(t);
  const tu = await firstLeadTask(t, plan);
  await t.addUser('dw', ['unit_manager'], tu.unit_id);
  const r = await t.inject(
    { method: 'POST', url: `/api/tasks/${tu.task_id}/reports`, payload: { unitId: tu.unit_id, kind: 'part', stage: 'in_progress', narrative: '推进中' } },
    'dw',
  );
  ids = { plan, unit: tu.unit_id, report: r.json().id };
  await buildBombs();
}, 120_000);
afterAll(async () => t.close());

/** Row counts of what an upload could leave behind, and the files of the store (temporary ones included). */
async function leftovers() {
  const count = async (table: 'import_drafts' | 'attachments' | 'ledger_entries' | 'users') =>
    Number(
      (
        await t.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const root = join(t.deps.config.dataDir, 'files');
  const files = (dir: string): string[] => {
    try {
      return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : [d.name]));
    } catch {
      return [];
    }
  };
  return {
    drafts: await count('import_drafts'),
    attachments: await count('attachments'),
    ledger: await count('ledger_entries'),
    users: await count('users'),
    files: files(root).sort(),
  };
}

/** Sends the upload while sampling RSS, so the peak an inflating parser would reach is seen. */
async function timedUpload(url: string, as: string, fileName: string, bytes: Buffer) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  try {
    const res = await t.inject({ method: 'POST', url, ...multipart(fileName, bytes) }, as);
    return { res, ms: performance.now() - started, growthMB: (Math.max(peak, process.memoryUsage().rss) - before) / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

const routes = [
  { name: 'plan import (coordinator)', kind: 'docx', as: 'coordinator', url: () => '/api/imports', file: 'plan.docx', status: 413 },
  {
    name: 'ledger import (unit manager)',
    kind: 'xlsx',
    as: 'dw',
    url: () => `/api/plans/${ids.plan}/ledger.xlsx?unit=${ids.unit}`,
    file: 'ledger.xlsx',
    status: 413,
  },
  { name: 'account import (admin)', kind: 'xlsx', as: 'admin', url: () => '/api/users/import', file: 'users.xlsx', status: 413 },
  // Evidence is never parsed, only recognised: an archive that is not a sane Office file is not evidence (415).
  { name: 'evidence .docx (unit manager)', kind: 'docx', as: 'dw', url: () => `/api/reports/${ids.report}/attachments`, file: 'evidence.docx', status: 415 },
  { name: 'evidence .xlsx (unit manager)', kind: 'xlsx', as: 'dw', url: () => `/api/reports/${ids.report}/attachments`, file: 'evidence.xlsx', status: 415 },
] as const;

describe('zip bombs inflating to 200 MB', () => {
  it.each(routes.flatMap((r) => (['honest', 'liar'] as const).map((shape) => ({ ...r, shape }))))(
    '$name, $shape sizes → $status in Chinese, nothing left, bounded',
    async ({ kind, shape, as, url, file, status }) => {
      const bytes = bombs.get(`${kind} ${shape}`)!;
      expect(bytes.length).toBeLessThan(1024 * 1024);
      const before = await leftovers();
      const { res, ms, growthMB } = await timedUpload(url(), as, file, bytes);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.json().error.message).toMatch(status === 413 ? /压缩炸弹|超过|上限/ : /不是可接受的佐证材料/);
      expect(await leftovers()).toEqual(before);
      // Inflating would take seconds and hundreds of MB; the guard answers from the directory or stops at the declared size.
      expect(ms).toBeLessThan(3000);
      expect(growthMB).toBeLessThan(100);
    },
  );
});
