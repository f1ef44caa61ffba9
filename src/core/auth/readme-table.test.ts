import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ACTION_ROLES, ROLES } from './policy.ts';

// The README's policy table is documentation users rely on: it must say what the code enforces.
it('README lists every policy action with exactly its roles', () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const rows = new Map([...readme.matchAll(/^\| `([a-z.]+)` \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]));
  for (const [action, roles] of Object.entries(ACTION_ROLES)) {
    const cell = rows.get(action);
    expect(cell, action).toBeDefined();
    if (roles === null) expect(cell).toMatch(/no sign-in/);
    else if (roles.length === ROLES.length) expect(cell).toMatch(/every signed-in user/);
    else expect(cell!.split(/,\s*/).sort()).toEqual([...roles].sort());
  }
  expect([...rows.keys()].sort()).toEqual(Object.keys(ACTION_ROLES).sort());
});
