import { z } from 'zod';
import { AUDIT_RETENTION_DEFAULT_DAYS, AuditRetentionSchema, type AuditRetention } from '#core/audit/retention.ts';
import { CalendarYearSchema, createCalendar, type CalendarYear, type WorkCalendar } from '#core/calendar/index.ts';
import { DEFAULT_REMINDER_RULES, ReminderRulesSchema, type ReminderRules } from '#core/reminders/index.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import type { Actor, Deps } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import * as repo from './settings.repo.ts';

/**
 * Settings an admin changes while Tuijin runs: the reminder rules, extra working-day calendar years
 * (a year the built-in file does not cover yet, or a correction), and the public progress page switch.
 * Stored in the `settings` table; every change is audited.
 */
export interface RuntimeSettings {
  reminders: ReminderRules;
  /** The admin's calendar years (they replace built-in years of the same number). */
  calendarYears: CalendarYear[];
  /** Built-in years with the admin's merged in. */
  calendar: WorkCalendar;
  publicPage: { enabled: boolean };
}

const KEY = { reminders: 'reminders', publicPage: 'public_page', calendarYears: 'calendar_years' } as const;
const PublicPageSchema = z.object({ enabled: z.boolean({ message: '请选择是否开放公开页面' }) }).strict();

/**
 * A value read through a short-lived cache per database: the request path asks on every request, and
 * another app node's change is seen within the TTL. `forget` drops it at once after a change on this node.
 */
export function cachedPerDatabase<T>(ttlMs: number, load: (deps: Pick<Deps, 'db'>) => Promise<T>) {
  const cache = new WeakMap<object, { at: number; value: Promise<T> }>();
  return {
    get(deps: Pick<Deps, 'db'>): Promise<T> {
      const hit = cache.get(deps.db);
      if (hit && Date.now() - hit.at < ttlMs) return hit.value;
      const value = load(deps).catch((err: unknown) => {
        cache.delete(deps.db);
        throw err;
      });
      cache.set(deps.db, { at: Date.now(), value });
      return value;
    },
    forget(deps: Pick<Deps, 'db'>): void {
      cache.delete(deps.db);
    },
  };
}

/** Status sweeps ask on every request (30 s TTL). */
const runtime = cachedPerDatabase(30_000, (deps) => load(deps));

export function runtimeSettings(deps: Pick<Deps, 'db'>): Promise<RuntimeSettings> {
  return runtime.get(deps);
}

async function load(deps: Pick<Deps, 'db'>): Promise<RuntimeSettings> {
  const stored = await repo.allSettings(deps.db);
  // Stored values were validated when written; a value that no longer parses (an older shape) falls back to the default.
  const reminders = ReminderRulesSchema.safeParse(stored.get(KEY.reminders));
  const publicPage = PublicPageSchema.safeParse(stored.get(KEY.publicPage));
  const years = z.array(CalendarYearSchema).safeParse(stored.get(KEY.calendarYears) ?? []);
  const calendarYears = years.success ? years.data : [];
  return {
    reminders: reminders.success ? reminders.data : DEFAULT_REMINDER_RULES,
    calendarYears,
    calendar: createCalendar(calendarYears),
    publicPage: publicPage.success ? publicPage.data : { enabled: true },
  };
}

/** Parses input the route could not fully check (rules across fields), as a 400 with the first Chinese message. */
export function parseSetting<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new AppError('INVALID_INPUT', issue.message, { field: issue.path.join('.') });
}


export async function getSettings(deps: Deps) {
  const s = await runtimeSettings(deps);
  return { reminders: s.reminders, publicPage: s.publicPage, calendarYears: s.calendarYears, coveredYears: [...s.calendar.coveredYears] };
}

/** Stores one setting with its audit record (before and after) in one transaction. */
export async function writeSetting(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, key: string, value: unknown, before: unknown): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await repo.putSetting(trx, key, value, actor.userId, deps.clock.iso());
    await recordAudit(trx, { ...auditOf(actor), action: 'settings.update', entityType: 'setting', entityId: key, before, after: value });
  });
}

async function write(deps: Deps, actor: Actor, key: string, value: unknown, before: unknown) {
  await writeSetting(deps, actor, key, value, before);
  runtime.forget(deps);
}

export async function putReminders(deps: Deps, actor: Actor, input: unknown) {
  const rules = parseSetting(ReminderRulesSchema, input);
  await write(deps, actor, KEY.reminders, rules, (await runtimeSettings(deps)).reminders);
  return getSettings(deps);
}

export async function putPublicPage(deps: Deps, actor: Actor, input: unknown) {
  const value = parseSetting(PublicPageSchema, input);
  await write(deps, actor, KEY.publicPage, value, (await runtimeSettings(deps)).publicPage);
  return getSettings(deps);
}

/** Adds or replaces one calendar year; the whole calendar is rebuilt (and so validated) before it is stored. */
export async function putCalendarYear(deps: Deps, actor: Actor, year: number, input: { holidays: string[]; workdays: string[] }) {
  const entry = parseSetting(CalendarYearSchema, { year, ...input });
  const current = (await runtimeSettings(deps)).calendarYears;
  const next = [...current.filter((y) => y.year !== year), entry].sort((a, b) => a.year - b.year);
  await write(deps, actor, KEY.calendarYears, next, current.find((y) => y.year === year) ?? null);
  return getSettings(deps);
}

export async function deleteCalendarYear(deps: Deps, actor: Actor, year: number) {
  const current = (await runtimeSettings(deps)).calendarYears;
  if (!current.some((y) => y.year === year)) throw notFound(`${year} 年的补充日历`);
  await write(deps, actor, KEY.calendarYears, current.filter((y) => y.year !== year), current.find((y) => y.year === year));
  return getSettings(deps);
}


// ---- Audit retention (audit package) --------------------------------------------------------------
// Read straight from the table, not through the cache: only the daily purge and the audit page ask.

const AUDIT_RETENTION_KEY = 'audit_retention';

/** How many days the audit trail is kept (at least 180; see core/audit/retention.ts). */
export async function getAuditRetention(deps: Pick<Deps, 'db'>): Promise<AuditRetention> {
  const stored = AuditRetentionSchema.safeParse((await repo.allSettings(deps.db)).get(AUDIT_RETENTION_KEY));
  return stored.success ? stored.data : { days: AUDIT_RETENTION_DEFAULT_DAYS };
}

export async function putAuditRetention(deps: Deps, actor: Actor, input: unknown): Promise<AuditRetention> {
  const value = parseSetting(AuditRetentionSchema, input);
  await write(deps, actor, AUDIT_RETENTION_KEY, value, await getAuditRetention(deps));
  return value;
}
