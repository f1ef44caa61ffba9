import { baselineOf, type BaselineTask } from '#core/draft/reread.ts';
import type { DraftTask } from '#core/draft/types.ts';
import { liveWarnings, unitDirectoryWarnings, type DraftWarning, type UnitDirectory } from '#core/draft/warnings.ts';
import { parsePlan } from '#core/parse/index.ts';
import type { ParsedPlan, ReadingLevel } from '#core/parse/types.ts';
import type { DraftContent, ReadOptions } from '#core/api/imports.ts';

/**
 * What a draft keeps of the reading it came from, beside the content the coordinator edits: the
 * detected hierarchy, the warnings, the structure choice the reading was made with, and the baseline
 * the next re-read compares edits with (core/draft/reread.ts). It is stored in the draft's content
 * but is the server's: a saved edit never changes it, only an upload or a re-read does.
 */
export interface DraftReading {
  structure: { levels: ReadingLevel[] };
  warnings: DraftWarning[];
  options: ReadOptions;
  baseline: BaselineTask[];
}

/** A draft as stored: the editable content and its reading (absent on drafts stored before readings were kept). */
export interface StoredDraft extends DraftContent {
  reading?: DraftReading;
}

/** Reads a draft's source with the coordinator's structure choice; the reader keeps the source as given, so stored spans stay valid. */
export function readSource(text: string, fileName: string, options: ReadOptions): ParsedPlan {
  return parsePlan(text, { fileName, ...options });
}

/** Task keys of a first reading: t1, t2, … in reading order. */
export const firstKeys = (parsed: ParsedPlan): string[] => parsed.tasks.map((_, i) => `t${i + 1}`);

/**
 * The reader's warnings as draft warnings: task indices of the reading become the keys of the draft
 * tasks that hold them; a warning about a task the coordinator deleted is dropped.
 */
export function readerWarnings(parsed: ParsedPlan, keyOfRead: readonly (string | null)[]): DraftWarning[] {
  const out: DraftWarning[] = [];
  for (const w of parsed.warnings) {
    // Typed so: every code the reader raises is a draft warning code (the draft adds the unit check's).
    const warning: DraftWarning = { code: w.code, message: w.message };
    if (w.taskIndex !== undefined) {
      const key = keyOfRead[w.taskIndex];
      if (!key) continue;
      warning.taskKey = key;
    }
    if (w.span) warning.span = [w.span[0], w.span[1]];
    out.push(warning);
  }
  return out;
}

/** The reader's warnings kept, the unit-directory ones computed again for `tasks`. */
export function withUnitWarnings(warnings: readonly DraftWarning[], tasks: readonly DraftTask[], directory: UnitDirectory): DraftWarning[] {
  return [...warnings.filter((w) => w.code !== 'unit_not_in_directory'), ...unitDirectoryWarnings(tasks, directory)];
}

/** The reading of a freshly read document whose tasks got `keys`. */
export function readingOf(parsed: ParsedPlan, keys: readonly string[], options: ReadOptions, directory: UnitDirectory, tasks: readonly DraftTask[]): DraftReading {
  return {
    structure: { levels: parsed.structure.levels },
    warnings: withUnitWarnings(readerWarnings(parsed, keys), tasks, directory),
    options,
    baseline: baselineOf(parsed.tasks, keys),
  };
}

/**
 * The reading of a stored draft. A draft stored before readings were kept gets one from reading its
 * source again as the upload did (the same keys t1…), which tells its hand edits apart as well.
 */
export function storedReading(stored: StoredDraft, source: string, fileName: string): DraftReading {
  if (stored.reading) return stored.reading;
  const parsed = readSource(source, fileName, {});
  return { structure: { levels: parsed.structure.levels }, warnings: [], options: {}, baseline: baselineOf(parsed.tasks, firstKeys(parsed)) };
}

/** What the API shows of a reading: the baseline stays inside the server, and warnings the coordinator has since dealt with are left out. */
export function readingDto(reading: DraftReading | undefined, tasks: readonly DraftTask[]) {
  return {
    structure: reading?.structure ?? { levels: [] },
    warnings: liveWarnings(reading?.warnings ?? [], tasks),
    readOptions: reading?.options ?? {},
  };
}
