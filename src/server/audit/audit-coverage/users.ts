import { multipart } from '../../test/helpers.ts';
import type { CoverageFeature } from './types.ts';

export const users: CoverageFeature = {
  notGeneric: {
    'POST /api/users/import': 'multipart upload of an .xlsx account sheet',
  },
  manual: {
    'POST /api/users/import': async ({ t, measure }) => {
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('账号');
      ws.addRow(['用户名', '姓名', '单位', '角色']);
      ws.addRow(['covimport', '覆盖导入', '', '督查人员']);
      const file = Buffer.from(await wb.xlsx.writeBuffer());
      await measure('POST /api/users/import', () => t.inject({ method: 'POST', url: '/api/users/import', ...multipart('accounts.xlsx', file) }, 'admin'));
    },
  },
};
