/** The contract of the admin's settings page: reminder rules, calendar years, the public page switch, scheduled backups. */
import { z } from 'zod';
import { BackupSettingsSchema } from '../backup/index.ts';
import { ESCALATION_LEVELS } from '../reminders/reminders.ts';

export const ReminderRulesSchema = z.object({
  dueSoonWorkdays: z.number(),
  reminderOffsets: z.array(z.number()),
  escalation: z.array(z.object({ level: z.enum(ESCALATION_LEVELS), afterWorkdays: z.number() })),
});
export type ReminderRules = z.infer<typeof ReminderRulesSchema>;
export const CalendarYearSchema = z.object({ year: z.number(), holidays: z.array(z.string()), workdays: z.array(z.string()) });
export type CalendarYear = z.infer<typeof CalendarYearSchema>;
export const SettingsSchema = z.object({
  reminders: ReminderRulesSchema,
  publicPage: z.object({ enabled: z.boolean() }),
  /** Years the admin added or corrected. */
  calendarYears: z.array(CalendarYearSchema),
  /** Every year the working-day calendar covers (built-in and added). */
  coveredYears: z.array(z.number()),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const YearParams = z.object({ year: z.coerce.number().int().min(2000, '年份应在 2000–2100 之间').max(2100, '年份应在 2000–2100 之间') });
const Dates = z.array(z.string().max(10)).max(120, '日期最多 120 个');
export const CalendarYearBodySchema = z.object({ holidays: Dates, workdays: Dates }).strict();

export const BACKUP_RUN_STATUSES = ['running', 'ok', 'failed'] as const;
export type BackupRunStatus = (typeof BACKUP_RUN_STATUSES)[number];

/** One run of the scheduled backup. */
export const BackupRunSchema = z.object({
  id: z.number(),
  trigger: z.enum(['schedule']),
  status: z.enum(BACKUP_RUN_STATUSES),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  file: z.string().nullable(),
  size: z.number().nullable(),
  sha256: z.string().nullable(),
  rows: z.number().nullable(),
  files: z.number().nullable(),
  removed: z.array(z.string()),
  error: z.string().nullable(),
});
export type BackupRun = z.infer<typeof BackupRunSchema>;
/** `GET /api/settings/backup`; `targetDir` is the folder archives go to (the setting's, or DATA_DIR/backups). */
export const BackupStatusSchema = z.object({ settings: BackupSettingsSchema, targetDir: z.string(), nextRunAt: z.string().nullable(), lastRun: BackupRunSchema.nullable(), runs: z.array(BackupRunSchema) });
export type BackupStatus = z.infer<typeof BackupStatusSchema>;
