import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_RULES, ReminderRulesSchema } from './settings.ts';

describe('reminder rules', () => {
  it('accepts the defaults (5, 2, 1 working days before; 1, 5, 10 after) and sorts reminders descending', () => {
    expect(ReminderRulesSchema.parse(DEFAULT_REMINDER_RULES)).toEqual(DEFAULT_REMINDER_RULES);
    expect(ReminderRulesSchema.parse({ ...DEFAULT_REMINDER_RULES, reminderOffsets: [1, 3] }).reminderOffsets).toEqual([3, 1]);
  });

  it('refuses duplicates, steps out of order or not rising, and out-of-range numbers, in Chinese', () => {
    const messages = (input: unknown) => {
      const r = ReminderRulesSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(messages({ ...DEFAULT_REMINDER_RULES, reminderOffsets: [2, 2] })).toContain('提前提醒天数不能重复');
    expect(
      messages({
        ...DEFAULT_REMINDER_RULES,
        escalation: [
          { level: 'urge', afterWorkdays: 5 },
          { level: 'supervise', afterWorkdays: 5 },
          { level: 'interview', afterWorkdays: 10 },
        ],
      }),
    ).toContain('后一步骤的逾期天数应大于前一步骤');
    expect(
      messages({
        ...DEFAULT_REMINDER_RULES,
        escalation: [
          { level: 'supervise', afterWorkdays: 1 },
          { level: 'urge', afterWorkdays: 5 },
          { level: 'interview', afterWorkdays: 10 },
        ],
      }),
    ).toContain('应依次设置催办、督办、约谈建议三个步骤');
    expect(messages({ ...DEFAULT_REMINDER_RULES, dueSoonWorkdays: 31 })).toContain('临期天数不超过 30 个工作日');
    expect(messages({ ...DEFAULT_REMINDER_RULES, reminderOffsets: [0] })).toContain('提前提醒天数至少为 1 个工作日');
    expect(messages({ ...DEFAULT_REMINDER_RULES, extra: 1 }).length).toBeGreaterThan(0);
  });
});
