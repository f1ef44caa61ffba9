/** Units (单位), their aliases, and which units a task names. */
import type { Generated, Selectable } from 'kysely';
import type { UnitRole } from '#core/api/common.ts';

export interface UnitTable {
  id: Generated<number>;
  name: string;
  is_collective: number;
  parent_id: number | null;
  created_at: string;
}

export interface UnitsVersionTable {
  id: number;
  version: number;
}

export interface UnitAliasTable {
  id: Generated<number>;
  unit_id: number;
  alias: string;
}

export type TaskUnitRole = UnitRole;

export interface TaskUnitTable {
  id: Generated<number>;
  task_id: number;
  plan_id: number;
  unit_id: number;
  role: TaskUnitRole;
  ordinal: number;
  /** The name exactly as the document wrote it. */
  name_as_written: string;
  /** The unit's contact for this task, written by the unit itself. */
  contact_name: Generated<string | null>;
  contact_phone: Generated<string | null>;
  note: Generated<string | null>;
}

export type Unit = Selectable<UnitTable>;
