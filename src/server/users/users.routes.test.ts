import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccounts } from '../demo.ts';
import { importSampleIfEmpty } from '../sample.ts';
import { createTestApp, importSeed, multipart, type TestApp } from '../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await importSeed(t);
});
afterAll(async () => t.close());

async function sheet(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('账号');
  ws.addRow(['用户名', '姓名', '单位', '角色']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const count = async () => Number((await t.deps.db.selectFrom('users').select((e) => e.fn.countAll().as('c')).executeTakeFirstOrThrow()).c);

describe('accounts', () => {
  it('creates an account with a one-time password that must be changed, and refuses a duplicate', async () => {
    const unit = await t.deps.db.selectFrom('units').select('id').where('name', '=', '区医保局').executeTakeFirstOrThrow();
    const res = await t.inject({ method: 'POST', url: '/api/users', payload: { username: 'yibao', displayName: '医保局管理员', unitId: unit.id, roles: ['unit_manager'] } }, 'admin');
    expect(res.statusCode).toBe(201);
    const { user, password } = res.json();
    expect(user).toMatchObject({ username: 'yibao', unitName: '区医保局', roles: ['unit_manager'], isActive: true });
    const me = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'yibao', password } });
    expect(me.json().mustChangePassword).toBe(true);
    const dup = await t.inject({ method: 'POST', url: '/api/users', payload: { username: 'yibao', displayName: 'x', unitId: unit.id, roles: ['unit_staff'] } }, 'admin');
    expect(dup.statusCode).toBe(409);
    const noUnit = await t.inject({ method: 'POST', url: '/api/users', payload: { username: 'nounit', displayName: 'x', unitId: null, roles: ['unit_staff'] } }, 'admin');
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.message).toMatch(/必须属于一个单位/);
  });

  it('deactivates an account, which signs it out, and resets a password', async () => {
    const id = await t.addUser('leaver', ['inspector']);
    const s = await t.sessionOf('leaver');
    const off = await t.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { isActive: false } }, 'admin');
    expect(off.json().isActive).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s })).statusCode).toBe(401);
    const reset = await t.inject({ method: 'POST', url: `/api/users/${id}/reset-password` }, 'admin');
    expect(reset.json().password).toHaveLength(16);
    const selfOff = await t.inject({ method: 'PATCH', url: `/api/users/${(await t.deps.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id}`, payload: { isActive: false } }, 'admin');
    expect(selfOff.statusCode).toBe(400);
  });

  it('imports accounts from .xlsx all at once', async () => {
    const before = await count();
    const file = await sheet([['caizheng', '财政局管理员', '区财政局', '单位管理员'], ['duban1', '督查一', '', '督查人员'], ['leader2', '副区长', '', '分管领导、督查人员']]);
    const res = await t.inject({ method: 'POST', url: '/api/users/import', ...multipart('accounts.xlsx', file) }, 'admin');
    expect(res.statusCode).toBe(201);
    expect(res.json().created).toBe(3);
    expect(await count()).toBe(before + 3);
    const users = (await t.inject({ method: 'GET', url: '/api/users?q=leader2' }, 'admin')).json();
    expect(users.data[0].roles).toEqual(['leader', 'inspector']);
  });

  it('imports nothing when one row is bad, naming each bad row and column', async () => {
    const before = await count();
    const file = await sheet([['good1', '好人', '区财政局', '单位管理员'], ['bad name!', '坏人', '区财政局', '单位管理员'], ['good2', '好人二', '不存在的局', '单位管理员'], ['good3', '', '', '宇航员'], ['good1', '重复', '', '督查人员']]);
    const res = await t.inject({ method: 'POST', url: '/api/users/import', ...multipart('accounts.xlsx', file) }, 'admin');
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { row: number; column: string }[];
    expect(details.map((d) => `${d.row}:${d.column}`)).toEqual(['3:用户名', '4:单位', '5:姓名', '5:角色', '6:用户名']);
    expect(res.json().error.message).toMatch(/未导入任何账号/);
    expect(await count()).toBe(before);
  });

  it('refuses a file that is not a spreadsheet', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/users/import', ...multipart('accounts.xlsx', Buffer.from('not a zip')) }, 'admin');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/无法读取/);
    const csv = await t.inject({ method: 'POST', url: '/api/users/import', ...multipart('accounts.csv', Buffer.from('a,b')) }, 'admin');
    expect(csv.statusCode).toBe(415);
  });

  it('serves a template that reads back with the expected header', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/users/template.xlsx' }, 'admin');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, '用户名', '姓名', '单位', '角色']);
  });
});

describe('audit trail', () => {
  it('filters and exports to .xlsx, in China time', async () => {
    const list = (await t.inject({ method: 'GET', url: '/api/audit?action=user.create&pageSize=100' }, 'coordinator')).json();
    expect(list.total).toBeGreaterThan(0);
    expect(list.data.every((r: { action: string }) => r.action.includes('user.create'))).toBe(true);
    const res = await t.inject({ method: 'GET', url: '/api/audit.xlsx?action=user.create' }, 'coordinator');
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(4).text).toBe('操作');
    expect(ws.rowCount - 1).toBe(list.total);
    expect(ws.getRow(2).getCell(4).text).toBe('user.create');
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const inDay = (await t.inject({ method: 'GET', url: `/api/audit?from=${today}&to=${today}&action=user.create` }, 'coordinator')).json();
    expect(inDay.total).toBe(list.total);
  });
});

describe('demo accounts', () => {
  it('are made only on an empty user table', async () => {
    expect(await createDemoAccounts(t.deps)).toBeNull();
  });

  it('give admin, coordinator, leader and a manager per single unit of the plan, all with the demo password', async () => {
    const fresh = await createTestApp({ TUIJIN_DEMO_PASSWORD: 'Demo-pass-2021' });
    try {
      await fresh.deps.db.deleteFrom('users').execute();
      expect(await importSampleIfEmpty(fresh.deps)).not.toBeNull();
      const demo = (await createDemoAccounts(fresh.deps))!;
      const singles = await fresh.deps.db.selectFrom('units').select('name').where('is_collective', '=', 0).where((eb) => eb.exists(eb.selectFrom('task_units').whereRef('task_units.unit_id', '=', 'units.id').select('task_units.id'))).execute();
      expect(demo.accounts.map((a) => a.username).slice(0, 3)).toEqual(['admin', 'coordinator', 'leader']);
      expect(demo.accounts.filter((a) => a.role === '单位管理员').map((a) => a.unit).sort()).toEqual(singles.map((u) => u.name).sort());
      const login = await fresh.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dw01', password: 'Demo-pass-2021' } });
      expect(login.json().roles).toEqual(['unit_manager']);
    } finally {
      await fresh.close();
    }
  });
});
