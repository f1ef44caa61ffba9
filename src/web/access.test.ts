import { describe, expect, it } from 'vitest';
import type { Role } from '#core/auth/policy.ts';
import { canDo, homePath, mayOpen, principalOf, visibleMenu } from './access.ts';
import type { Me } from '#core/api/auth.ts';
import { MENU, ROUTES } from './config/routes.ts';

const me = (roles: Role[], unitId: number | null = null): Me => ({
  id: 7,
  username: 'u',
  displayName: '用户',
  unitId,
  unitName: unitId ? '区税务局' : null,
  roles,
  leaderSectionIds: [3],
  mustChangePassword: false,
  passwordExpired: false,
  gate: null,
  csrfToken: 't',
});
const labels = (m: Me | null) => visibleMenu(m, MENU).map((e) => e.label);

describe('access', () => {
  it('builds the principal from Me', () => {
    expect(principalOf(me(['leader'], 4))).toEqual({ userId: 7, unitId: 4, roles: ['leader'], unitScope: [], leaderSectionIds: [3] });
  });

  it('shows each role its menu', () => {
    expect(labels(me(['unit_manager'], 4))).toEqual(['工作台', '我的单位', '方案', '看板', '调度通报', '督查', '整改', '单位', '截止日历']);
    expect(labels(me(['unit_staff'], 4))).toEqual(['工作台', '我的单位', '方案', '看板', '调度通报', '督查', '整改', '单位', '截止日历']);
    expect(labels(me(['unit_staff']))).toEqual(['方案', '看板', '调度通报', '督查', '整改', '单位', '截止日历']);
    expect(labels(me(['leader']))).toEqual(['方案', '看板', '调度通报', '督查', '整改', '单位', '截止日历']);
    expect(labels(me(['inspector']))).toEqual(['方案', '看板', '调度通报', '督查', '整改', '单位', '截止日历']);
    expect(labels(me(['coordinator']))).toEqual(['方案', '看板', '调度通报', '督查', '整改', '审核队列', '约谈建议', '导入方案', '单位', '截止日历']);
    expect(labels(me(['admin']))).toEqual(['方案', '看板', '调度通报', '单位', '截止日历', '账号管理', '系统设置']);
    expect(labels(me(['admin', 'coordinator'], 2))).toEqual([
      '我的单位',
      '方案',
      '看板',
      '调度通报',
      '督查',
      '整改',
      '审核队列',
      '约谈建议',
      '导入方案',
      '单位',
      '截止日历',
      '账号管理',
      '系统设置',
    ]);
    // 三权分立: the audit page is the audit administrator's alone; the security administrator sees the accounts.
    expect(labels(me(['audit_admin']))).toEqual(['方案', '看板', '调度通报', '单位', '截止日历', '审计日志']);
    expect(labels(me(['security_admin']))).toEqual(['方案', '看板', '调度通报', '单位', '截止日历', '账号管理', '安全设置']);
    for (const roles of [['admin'], ['security_admin'], ['coordinator'], ['leader'], ['unit_manager'], ['inspector']] as Role[][])
      expect(labels(me(roles, 4))).not.toContain('审计日志');
    expect(labels(null)).toEqual([]);
  });

  it('guards every route, and the admin pages to their roles', () => {
    for (const r of ROUTES) expect(r.access, r.path).toBeTruthy();
    const route = (path: string) => ROUTES.find((r) => r.path === path)!;
    expect(mayOpen(me(['unit_manager'], 4), route('/admin/users'))).toBe(false);
    expect(mayOpen(me(['coordinator']), route('/admin/users'))).toBe(false);
    expect(mayOpen(me(['admin']), route('/admin/users'))).toBe(true);
    expect(mayOpen(me(['coordinator']), route('/admin/audit'))).toBe(false);
    expect(mayOpen(me(['admin']), route('/admin/audit'))).toBe(false);
    expect(mayOpen(me(['audit_admin']), route('/admin/audit'))).toBe(true);
    expect(mayOpen(me(['security_admin']), route('/admin/users'))).toBe(true);
    expect(mayOpen(me(['audit_admin']), route('/admin/users'))).toBe(false);
    expect(mayOpen(me(['security_admin']), route('/admin/settings'))).toBe(false);
    expect(mayOpen(me(['security_admin']), route('/admin/security'))).toBe(true);
    expect(mayOpen(me(['admin']), route('/admin/security'))).toBe(false);
    expect(mayOpen(me(['admin']), route('/imports/new'))).toBe(false);
    expect(mayOpen(me(['leader']), route('/tasks/:id'))).toBe(true);
    expect(mayOpen(me(['unit_manager'], 4), route('/workbench'))).toBe(true);
    expect(mayOpen(me(['coordinator'], 4), route('/workbench'))).toBe(false);
    expect(mayOpen(me(['unit_manager'], 4), route('/reviews'))).toBe(false);
    expect(mayOpen(me(['coordinator']), route('/reviews'))).toBe(true);
    expect(mayOpen(me(['unit_manager'], 4), route('/my'))).toBe(true);
    expect(mayOpen(me(['unit_manager'], 4), route('/interviews'))).toBe(false);
    expect(mayOpen(me(['coordinator']), route('/interviews'))).toBe(true);
    expect(mayOpen(me(['unit_staff'], 4), route('/notifications'))).toBe(true);
    // Inspections: a unit opens the list (the server shows it only what it may see), never the plan form or finding entry.
    expect(mayOpen(me(['unit_manager'], 4), route('/inspections'))).toBe(true);
    expect(mayOpen(me(['unit_manager'], 4), route('/inspections/new'))).toBe(false);
    expect(mayOpen(me(['inspector']), route('/inspections/new'))).toBe(false);
    expect(mayOpen(me(['coordinator']), route('/inspections/new'))).toBe(true);
    expect(mayOpen(me(['inspector']), route('/inspections/:id/findings/new'))).toBe(true);
    expect(mayOpen(me(['coordinator']), route('/inspections/:id/findings/new'))).toBe(false);
    expect(mayOpen(me(['admin']), route('/inspections'))).toBe(false);
    expect(mayOpen(me(['inspector']), route('/inspections/settings'))).toBe(false);
    expect(mayOpen(me(['coordinator']), route('/inspections/settings'))).toBe(true);
    expect(mayOpen(me(['unit_staff'], 4), route('/findings'))).toBe(true);
    expect(mayOpen(me(['unit_staff'], 4), route('/rectifications'))).toBe(true);
    // Every menu entry leads to a route with the same guard.
    for (const m of MENU) expect(ROUTES.find((r) => r.path === m.path)?.access, m.path).toBe(m.access);
  });

  it('hides writes the role may not make', () => {
    expect(canDo(me(['unit_manager'], 4), 'unit.manage')).toBe(false);
    expect(canDo(me(['admin']), 'unit.manage')).toBe(true);
    expect(canDo(me(['admin']), 'plan.manage')).toBe(false);
    expect(canDo(me(['unit_manager'], 4), 'task.unit.write')).toBe(true);
    // On the accounts page: the admin's buttons and the security administrator's are different ones.
    expect(canDo(me(['admin']), 'account.manage')).toBe(true);
    expect(canDo(me(['admin']), 'security.manage')).toBe(false);
    expect(canDo(me(['security_admin']), 'account.manage')).toBe(false);
    expect(canDo(me(['security_admin']), 'security.manage')).toBe(true);
  });

  it('sends unit roles to their workbench and everyone else to the plans', () => {
    expect(homePath(me(['unit_manager'], 4))).toBe('/workbench');
    expect(homePath(me(['unit_staff'], 4))).toBe('/workbench');
    expect(homePath(me(['unit_staff']))).toBe('/plans');
    expect(homePath(me(['coordinator'], 4))).toBe('/plans');
    expect(homePath(me(['admin']))).toBe('/plans');
    expect(homePath(me(['inspector']))).toBe('/inspections');
    expect(homePath(me(['inspector', 'coordinator']))).toBe('/plans');
  });
});
