import type { Role } from '#core/auth/policy.ts';
import { randomPassword } from './auth/passwords.ts';
import { SYSTEM_ACTOR, type Deps } from './context.ts';
import { allSectionIds } from './plans/plans.repo.ts';
import { findUnitByName, insertUnit, unitsNamedOnTasks } from './units/units.repo.ts';
import { countUsers } from './users/users.repo.ts';
import { createUser } from './users/users.service.ts';

export const COORDINATOR_UNIT = '区政府办公室';

export interface DemoAccount {
  username: string;
  role: string;
  unit: string | null;
}

/**
 * On the first start of a database without accounts: `admin` (system administrator), `security`
 * (security administrator), `auditor` (audit administrator), `coordinator` (区政府办公室), `leader`
 * (all sections of the sample plan), `inspector1` and `inspector2` (督查人员), and a unit manager `dwNN` for every single (non-collective) unit
 * named in the plans. All share one password: TUIJIN_DEMO_PASSWORD, or a random one that is printed.
 */
export async function createDemoAccounts(deps: Deps): Promise<{ password: string; accounts: DemoAccount[] } | null> {
  if (!deps.config.demoAccounts || (await countUsers(deps.db)) > 0) return null;
  const password = deps.config.demoPassword ?? randomPassword();
  const officeId =
    (await findUnitByName(deps.db, COORDINATOR_UNIT))?.id ??
    (await insertUnit(deps.db, { name: COORDINATOR_UNIT, is_collective: 0, created_at: deps.clock.iso() }));
  const sections = await allSectionIds(deps.db);
  const units = await unitsNamedOnTasks(deps.db);
  // The demo password may be anything the operator chose, so it skips the strength rule (mustChange stays off).
  const make = (username: string, displayName: string, unitId: number | null, roles: Role[], leaderSectionIds: number[] = []) =>
    createUser(deps, SYSTEM_ACTOR, {
      username,
      displayName,
      unitId,
      roles,
      leaderSectionIds,
      password: undefined,
      mustChangePassword: false,
      fixedPassword: password,
    });
  const accounts: DemoAccount[] = [];
  await make('admin', '系统管理员', null, ['admin']);
  accounts.push({ username: 'admin', role: '系统管理员', unit: null });
  // 三权分立: the security and the audit administrator are accounts of their own.
  await make('security', '安全管理员', null, ['security_admin']);
  accounts.push({ username: 'security', role: '安全管理员', unit: null });
  await make('auditor', '审计管理员', null, ['audit_admin']);
  accounts.push({ username: 'auditor', role: '审计管理员', unit: null });
  await make('coordinator', '区政府办公室统筹员', officeId, ['coordinator']);
  accounts.push({ username: 'coordinator', role: '统筹协调', unit: COORDINATOR_UNIT });
  await make(
    'leader',
    '分管领导',
    null,
    ['leader'],
    sections.map((s) => s.id),
  );
  accounts.push({ username: 'leader', role: '分管领导（全部章节）', unit: null });
  // Two inspectors of no unit: enough for a random draw (双随机) to have a pool to draw from.
  for (const n of [1, 2]) {
    await make(`inspector${n}`, `督查人员${n}`, null, ['inspector']);
    accounts.push({ username: `inspector${n}`, role: '督查人员', unit: null });
  }
  for (const [i, u] of units.entries()) {
    const username = `dw${String(i + 1).padStart(2, '0')}`;
    await make(username, `${u.name}管理员`, u.id, ['unit_manager']);
    accounts.push({ username, role: '单位管理员', unit: u.name });
  }
  return { password, accounts };
}

/** The demo accounts as lines for the console. */
export function formatDemoAccounts(demo: { password: string; accounts: DemoAccount[] }): string {
  const lines = demo.accounts.map((a) => `  ${a.username.padEnd(12)} ${a.role}${a.unit ? ` · ${a.unit}` : ''}`);
  return `Demo accounts (password for all: ${demo.password}):\n${lines.join('\n')}`;
}
