import { expect } from 'vitest';
import { multipart } from '../../test/helpers.ts';
import { addInspection } from '../../rectifications/test-fixtures.ts';
import { type Coverage, type CoverageFeature, PNG, type Res } from './types.ts';

let made = 0;

const ok = (res: Res, status = 200): Res => {
  expect(res.statusCode, res.body).toBe(status);
  return res;
};

/**
 * A released inspection of the walk's unit with one problem finding, the walk's inspector (no unit of
 * its own) assigned, taken as far along the rectification as a step needs: each route is measured on a
 * chain of its own, so no request depends on the order the walk runs them in.
 */
async function chain({ t, ids }: Coverage, upTo: 'released' | 'noticed' | 'drafted' | 'evidenced' | 'answered') {
  made += 1;
  const inspector = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'inspector').executeTakeFirstOrThrow();
  const insp = await addInspection(t, {
    title: `覆盖整改${made}`,
    unitId: Number(ids.units),
    inspectorIds: [inspector.id],
    findings: [{ description: '窗口未公示办理时限' }],
  });
  const findingId = insp.findingIds[0]!;
  const state = { inspectionId: insp.inspectionId, findingId, answerId: 0 };
  if (upTo === 'released') return state;
  ok(await t.inject({ method: 'POST', url: '/api/rectifications/notices', payload: { inspectionId: insp.inspectionId, unitId: ids.units } }), 201);
  if (upTo === 'noticed') return state;
  const draft = ok(await t.inject({ method: 'PUT', url: `/api/rectifications/findings/${findingId}/answer`, payload: { measures: '已公示' } }, 'dw'));
  state.answerId = draft.json().id as number;
  if (upTo === 'drafted') return state;
  ok(await t.inject({ method: 'POST', url: `/api/rectifications/answers/${state.answerId}/evidence`, ...multipart('公示.png', PNG) }, 'dw'), 201);
  if (upTo === 'evidenced') return state;
  ok(await t.inject({ method: 'POST', url: `/api/rectifications/answers/${state.answerId}/submit` }, 'dw'));
  return state;
}

const why = {
  'PUT /api/rectifications/profile': 'source links must be URLs and class codes match a pattern the generated strings do not',
  'POST /api/rectifications/notices': 'needs an inspection whose findings are released, for a unit it found problems with',
  'PUT /api/rectifications/findings/:id/answer': 'needs a finding of the unit under a notice',
  'POST /api/rectifications/answers/:id/evidence': 'a multipart upload to a draft answer of the unit',
  'POST /api/rectifications/answers/:id/submit': 'needs a draft answer with evidence',
  'POST /api/rectifications/findings/:id/recheck': 'needs a submitted answer, re-checked by an inspector assigned to the inspection',
} as const;

/** The rectifications room's write routes a generic call cannot make succeed, each with its request. */
export const rectifications: CoverageFeature = {
  notGeneric: why,
  manual: {
    'PUT /api/rectifications/profile': async ({ t, measure }) => {
      const { id: _id, version: _version, ...input } = ok(await t.inject({ method: 'GET', url: '/api/rectifications/profile' })).json();
      await measure('PUT /api/rectifications/profile', () =>
        t.inject({ method: 'PUT', url: '/api/rectifications/profile', payload: { ...input, editedNote: '覆盖测试' } }),
      );
    },
    'POST /api/rectifications/notices': async (c) => {
      const s = await chain(c, 'released');
      await c.measure('POST /api/rectifications/notices', () =>
        c.t.inject({ method: 'POST', url: '/api/rectifications/notices', payload: { inspectionId: s.inspectionId, unitId: c.ids.units } }),
      );
    },
    'PUT /api/rectifications/findings/:id/answer': async (c) => {
      const s = await chain(c, 'noticed');
      await c.measure('PUT /api/rectifications/findings/:id/answer', () =>
        c.t.inject({ method: 'PUT', url: `/api/rectifications/findings/${s.findingId}/answer`, payload: { measures: '已整改' } }, 'dw'),
      );
    },
    'POST /api/rectifications/answers/:id/evidence': async (c) => {
      const s = await chain(c, 'drafted');
      await c.measure('POST /api/rectifications/answers/:id/evidence', () =>
        c.t.inject({ method: 'POST', url: `/api/rectifications/answers/${s.answerId}/evidence`, ...multipart('整改.png', PNG) }, 'dw'),
      );
    },
    'POST /api/rectifications/answers/:id/submit': async (c) => {
      const s = await chain(c, 'evidenced');
      await c.measure('POST /api/rectifications/answers/:id/submit', () =>
        c.t.inject({ method: 'POST', url: `/api/rectifications/answers/${s.answerId}/submit` }, 'dw'),
      );
    },
    'POST /api/rectifications/findings/:id/recheck': async (c) => {
      const s = await chain(c, 'answered');
      await c.measure('POST /api/rectifications/findings/:id/recheck', () =>
        c.t.inject({ method: 'POST', url: `/api/rectifications/findings/${s.findingId}/recheck`, payload: { passed: true } }, 'inspector'),
      );
    },
  },
};
