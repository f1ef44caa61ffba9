/** The administrative levels of the government that issues a plan, highest first. */
export const PLAN_LEVELS = ['province', 'city', 'county', 'district'] as const;

/** The administrative level of the government that issues a plan. */
export type PlanLevel = (typeof PLAN_LEVELS)[number];

export const PLAN_LEVEL_LABELS: Record<PlanLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  district: '区级',
};
