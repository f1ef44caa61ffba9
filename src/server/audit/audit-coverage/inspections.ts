import type { CoverageFeature } from './types.ts';

/** The inspections room's write routes a generic call cannot make succeed (none yet), each with its request. */
export const inspections: CoverageFeature = {
  notGeneric: {},
  manual: {},
};
