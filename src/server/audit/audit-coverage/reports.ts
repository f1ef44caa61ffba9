import { expect } from 'vitest';
import { multipart } from '../../test/helpers.ts';
import { PNG, type CoverageFeature } from './types.ts';

export const reports: CoverageFeature = {
  notGeneric: {
    'POST /api/reports/:id/attachments': 'multipart upload of evidence',
    'DELETE /api/reports/:id/attachments/:attachmentId': 'needs the id of an uploaded attachment',
  },
  manual: {
    'POST /api/reports/:id/attachments': async ({ t, ids, measure }) => {
      const report = await t.inject(
        { method: 'POST', url: `/api/tasks/${ids.tasks}/reports`, payload: { unitId: ids.units, kind: 'part', stage: 'in_progress', narrative: '佐证上传' } },
        'dw',
      );
      expect(report.statusCode, report.body).toBe(201);
      ids.evidenceReport = report.json().id;
      const up = await measure('POST /api/reports/:id/attachments', () =>
        t.inject({ method: 'POST', url: `/api/reports/${ids.evidenceReport}/attachments`, ...multipart('截图.png', PNG) }, 'dw'),
      );
      if (up.statusCode < 300)
        ids.attachmentId = (
          await t.deps.db.selectFrom('attachments').select('id').where('report_id', '=', Number(ids.evidenceReport)).executeTakeFirstOrThrow()
        ).id;
    },
    'DELETE /api/reports/:id/attachments/:attachmentId': async ({ t, ids, measure }) =>
      measure('DELETE /api/reports/:id/attachments/:attachmentId', () =>
        t.inject({ method: 'DELETE', url: `/api/reports/${ids.evidenceReport}/attachments/${ids.attachmentId}` }, 'dw'),
      ),
  },
};
