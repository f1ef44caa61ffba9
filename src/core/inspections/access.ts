/**
 * Who sees which inspection, visit and finding: the confidentiality rule of 暗访 as pure predicates.
 * A hidden object is reported as missing (404), never as forbidden, so that its existence leaks nothing.
 *
 * - coordinator, leader: everything;
 * - an inspector: the plans they are assigned to (on the whole plan or for one target), all of each;
 * - a unit (unit_manager, unit_staff): a plan that targets a unit of its scope — a covert one only once
 *   its findings are released — and, once released, the visits and findings about its own units.
 * Roles held together add up: the widest grant wins.
 */
import type { Principal } from '../auth/policy.ts';
import type { InspectionKind } from './kinds.ts';

export type InspectionAccess = 'full' | 'assigned' | 'unit';

/** What the rule needs to know about a plan. */
export interface InspectionFacts {
  kind: InspectionKind;
  released: boolean;
  targetUnitIds: readonly number[];
  /** Every user on the plan, on the whole of it or for one target. */
  inspectorUserIds: readonly number[];
}

const has = (p: Principal, ...roles: Principal['roles'][number][]) => p.roles.some((r) => roles.includes(r));

/** How a principal may see a plan, or null when to them it does not exist. */
export function inspectionAccessOf(p: Principal, plan: InspectionFacts): InspectionAccess | null {
  if (has(p, 'coordinator', 'leader')) return 'full';
  if (has(p, 'inspector') && plan.inspectorUserIds.includes(p.userId)) return 'assigned';
  if (has(p, 'unit_manager', 'unit_staff') && (plan.kind !== 'covert' || plan.released) && plan.targetUnitIds.some((u) => p.unitScope.includes(u)))
    return 'unit';
  return null;
}

/** Whether a visit or finding about `unitId` in a plan seen with `access` is visible. */
export function isAboutVisible(p: Principal, access: InspectionAccess | null, released: boolean, unitId: number): boolean {
  if (access === 'full' || access === 'assigned') return true;
  return access === 'unit' && released && p.unitScope.includes(unitId);
}

/**
 * The same rule as a filter for lists (the repository turns it into SQL): `all`, or the plans where
 * `inspectorUserId` is assigned, or — for units — targets and findings within `unitIds`.
 */
export interface ViewerScope {
  all: boolean;
  inspectorUserId: number | null;
  unitIds: readonly number[] | null;
}

export function viewerScopeOf(p: Principal): ViewerScope {
  return {
    all: has(p, 'coordinator', 'leader'),
    inspectorUserId: has(p, 'inspector') ? p.userId : null,
    unitIds: has(p, 'unit_manager', 'unit_staff') ? p.unitScope : null,
  };
}
