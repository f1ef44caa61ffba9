import { z } from 'zod';
import type { WorkCalendar } from '../calendar/index.ts';
import { isIsoDate } from '../calendar/index.ts';
import type { FindingStatus } from './findings.ts';

/**
 * The rectification deadline rule profile (整改时限规则). Limits differ by city and are not national law,
 * so they are never constants: a profile names its source, carries a version that moves with every edit,
 * and the office edits it under settings. A notice keeps the profile id, version and the source it was
 * computed from, so an old notice still says which rule gave its deadline after the profile changes.
 *
 * The shipped preset is 许昌市营商环境问题线索案件调查处理办法 (2025-07-08): class C (simple) is done and
 * 销号 within 5 working days, B (cross-department) within 15 working days, A (complex, historical) in a
 * one-month 集中攻坚. The optional 提级 rule is 亳州's 涉企"办不成事"提级办理 (2023): a matter not solved
 * after 2 交办 is raised to a higher level.
 */

export const LIMIT_UNITS = ['workdays', 'months'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];
export const LIMIT_UNIT_LABELS: Record<LimitUnit, string> = { workdays: '个工作日', months: '个月' };

export interface ProfileSource {
  /** The document's name, e.g. 许昌市营商环境问题线索案件调查处理办法. */
  title: string;
  /** Its date, 'YYYY-MM-DD', when known. */
  date: string | null;
  url: string | null;
}

export interface ClueClass {
  /** A short code such as C, B or A; notices name it. */
  code: string;
  label: string;
  limit: { unit: LimitUnit; count: number };
}

export interface EscalationRule {
  enabled: boolean;
  /** 提级 once a finding is still open after this many notices (交办) and the last one is past due. */
  afterNotices: number;
  source: ProfileSource;
}

export interface RectificationProfile {
  /** A stable id of the preset it started from, e.g. xuchang-2025. */
  id: string;
  name: string;
  /** Moves forward with every edit; notices record it. */
  version: number;
  source: ProfileSource;
  classes: ClueClass[];
  /** The class a new notice starts with. */
  defaultClass: string;
  escalation: EscalationRule;
  /** Set when the office edited the profile away from its source (the source then is a basis, not a quote). */
  editedNote: string | null;
}

export const XUCHANG_2025_SOURCE: ProfileSource = {
  title: '许昌市营商环境问题线索案件调查处理办法',
  date: '2025-07-08',
  url: 'https://sfgw.xuchang.gov.cn/yhyshj/20250910/1849e7cc-27d2-4299-af96-6188a8fc93be.html',
};

export const BOZHOU_2023_SOURCE: ProfileSource = {
  // The source gives the year (2023) only, so no day is claimed.
  title: '亳州市涉企“办不成事”提级办理',
  date: null,
  url: 'https://taarucha.com/OpennessGazette/show/1854.html',
};

/** The shipped preset (domain-rules §7.2). The 提级 rule ships switched off: it is another city's practice. */
export const XUCHANG_2025_PROFILE: RectificationProfile = {
  id: 'xuchang-2025',
  name: '许昌市营商环境问题线索分类处置时限',
  version: 1,
  source: XUCHANG_2025_SOURCE,
  classes: [
    { code: 'C', label: '简单问题', limit: { unit: 'workdays', count: 5 } },
    { code: 'B', label: '跨部门问题', limit: { unit: 'workdays', count: 15 } },
    { code: 'A', label: '复杂疑难、历史遗留问题', limit: { unit: 'months', count: 1 } },
  ],
  defaultClass: 'C',
  escalation: { enabled: false, afterNotices: 2, source: BOZHOU_2023_SOURCE },
  editedNote: null,
};

