export type { DraftTask, DraftTaskPatch } from './types.ts';
export * from './draft.ts';
export * from './numbering.ts';
