import type { TaskUnitRole } from '../db/tables/units.ts';
import type { TestApp } from './helpers.ts';

/**
 * Finders for what a test seats its accounts on: one query each, written once, instead of the same
 * select over task_units repeated in every beforeAll.
 */
type HasDb = Pick<TestApp, 'deps'>;

/** Every task–unit link of the plan, by task and then in the order the plan names the units. */
export async function planLinks(t: HasDb, planId: number): Promise<{ task_id: number; unit_id: number; role: TaskUnitRole }[]> {
  return t.deps.db
    .selectFrom('task_units')
    .select(['task_id', 'unit_id', 'role'])
    .where('plan_id', '=', planId)
    .orderBy('task_id')
    .orderBy('ordinal')
    .execute();
}

/** The plan's first task naming a unit in `role`, with that unit (the first so named). */
export async function firstLink(t: HasDb, planId: number, role: TaskUnitRole): Promise<{ task_id: number; unit_id: number }> {
  return t.deps.db
    .selectFrom('task_units')
    .select(['task_id', 'unit_id'])
    .where('plan_id', '=', planId)
    .where('role', '=', role)
    .orderBy('task_id')
    .executeTakeFirstOrThrow();
}

/** The plan's first task that has a lead unit, with that unit: where tests seat a unit manager who may report. */
export const firstLeadTask = (t: HasDb, planId: number) => firstLink(t, planId, 'lead');

export interface PickedTask {
  taskId: number;
  sectionId: number;
  /** The first lead unit the plan names on it. */
  leadUnitId: number;
  /** The first responsible unit named on it; null when it names none. */
  responsibleUnitId: number | null;
  /** Every unit named on it, in the plan's order (leads first as the plan writes them). */
  unitIds: number[];
  /** The first unit the plan names on another task but not on this one: a unit with no business in it. */
  outsiderUnitId: number;
}

/** The plan's first task (in the plan's order) and the units around it. */
export async function pickTask(t: HasDb, planId: number): Promise<PickedTask> {
  const task = await t.deps.db.selectFrom('tasks').select(['id', 'section_id']).where('plan_id', '=', planId).orderBy('ordinal').executeTakeFirstOrThrow();
  const links = await planLinks(t, planId);
  const own = links.filter((l) => l.task_id === task.id);
  const lead = own.find((l) => l.role === 'lead');
  const named = new Set(own.map((l) => l.unit_id));
  const outsider = links.find((l) => !named.has(l.unit_id));
  if (!lead || !outsider || task.section_id === null) throw new Error(`pickTask: the first task of plan ${planId} has no lead unit, section or outsider`);
  return {
    taskId: task.id,
    sectionId: task.section_id,
    leadUnitId: lead.unit_id,
    responsibleUnitId: own.find((l) => l.role === 'responsible')?.unit_id ?? null,
    unitIds: own.map((l) => l.unit_id),
    outsiderUnitId: outsider.unit_id,
  };
}
