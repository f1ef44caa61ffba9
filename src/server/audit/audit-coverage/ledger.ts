import { expect } from 'vitest';
import { multipart } from '../../test/helpers.ts';
import type { CoverageFeature } from './types.ts';

export const ledger: CoverageFeature = {
  notGeneric: {
    'POST /api/plans/:id/ledger.xlsx': 'multipart upload of an .xlsx ledger',
  },
  manual: {
    'POST /api/plans/:id/ledger.xlsx': async ({ t, ids, measure }) => {
      // The unit's own export, sent back with the actions of one task written in Excel (not the walk's
      // task: its ledger may be awaiting review, and then frozen).
      const sheet = await t.inject({ method: 'GET', url: `/api/plans/${ids.plans}/ledger.xlsx?unit=${ids.units}` }, 'dw');
      expect(sheet.statusCode).toBe(200);
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      let edited = 0;
      ws.eachRow((row, n) => {
        const taskId = Number(row.getCell(10).text);
        if (n > 2 && edited === 0 && taskId > 0 && taskId !== ids.tasks) {
          row.getCell(6).value = '在 Excel 中填写的举措';
          edited += 1;
        }
      });
      expect(edited).toBe(1);
      const file = Buffer.from(await wb.xlsx.writeBuffer());
      await measure('POST /api/plans/:id/ledger.xlsx', () =>
        t.inject({ method: 'POST', url: `/api/plans/${ids.plans}/ledger.xlsx?unit=${ids.units}`, ...multipart('台账.xlsx', file) }, 'dw'),
      );
    },
  },
};
