/** The administrative levels of the government that issues a plan, highest first. */
export const PLAN_LEVELS = ['province', 'city', 'county', 'district'] as const;

/** The administrative level of the government that issues a plan. */
export type PlanLevel = (typeof PLAN_LEVELS)[number];

export const PLAN_LEVEL_LABELS: Record<PlanLevel, string> = { province: '省级', city: '市级', county: '县级', district: '区级' };

/** Whether a stored or sent level is one of PLAN_LEVELS (the plan contract sends it as text). */
export function isPlanLevel(value: string | null | undefined): value is PlanLevel {
  return (PLAN_LEVELS as readonly (string | null | undefined)[]).includes(value);
}
