import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SYSTEM_ACTOR, type Deps } from './context.ts';
import { commitDraft, uploadDocument } from './imports/imports.service.ts';
import { anyPlan } from './plans/plans.repo.ts';

/** The bundled sample plan: 山政发〔2021〕7号, the Shanting District business-environment plan. */
export const SAMPLE_PLAN_PATH = fileURLToPath(new URL('../../samples/shanting-2021-7.txt', import.meta.url));

/** Imports the sample plan through the normal import path when the database has no plan yet. */
export async function importSampleIfEmpty(deps: Deps): Promise<number | null> {
  if (await anyPlan(deps.db)) return null;
  const draft = await uploadDocument(deps, SYSTEM_ACTOR, { fileName: 'shanting-2021-7.txt', bytes: await readFile(SAMPLE_PLAN_PATH) });
  const { planId } = await commitDraft(deps, SYSTEM_ACTOR, draft.id);
  return planId;
}
