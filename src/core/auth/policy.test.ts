import { describe, expect, it } from 'vitest';
import {
  ACTION_ROLES,
  ACTIONS,
  ADMIN_ROLES,
  can,
  canInstructTask,
  canWriteTask,
  roleConflict,
  ROLES,
  type Action,
  type Principal,
  type Role,
} from './policy.ts';

const p = (over: Partial<Principal>): Principal => ({ userId: 1, unitId: 10, roles: [], unitScope: [10], leaderSectionIds: [], ...over });
const task = { sectionId: 5, leadUnitIds: [10], responsibleUnitIds: [20, 21] };

describe('policy', () => {
  it('has a rule for every action', () => {
    expect(Object.keys(ACTION_ROLES).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  it('lets the public read only what is public', () => {
    expect(can(null, 'public.read')).toBe(true);
    expect(can(null, 'plan.read')).toBe(false);
  });

  it('lets a unit write only tasks its unit (or a unit under it) is named on', () => {
    expect(canWriteTask(p({ roles: ['unit_manager'] }), task)).toBe(true);
    expect(canWriteTask(p({ roles: ['unit_staff'], unitId: 21, unitScope: [21] }), task)).toBe(true);
    expect(canWriteTask(p({ roles: ['unit_manager'], unitId: 30, unitScope: [30] }), task)).toBe(false);
    expect(canWriteTask(p({ roles: ['unit_manager'], unitId: 1, unitScope: [1, 20] }), task)).toBe(true);
    expect(canWriteTask(p({ roles: ['coordinator'] }), task)).toBe(false);
  });

  it('lets a leader instruct only in the sections they command', () => {
    expect(canInstructTask(p({ roles: ['leader'], leaderSectionIds: [5] }), task)).toBe(true);
    expect(canInstructTask(p({ roles: ['leader'], leaderSectionIds: [6] }), task)).toBe(false);
    expect(canInstructTask(p({ roles: ['unit_manager'], leaderSectionIds: [5] }), task)).toBe(false);
  });

  it('keeps account management to admins and plan management to coordinators', () => {
    expect(can(p({ roles: ['admin'] }), 'account.manage')).toBe(true);
    expect(can(p({ roles: ['coordinator'] }), 'account.manage')).toBe(false);
    expect(can(p({ roles: ['coordinator'] }), 'plan.manage')).toBe(true);
    expect(can(p({ roles: ['unit_manager'] }), 'plan.manage')).toBe(false);
  });

  it('separates the three administrators (三权分立): each action of one is refused to the other two', () => {
    const holders = (action: Action) => ROLES.filter((r) => can(p({ roles: [r] }), action));
    // The audit administrator alone reads, exports and sets the retention of the audit trail.
    expect(holders('audit.read')).toEqual(['audit_admin']);
    expect(holders('audit.manage')).toEqual(['audit_admin']);
    // Unlocks, password resets and security settings are the security administrator's.
    expect(holders('security.manage')).toEqual(['security_admin']);
    // Accounts and settings stay with the system administrator, who no longer reads the audit log.
    expect(holders('account.manage')).toEqual(['admin']);
    expect(holders('settings.manage')).toEqual(['admin']);
    expect(holders('account.read').sort()).toEqual(['admin', 'security_admin']);
    const adminActions = (r: Role) =>
      (Object.keys(ACTIONS) as Action[]).filter((a) => ACTION_ROLES[a] !== ROLES && ACTION_ROLES[a] !== null && can(p({ roles: [r] }), a));
    expect(adminActions('audit_admin').sort()).toEqual(['audit.manage', 'audit.read']);
    expect(adminActions('security_admin').sort()).toEqual(['account.read', 'security.manage']);
    expect(adminActions('admin')).not.toContain('audit.read');
  });

  it('refuses any two administrator roles on one account, with a Chinese reason', () => {
    expect(roleConflict(['admin', 'audit_admin'])).toBe('三权分立：“系统管理员”与“审计管理员”不能由同一账号兼任');
    expect(roleConflict(['security_admin', 'audit_admin', 'leader'])).toMatch(/安全管理员.*审计管理员/);
    expect(roleConflict(['admin', 'security_admin'])).toMatch(/系统管理员.*安全管理员/);
    for (const r of ADMIN_ROLES) expect(roleConflict([r, 'coordinator'])).toBeNull();
    expect(roleConflict(['coordinator', 'leader'])).toBeNull();
  });
});
