import { z } from 'zod';
import { DEFAULT_DUE_SOON_WORKDAYS } from '../status/status.ts';
import { DEFAULT_REMINDER_SETTINGS, ESCALATION_LEVELS, type EscalationLevel } from './reminders.ts';

/**
 * The reminder rules as an admin edits them: when to remind before a deadline, after how many
 * overdue working days each escalation step fires, and how near a deadline counts as 临期.
 */
export interface ReminderRules {
  dueSoonWorkdays: number;
  reminderOffsets: number[];
  escalation: { level: EscalationLevel; afterWorkdays: number }[];
}

export const DEFAULT_REMINDER_RULES: ReminderRules = {
  dueSoonWorkdays: DEFAULT_DUE_SOON_WORKDAYS,
  reminderOffsets: [...DEFAULT_REMINDER_SETTINGS.reminderOffsets],
  escalation: DEFAULT_REMINDER_SETTINGS.escalation.map((e) => ({ ...e })),
};

const Workdays = (what: string) => z.number({ message: `${what}应为整数` }).int(`${what}应为整数`).min(1, `${what}至少为 1 个工作日`).max(60, `${what}不超过 60 个工作日`);
const LEVELS = ESCALATION_LEVELS;

export const ReminderRulesSchema = z
  .object({
    dueSoonWorkdays: z.number().int('临期天数应为整数').min(0, '临期天数不能为负').max(30, '临期天数不超过 30 个工作日'),
    reminderOffsets: z.array(Workdays('提前提醒天数')).max(5, '提前提醒最多设置 5 次'),
    escalation: z.array(z.object({ level: z.enum(LEVELS, { message: '升级步骤应为催办、督办或约谈建议' }), afterWorkdays: Workdays('逾期升级天数') }).strict()).length(3, '应依次设置催办、督办、约谈建议三个步骤'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (new Set(r.reminderOffsets).size !== r.reminderOffsets.length) ctx.addIssue({ code: 'custom', path: ['reminderOffsets'], message: '提前提醒天数不能重复' });
    r.escalation.forEach((e, i) => {
      if (e.level !== LEVELS[i]) ctx.addIssue({ code: 'custom', path: ['escalation', i, 'level'], message: '应依次设置催办、督办、约谈建议三个步骤' });
      const prev = r.escalation[i - 1];
      if (prev && e.afterWorkdays <= prev.afterWorkdays) ctx.addIssue({ code: 'custom', path: ['escalation', i, 'afterWorkdays'], message: '后一步骤的逾期天数应大于前一步骤' });
    });
  })
  // Reminders are kept in descending order (5, 2, 1) as people read them.
  .transform((r) => ({ ...r, reminderOffsets: [...r.reminderOffsets].sort((a, b) => b - a) }));
