/**
 * Who may do what: one pure table, shared by the server (every route names its action) and the web
 * app (menus and buttons). A rule says which roles may perform an action and, for task writes, on
 * which tasks: only those where the user's unit (or a unit under it) is named.
 */

export const ROLES = ['admin', 'security_admin', 'audit_admin', 'coordinator', 'leader', 'unit_manager', 'unit_staff', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  coordinator: '统筹协调',
  leader: '分管领导',
  unit_manager: '单位管理员',
  unit_staff: '单位填报员',
  inspector: '督查人员',
};

/** The signed-in user as policies see it. */
export interface Principal {
  userId: number;
  unitId: number | null;
  roles: readonly Role[];
  /** Units under the user's unit (a town's sub-units, a department's offices), the unit itself included. */
  unitScope: readonly number[];
  /** Sections a leader commands. */
  leaderSectionIds: readonly number[];
}

/** What a policy needs to know about a task. */
export interface TaskScope {
  sectionId: number | null;
  leadUnitIds: readonly number[];
  responsibleUnitIds: readonly number[];
}

export const ACTIONS = {
  'public.read': '公开信息',
  'plan.read': '查看方案与任务',
  'plan.manage': '导入与维护方案',
  'unit.manage': '维护单位（合并、别名、层级）',
  'task.unit.write': '填报本单位在任务中的信息',
  'task.instruct': '对任务作出批示',
  'report.review': '审核进展、销号与重新打开',
  'round.manage': '组织调度、编发通报',
  'inspection.read': '查看督查（按本人参与、本单位已发布的范围）',
  'inspection.manage': '制定督查计划、随机抽取、发布问题、下发整改通知、编发典型案例',
  'inspection.record': '记录督查与复查',
  'rectification.answer': '填报本单位整改情况',
  'practice.submit': '申报与采用好经验好做法',
  'practice.review': '审核与发布好经验好做法',
  'account.read': '查看账号列表',
  'account.manage': '管理账号',
  'security.manage': '安全管理（解除锁定、重置密码、安全设置）',
  'audit.read': '查看与导出审计日志',
  'audit.manage': '设置审计日志保留期限',
  'settings.manage': '系统设置（提醒规则、工作日历、公开页面）',
  'self.manage': '修改本人密码、退出登录',
} as const;
export type Action = keyof typeof ACTIONS;

/** Roles allowed per action (before any per-task condition). `null` means no session is needed. */
export const ACTION_ROLES: Record<Action, readonly Role[] | null> = {
  'public.read': null,
  'plan.read': ROLES,
  'plan.manage': ['coordinator'],
  'unit.manage': ['coordinator', 'admin'],
  'task.unit.write': ['unit_manager', 'unit_staff'],
  'task.instruct': ['leader'],
  'report.review': ['coordinator'],
  'round.manage': ['coordinator'],
  // Reading is filtered per row by the service: an inspector sees the plans assigned to them, a unit only
  // released findings about itself and never an unannounced (暗访) plan before its findings are released.
  'inspection.read': ['coordinator', 'leader', 'inspector', 'unit_manager', 'unit_staff'],
  'inspection.manage': ['coordinator'],
  'inspection.record': ['inspector'],
  'rectification.answer': ['unit_manager', 'unit_staff'],
  'practice.submit': ['unit_manager', 'unit_staff'],
  'practice.review': ['coordinator'],
  'account.read': ['admin', 'security_admin'],
  'account.manage': ['admin'],
  'security.manage': ['security_admin'],
  'audit.read': ['audit_admin'],
  'audit.manage': ['audit_admin'],
  'settings.manage': ['admin'],
  'self.manage': ROLES,
};

/**
 * 三权分立 (等保2.0 level 3, 安全管理中心: 系统管理、安全管理、审计管理): the system administrator runs
 * accounts, settings and units; the security administrator unlocks accounts, resets passwords and sets
 * the security rules; the audit administrator alone reads and exports the audit trail and sets how long it
 * is kept. The three are held by different accounts, so that each one's work is checked by another.
 */
export const ADMIN_ROLES = ['admin', 'security_admin', 'audit_admin'] as const satisfies readonly Role[];

/**
 * Why a set of roles may not be held by one account, in Chinese, or null when it may. Any two of the three
 * administrator roles together are refused: the system administrator would read the audit of their own
 * work, the security administrator would unlock and audit themselves.
 */
export function roleConflict(roles: readonly Role[]): string | null {
  const held = ADMIN_ROLES.filter((r) => roles.includes(r));
  if (held.length < 2) return null;
  return `三权分立：${held.map((r) => `“${ROLE_LABELS[r]}”`).join('与')}不能由同一账号兼任`;
}

/** May a principal (or nobody, for the public) perform an action at all? */
export function can(principal: Principal | null, action: Action): boolean {
  const roles = ACTION_ROLES[action];
  if (roles === null) return true;
  return principal !== null && principal.roles.some((r) => roles.includes(r));
}

/** The unit ids of the principal's scope that are named on the task as lead, as responsible, or both. */
export function taskRolesOf(principal: Principal, task: TaskScope): { isLead: boolean; isResponsible: boolean } {
  const inScope = (ids: readonly number[]) => ids.some((id) => principal.unitScope.includes(id));
  return { isLead: inScope(task.leadUnitIds), isResponsible: inScope(task.responsibleUnitIds) };
}

/** May the principal write its unit's part of this task? Only units named on it (or their parents). */
export function canWriteTask(principal: Principal, task: TaskScope): boolean {
  if (!can(principal, 'task.unit.write')) return false;
  const { isLead, isResponsible } = taskRolesOf(principal, task);
  return isLead || isResponsible;
}

/** May the principal write an instruction (批示) on this task? Leaders, on the sections they command. */
export function canInstructTask(principal: Principal, task: TaskScope): boolean {
  return can(principal, 'task.instruct') && task.sectionId !== null && principal.leaderSectionIds.includes(task.sectionId);
}