const Text = (what: string, max: number) =>
  z
    .string({ message: `${what}应为文字` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不超过 ${max} 字`);
const SourceSchema = z
  .object({
    title: Text('依据文件名称', 200),
    date: z.string().refine(isIsoDate, '依据文件日期格式应为 YYYY-MM-DD').nullable(),
    url: z.string().trim().max(1000, '依据链接不超过 1000 字').url('依据链接应为网址').nullable(),
  })
  .strict();

/** The profile as the office edits it; the version is the server's to move, so it is not accepted. */
export const RectificationProfileInputSchema = z
  .object({
    name: Text('规则名称', 100),
    source: SourceSchema,
    classes: z
      .array(
        z
          .object({
            code: z
              .string()
              .trim()
              .regex(/^[A-Za-z0-9]{1,8}$/, '类别代码应为 1–8 位字母或数字'),
            label: Text('类别名称', 50),
            limit: z
              .object({
                unit: z.enum(LIMIT_UNITS, { message: '时限单位应为工作日或月' }),
                count: z.number({ message: '时限应为整数' }).int('时限应为整数').min(1, '时限至少为 1').max(250, '时限不超过 250'),
              })
              .strict(),
          })
          .strict(),
      )
      .min(1, '至少设置一个问题类别')
      .max(10, '问题类别最多 10 个'),
    defaultClass: z.string().trim(),
    escalation: z
      .object({
        enabled: z.boolean({ message: '请选择是否启用提级' }),
        afterNotices: z.number().int('交办次数应为整数').min(1, '交办次数至少为 1').max(10, '交办次数不超过 10'),
        source: SourceSchema,
      })
      .strict(),
    editedNote: z.string().trim().max(500, '调整说明不超过 500 字').nullable(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const codes = p.classes.map((c) => c.code.toUpperCase());
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: 'custom', path: ['classes'], message: '问题类别代码不能重复' });
    if (!codes.includes(p.defaultClass.toUpperCase())) ctx.addIssue({ code: 'custom', path: ['defaultClass'], message: '默认类别应为已设置的类别之一' });
  });
export type RectificationProfileInput = z.infer<typeof RectificationProfileInputSchema>;

/** The stored profile: the input plus the preset id and version. */
export const RectificationProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int().min(1),
  source: SourceSchema,
  classes: z.array(z.object({ code: z.string(), label: z.string(), limit: z.object({ unit: z.enum(LIMIT_UNITS), count: z.number().int() }) })),
  defaultClass: z.string(),
  escalation: z.object({ enabled: z.boolean(), afterNotices: z.number().int(), source: SourceSchema }),
  editedNote: z.string().nullable(),
}) satisfies z.ZodType<RectificationProfile>;

/** The next stored profile after an edit: same preset id, version + 1. */
export function reviseProfile(current: RectificationProfile, input: RectificationProfileInput): RectificationProfile {
  return { ...input, defaultClass: input.defaultClass.toUpperCase(), id: current.id, version: current.version + 1 };
}

export function classOf(profile: RectificationProfile, code: string): ClueClass | undefined {
  return profile.classes.find((c) => c.code.toUpperCase() === code.toUpperCase());
}

/** `date` plus `n` calendar months; a day the month lacks becomes its last day (01-31 + 1 month → 02-28). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** What a notice's deadline was computed from: the class limit of a profile version, or the office's override. */
export interface DueBasis {
  dueDate: string;
  /** The limit as a notice writes it: "5个工作日". */
  limitText: string;
  /** Where the limit comes from, for the notice and its record. */
  basis: string;
}

/**
 * The deadline of a notice issued on `issuedOn` (China day, day 0): the class's limit from the profile,
 * or `overrideWorkdays` when the office sets one for this notice. Working days come from the calendar
 * (statutory holidays and make-up workdays); day 0 itself is not counted. Throws `UncoveredYearError`
 * when the calendar lacks the year, and an Error for an unknown class (the service checks it first).
 */
export function noticeDueDate(
  profile: RectificationProfile,
  calendar: WorkCalendar,
  issuedOn: string,
  clueClass: string,
  overrideWorkdays: number | null = null,
): DueBasis {
  const cls = classOf(profile, clueClass);
  if (!cls) throw new Error(`unknown clue class ${clueClass}`);
  const source = `《${profile.source.title}》${profile.editedNote ? '（本单位已调整）' : ''}`;
  if (overrideWorkdays !== null) {
    return { dueDate: calendar.addWorkdays(issuedOn, overrideWorkdays), limitText: `${overrideWorkdays}个工作日`, basis: '本通知指定时限' };
  }
  const { unit, count } = cls.limit;
  const dueDate = unit === 'workdays' ? calendar.addWorkdays(issuedOn, count) : addMonths(issuedOn, count);
  return { dueDate, limitText: `${count}${LIMIT_UNIT_LABELS[unit]}`, basis: `${source}${cls.code}类（${cls.label}）时限` };
}

/**
 * The 提级 flag: with the profile's rule on, a finding still open after `afterNotices` notices whose
 * latest deadline has passed is to be raised (亳州). Off, never.
 */
export function needsEscalation(
  profile: RectificationProfile,
  f: { noticeCount: number; status: FindingStatus; dueDate: string | null },
  today: string,
): boolean {
  if (!profile.escalation.enabled || f.status === 'closed' || f.dueDate === null) return false;
  return f.noticeCount >= profile.escalation.afterNotices && today > f.dueDate;
}
