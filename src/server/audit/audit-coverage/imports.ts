import { expect } from 'vitest';
import { multipart, seedBytes } from '../../test/helpers.ts';
import type { CoverageFeature } from './types.ts';

/** The seed document under another number (the same file twice is refused as a duplicate). */
const another = (number: string) => Buffer.from(seedBytes().toString('utf8').replaceAll('山政发〔2021〕7号', `山政发〔2021〕${number}号`));

export const imports: CoverageFeature = {
  notGeneric: {
    'POST /api/imports': 'multipart upload of a plan document (no JSON body to build from the schema)',
    'DELETE /api/imports/:id': 'needs an uncommitted draft, and the walk commits the one it uploads before the deletes run',
    'POST /api/imports/:id/reread': 'needs an uncommitted draft and a numbering level the reader found in it (a schema-built form is refused)',
  },
  manual: {
    'POST /api/imports': async ({ t, ids, measure }) => {
      const res = await measure('POST /api/imports', () => t.inject({ method: 'POST', url: '/api/imports', ...multipart('副本.txt', another('99')) }));
      if (res.statusCode < 300) ids.imports = res.json().id;
    },
    'DELETE /api/imports/:id': async ({ t, measure }) => {
      const draft = await t.inject({ method: 'POST', url: '/api/imports', ...multipart('待删除.txt', another('98')) });
      expect(draft.statusCode, draft.body).toBe(201);
      await measure('DELETE /api/imports/:id', () => t.inject({ method: 'DELETE', url: `/api/imports/${draft.json().id}` }));
    },
    'POST /api/imports/:id/reread': async ({ t, measure }) => {
      const draft = await t.inject({ method: 'POST', url: '/api/imports', ...multipart('重新识别.txt', another('97')) });
      expect(draft.statusCode, draft.body).toBe(201);
      // The level the reader took the tasks from: the coordinator confirms it.
      const level = (draft.json().structure.levels as { form: string; isTaskLevel: boolean }[]).find((l) => l.isTaskLevel)?.form;
      await measure('POST /api/imports/:id/reread', () =>
        t.inject({ method: 'POST', url: `/api/imports/${draft.json().id}/reread`, payload: level ? { taskLevel: level } : {} }),
      );
    },
  },
};
