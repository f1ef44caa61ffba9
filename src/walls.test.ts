import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
// A scratch tree with the project's own biome.json (version control off: the scratch tree is no repository).
const scratch = mkdtempSync(join(tmpdir(), 'tuijin-walls-'));
const config = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8'));
writeFileSync(join(scratch, 'biome.json'), JSON.stringify({ ...config, $schema: undefined, vcs: { enabled: false } }));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * The walls of DESIGN.md, kept by Biome's import rules (biome.json, `overrides`): each case lints a
 * small file as if it stood at `path` and expects the rule to refuse it, or to let a legal import
 * through. `npm test` runs Biome over the tree first; these cases show that the rules bite.
 */
function lint(path: string, source: string): { ok: boolean; output: string } {
  const file = join(scratch, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  const r = spawnSync(join(ROOT, 'node_modules/.bin/biome'), ['lint', '--only=style/noRestrictedImports', path], { cwd: scratch, encoding: 'utf8' });
  rmSync(file);
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

describe('import walls', () => {
  it.each([
    ['core imports no database', 'src/core/plans/x.ts', "import { sql } from 'kysely';\nexport const q = sql;\n", 'src/core does not touch the database'],
    ['core imports no server code', 'src/core/plans/x.ts', "import { AppError } from '../../server/errors.ts';\nexport const e = AppError;\n", 'src/core imports neither server nor web'],
    ['core does no I/O', 'src/core/plans/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'no I/O'],
    ['core imports no server code by its alias', 'src/core/plans/x.ts', "import { AppError } from '#server/errors.ts';\nexport const e = AppError;\n", 'src/core imports neither server nor web'],
    ['web imports no server code by its alias', 'src/web/pages/x.tsx', "import { AppError } from '#server/errors.ts';\nexport const e = AppError;\n", 'The web app imports no server code'],
    ['web imports no server code', 'src/web/pages/x.tsx', "import { AppError } from '../../server/errors.ts';\nexport const e = AppError;\n", 'The web app imports no server code'],
    ['a route file reaches no repo', 'src/server/plans/plans.routes.ts', "import { listPlans } from './plans.repo.ts';\nexport const l = listPlans;\n", 'routes → services → repos'],
    ['a route file writes no SQL', 'src/server/plans/plans.routes.ts', "import { sql } from 'kysely';\nexport const q = sql;\n", 'SQL lives in'],
  ])('%s', (_name, path, source, message) => {
    const r = lint(path, source);
    expect(r.ok, r.output).toBe(false);
    expect(r.output).toContain('noRestrictedImports');
    expect(r.output).toContain(message);
  });

  it('lets the allowed directions through', () => {
    expect(lint('src/server/plans/plans.service.ts', "import { listPlans } from './plans.repo.ts';\nexport const l = listPlans;\n").ok).toBe(true);
    expect(lint('src/web/pages/x.tsx', "import type { Role } from '#core/auth/policy.ts';\nexport type R = Role;\n").ok).toBe(true);
    expect(lint('src/core/parse/x.test.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n").ok).toBe(true);
  });
});
