import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Actor, Deps } from './context.ts';
import { commitDraft, uploadDocument } from './imports/imports.service.ts';

/** The bundled sample plan: 山政发〔2021〕7号, the Shanting District business-environment plan. */
export const SAMPLE_PLAN_PATH = fileURLToPath(new URL('../../samples/shanting-2021-7.txt', import.meta.url));

/** Imports the sample plan through the normal import path when the database has no plan yet. */
export async function importSampleIfEmpty(deps: Deps): Promise<number | null> {
  const any = await deps.db.selectFrom('plans').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const actor: Actor = { userId: null, unitId: null, ip: null };
  const draft = await uploadDocument(deps, actor, { fileName: 'shanting-2021-7.txt', bytes: await readFile(SAMPLE_PLAN_PATH) });
  const { planId } = await commitDraft(deps, actor, draft.id);
  return planId;
}
