/** The administrative level of the government that issues a plan. */
export type PlanLevel = 'province' | 'city' | 'county' | 'district';

export const PLAN_LEVELS: readonly PlanLevel[] = ['province', 'city', 'county', 'district'];

export const PLAN_LEVEL_LABELS: Record<PlanLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  district: '区级',
};
