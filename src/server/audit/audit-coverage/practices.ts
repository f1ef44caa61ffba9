import type { CoverageFeature } from './types.ts';

/** The practices room's write routes a generic call cannot make succeed (none yet), each with its request. */
export const practices: CoverageFeature = {
  notGeneric: {},
  manual: {},
};
