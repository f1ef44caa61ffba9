/**
 * What the signed-in user may see and do in the web app, from `Me` and the shared policy
 * (src/core/auth/policy.ts). The server checks every request again; this only hides what would be
 * refused.
 */
import { can as policyCan, type Action, type Principal } from '#core/auth/policy.ts';
import type { Me } from '#core/api/auth.ts';

export type { Action };

/** The policy's view of the user. The unit subtree is the server's business: task writes are decided per task there. */
export function principalOf(me: Me): Principal {
  return { userId: me.id, unitId: me.unitId, roles: me.roles, unitScope: [], leaderSectionIds: me.leaderSectionIds };
}

/** May the user (or nobody) perform the action at all? */
export function canDo(me: Me | null, action: Action): boolean {
  return policyCan(me ? principalOf(me) : null, action);
}

/** What decides whether a menu entry or route is open to a user. */
export interface Guarded {
  access: Action;
  /** Only for users who belong to a unit (我的单位). */
  needsUnit?: boolean;
}

export function mayOpen(me: Me | null, entry: Guarded): boolean {
  if (entry.needsUnit && (me === null || me.unitId === null)) return false;
  return canDo(me, entry.access);
}

/** The menu entries the user may open, in their order. */
export function visibleMenu<T extends Guarded>(me: Me | null, entries: readonly T[]): T[] {
  return entries.filter((e) => mayOpen(me, e));
}

/**
 * Where a user lands after signing in: the unit's workbench for unit roles (their task list stays at
 * /my), the inspection plans for an inspector (their work is there), else the plans.
 */
export function homePath(me: Me): string {
  const unitRole = me.roles.includes('unit_manager') || me.roles.includes('unit_staff');
  if (unitRole && me.unitId !== null) return '/workbench';
  if (me.roles.includes('inspector') && !me.roles.includes('coordinator')) return '/inspections';
  return '/plans';
}
