import type { Span } from '../parse/types.ts';
import { aliasReason, isCollectiveName } from '../units/aliases.ts';
import type { DraftTask } from './types.ts';

/**
 * What the import draft warns the coordinator of: the reader's doubts about its reading, and the
 * server's check of the units against the unit directory. A draft warning names its task by key, not
 * by index, so it keeps pointing at the right row while rows are added, moved or deleted.
 */
export const DRAFT_WARNING_CODES = ['no_task_level', 'task_without_unit', 'long_title', 'unread_body', 'unit_not_in_directory'] as const;
export type DraftWarningCode = (typeof DRAFT_WARNING_CODES)[number];

/** Short labels for counting warnings by kind. */
export const DRAFT_WARNING_LABELS: Record<DraftWarningCode, string> = {
  no_task_level: '未识别出任务层级',
  task_without_unit: '任务无责任单位',
  long_title: '标题过长',
  unread_body: '正文未读出任务',
  unit_not_in_directory: '单位不在名录中',
};

export interface DraftWarning {
  code: DraftWarningCode;
  /** Simplified Chinese, for the coordinator. */
  message: string;
  /** The task the warning is about. */
  taskKey?: string;
  /** Where in the source the warning points. */
  span?: Span;
  /** The unit name an `unit_not_in_directory` warning is about. */
  unit?: string;
}

/** The names the unit directory knows: unit names and their aliases. */
export interface UnitDirectory {
  names: readonly string[];
  aliases: readonly string[];
}

/** The directory name `name` is probably a variant of (the same alias rule the unit page suggests merges by), or null. */
export function closestDirectoryName(name: string, directory: UnitDirectory): string | null {
  for (const known of directory.names) {
    const [short, long] = name.length <= known.length ? [name, known] : [known, name];
    if (aliasReason(short, long)) return known;
  }
  return null;
}

/**
 * One warning per task and unit name that is neither a unit nor an alias in the directory: committing
 * would create a new unit, often a variant spelling of one that exists. Collective names (各镇街,
 * 相关部门) are not checked, since they stand for many units and are expected to be new; and an empty
 * directory (the first plan of an office) warns of nothing, since every unit is new then.
 */
export function unitDirectoryWarnings(tasks: readonly DraftTask[], directory: UnitDirectory): DraftWarning[] {
  if (directory.names.length === 0) return [];
  const known = new Set([...directory.names, ...directory.aliases]);
  const suggestion = new Map<string, string | null>();
  const out: DraftWarning[] = [];
  for (const task of tasks) {
    for (const role of ['lead', 'responsible'] as const) {
      task[role].forEach((name, i) => {
        if (known.has(name) || isCollectiveName(name)) return;
        if (!suggestion.has(name)) suggestion.set(name, closestDirectoryName(name, directory));
        const near = suggestion.get(name);
        const warning: DraftWarning = {
          code: 'unit_not_in_directory',
          message: `单位“${name}”不在单位名录中，提交后将新建该单位${near ? `；是否应为“${near}”？` : ''}`,
          taskKey: task.key,
          unit: name,
        };
        const span = task.spans?.[role][i];
        if (span) warning.span = span;
        out.push(warning);
      });
    }
  }
  return out;
}

/**
 * The warnings that still hold for the tasks as they are now: a warning about a task the coordinator
 * deleted goes, as does "no unit" once the task has one and "not in the directory" once the name is
 * no longer on the task. The rest stay until the next reading.
 */
export function liveWarnings(warnings: readonly DraftWarning[], tasks: readonly DraftTask[]): DraftWarning[] {
  const byKey = new Map(tasks.map((t) => [t.key, t]));
  return warnings.filter((w) => {
    if (w.taskKey === undefined) return true;
    const task = byKey.get(w.taskKey);
    if (!task) return false;
    if (w.code === 'task_without_unit') return task.lead.length + task.responsible.length === 0;
    if (w.code === 'unit_not_in_directory' && w.unit !== undefined) return task.lead.includes(w.unit) || task.responsible.includes(w.unit);
    return true;
  });
}

/** How many warnings of each kind, in the order of DRAFT_WARNING_CODES, kinds with none left out. */
export function countWarnings(warnings: readonly DraftWarning[]): { code: DraftWarningCode; label: string; count: number }[] {
  return DRAFT_WARNING_CODES.map((code) => ({ code, label: DRAFT_WARNING_LABELS[code], count: warnings.filter((w) => w.code === code).length })).filter((c) => c.count > 0);
}
