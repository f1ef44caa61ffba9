import { expect } from 'vitest';
import { insertSampleRound } from '../../test/factories.ts';
import type { CoverageFeature } from './types.ts';

export const circulars: CoverageFeature = {
  notGeneric: {
    'DELETE /api/circulars/:id': 'needs a draft circular, and the walk issues the one it drafts before the deletes run',
  },
  manual: {
    'DELETE /api/circulars/:id': async ({ t, measure }) => {
      const round = await insertSampleRound(t.deps.db);
      const draft = await t.inject({ method: 'POST', url: `/api/rounds/${round}/circulars` });
      expect(draft.statusCode, draft.body).toBe(201);
      await measure('DELETE /api/circulars/:id', () => t.inject({ method: 'DELETE', url: `/api/circulars/${draft.json().id}` }));
    },
  },
};
