import type { CoverageFeature } from './types.ts';

/** The rectifications room's write routes a generic call cannot make succeed (none yet), each with its request. */
export const rectifications: CoverageFeature = {
  notGeneric: {},
  manual: {},
};
