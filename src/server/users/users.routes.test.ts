import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccounts, formatDemoAccounts } from '../demo.ts';
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
const count = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('users')
        .select((e) => e.fn.countAll().as('c'))
        .executeTakeFirstOrThrow()
    ).c,
  );

describe('accounts', () => {
  it('creates an account with a one-time password that must be changed, and refuses a duplicate', async () => {
    const unit = await t.deps.db.selectFrom('units').select('id').where('name', '=', '区医保局').executeTakeFirstOrThrow();
    const res = await t.inject(
      { method: 'POST', url: '/api/users', payload: { username: 'yibao', displayName: '医保局管理员', unitId: unit.id, roles: ['unit_manager'] } },
      'admin',
    );
    expect(res.statusCode).toBe(201);
    const { user, password } = res.json();
    expect(user).toMatchObject({ username: 'yibao', unitName: '区医保局', roles: ['unit_manager'], isActive: true });
    const me = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'yibao', password } });
    expect(me.json().mustChangePassword).toBe(true);
    const dup = await t.inject(
      { method: 'POST', url: '/api/users', payload: { username: 'yibao', displayName: 'x', unitId: unit.id, roles: ['unit_staff'] } },
      'admin',
    );
    expect(dup.statusCode).toBe(409);
    const noUnit = await t.inject(
      { method: 'POST', url: '/api/users', payload: { username: 'nounit', displayName: 'x', unitId: null, roles: ['unit_staff'] } },
      'admin',
    );
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.message).toMatch(/必须属于一个单位/);
  });

  it('deactivates an account, which signs it out, and the security administrator resets a password', async () => {
    const id = await t.addUser('leaver', ['inspector']);
    const s = await t.sessionOf('leaver');
    const off = await t.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { isActive: false } }, 'admin');
    expect(off.json().isActive).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s })).statusCode).toBe(401);
    // 三权分立: resets and unlocks are the security administrator's, not the system administrator's.
    expect((await t.inject({ method: 'POST', url: `/api/users/${id}/reset-password` }, 'admin')).statusCode).toBe(403);
    expect((await t.inject({ method: 'POST', url: `/api/users/${id}/unlock` }, 'admin')).statusCode).toBe(403);
    const reset = await t.inject({ method: 'POST', url: `/api/users/${id}/reset-password` }, 'security');
    expect(reset.json().password).toHaveLength(16);
    expect((await t.inject({ method: 'POST', url: `/api/users/${id}/unlock` }, 'security')).statusCode).toBe(200);
    // The security administrator finds accounts, but does not create or edit them.
    expect((await t.inject({ method: 'GET', url: '/api/users?q=leaver' }, 'security')).json().total).toBe(1);
    expect((await t.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { isActive: true } }, 'security')).statusCode).toBe(403);
    const selfOff = await t.inject(
      {
        method: 'PATCH',
        url: `/api/users/${(await t.deps.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id}`,
        payload: { isActive: false },
      },
      'admin',
    );
    expect(selfOff.statusCode).toBe(400);
  });

  it('never puts two of the three administrator roles on one account (三权分立)', async () => {
    const create = (username: string, roles: string[]) =>
      t.inject({ method: 'POST', url: '/api/users', payload: { username, displayName: username, unitId: null, roles } }, 'admin');
    const both = await create('sysaudit', ['admin', 'audit_admin']);
    expect(both.statusCode).toBe(400);
    expect(both.json().error.message).toBe('三权分立：“系统管理员”与“审计管理员”不能由同一账号兼任');
    expect((await create('secaudit', ['security_admin', 'audit_admin'])).statusCode).toBe(400);
    expect(await t.deps.db.selectFrom('users').select('id').where('username', 'in', ['sysaudit', 'secaudit']).execute()).toEqual([]);
    // Nor by an edit: the audit administrator's account cannot be made an admin as well.
    const auditorId = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'auditor').executeTakeFirstOrThrow()).id;
    const edit = await t.inject({ method: 'PATCH', url: `/api/users/${auditorId}`, payload: { roles: ['audit_admin', 'admin'] } }, 'admin');
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.message).toMatch(/三权分立/);
    expect((await t.inject({ method: 'GET', url: '/api/users?q=auditor' }, 'admin')).json().data[0].roles).toEqual(['audit_admin']);
    // Nor by an import: the whole sheet is refused.
    const file = await sheet([
      ['okrow', '正常', '', '督查人员'],
      ['dual', '兼任', '', '系统管理员、审计管理员'],
    ]);
    const imported = await t.inject({ method: 'POST', url: '/api/users/import', ...multipart('accounts.xlsx', file) }, 'admin');
    expect(imported.statusCode).toBe(400);
    expect(imported.json().error.details).toEqual([{ row: 3, column: '角色', message: '三权分立：“系统管理员”与“审计管理员”不能由同一账号兼任' }]);
    // Separate accounts are fine.
    expect((await create('auditor2', ['audit_admin'])).statusCode).toBe(201);
  });

  it('lets no administrator change their own roles', async () => {
    const adminId = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    const self = await t.inject({ method: 'PATCH', url: `/api/users/${adminId}`, payload: { roles: ['admin', 'coordinator'] } }, 'admin');
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toBe('不能修改自己的角色');
    // Saving the form unchanged (same roles, another name) is not a change of roles.
    const same = await t.inject({ method: 'PATCH', url: `/api/users/${adminId}`, payload: { roles: ['admin'], displayName: '系统管理员甲' } }, 'admin');
    expect(same.statusCode).toBe(200);
  });

  it('keeps at least one active security and one active audit administrator', async () => {
    const idOf = async (username: string) => (await t.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    const security = await idOf('security');
    const off = await t.inject({ method: 'PATCH', url: `/api/users/${security}`, payload: { isActive: false } }, 'admin');
    expect(off.statusCode).toBe(409);
    expect(off.json().error.message).toBe('至少保留一个启用的“安全管理员”账号：请先为其他账号授予该角色');
    expect((await t.inject({ method: 'PATCH', url: `/api/users/${security}`, payload: { roles: ['inspector'] } }, 'admin')).statusCode).toBe(409);
    // With a second one, the first can go (and come back).
    await t.addUser('security2', ['security_admin']);
    expect((await t.inject({ method: 'PATCH', url: `/api/users/${security}`, payload: { isActive: false } }, 'admin')).statusCode).toBe(200);
    expect((await t.inject({ method: 'PATCH', url: `/api/users/${security}`, payload: { isActive: true } }, 'admin')).statusCode).toBe(200);
    t.forgetSessions(); // deactivation signed `security` out
    // The audit administrator likewise (the helper's `auditor` and this file's `auditor2` are both active).
    const auditor2 = await idOf('auditor2');
    expect((await t.inject({ method: 'PATCH', url: `/api/users/${auditor2}`, payload: { isActive: false } }, 'admin')).statusCode).toBe(200);
    const lastAuditor = await t.inject({ method: 'PATCH', url: `/api/users/${await idOf('auditor')}`, payload: { roles: ['leader'] } }, 'admin');
    expect(lastAuditor.statusCode).toBe(409);
    expect(lastAuditor.json().error.message).toMatch(/审计管理员/);
  });

  it('imports accounts from .xlsx all at once', async () => {
    const before = await count();
    const file = await sheet([
      ['caizheng', '财政局管理员', '区财政局', '单位管理员'],
      ['duban1', '督查一', '', '督查人员'],
      ['leader2', '副区长', '', '分管领导、督查人员'],
    ]);
    const res = await t.inject({ method: 'POST', url: '/api/users/import', ...multipart('accounts.xlsx', file) }, 'admin');
    expect(res.statusCode).toBe(201);
    expect(res.json().created).toBe(3);
    expect(await count()).toBe(before + 3);
    const users = (await t.inject({ method: 'GET', url: '/api/users?q=leader2' }, 'admin')).json();
    expect(users.data[0].roles).toEqual(['leader', 'inspector']);
  });

  it('imports nothing when one row is bad, naming each bad row and column', async () => {
    const before = await count();
    const file = await sheet([
      ['good1', '好人', '区财政局', '单位管理员'],
      ['bad name!', '坏人', '区财政局', '单位管理员'],
      ['good2', '好人二', '不存在的局', '单位管理员'],
      ['good3', '', '', '宇航员'],
      ['good1', '重复', '', '督查人员'],
    ]);
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
  it('is read by the audit administrator alone', async () => {
    for (const as of ['admin', 'coordinator', 'security']) {
      expect((await t.inject({ method: 'GET', url: '/api/audit' }, as)).statusCode, as).toBe(403);
      expect((await t.inject({ method: 'GET', url: '/api/audit.xlsx' }, as)).statusCode, as).toBe(403);
    }
    expect((await t.inject({ method: 'GET', url: '/api/audit' }, 'auditor')).statusCode).toBe(200);
  });

  it('filters and exports to .xlsx, in China time', async () => {
    const list = (await t.inject({ method: 'GET', url: '/api/audit?action=user.create&pageSize=100' }, 'auditor')).json();
    expect(list.total).toBeGreaterThan(0);
    expect(list.data.every((r: { action: string }) => r.action.includes('user.create'))).toBe(true);
    const res = await t.inject({ method: 'GET', url: '/api/audit.xlsx?action=user.create' }, 'auditor');
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(4).text).toBe('操作');
    expect(ws.rowCount - 1).toBe(list.total);
    expect(ws.getRow(2).getCell(4).text).toBe('user.create');
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const inDay = (await t.inject({ method: 'GET', url: `/api/audit?from=${today}&to=${today}&action=user.create` }, 'auditor')).json();
    expect(inDay.total).toBe(list.total);
  });
});

describe('demo accounts', () => {
  it('are made only on an empty user table', async () => {
    expect(await createDemoAccounts(t.deps)).toBeNull();
  });

  it('give admin, security, auditor, coordinator, leader, two inspectors and a manager per single unit of the plan, all with the demo password', async () => {
    const fresh = await createTestApp({ TUIJIN_DEMO_PASSWORD: 'Demo-pass-2021' });
    try {
      await fresh.deps.db.deleteFrom('users').execute();
      expect(await importSampleIfEmpty(fresh.deps)).not.toBeNull();
      const demo = (await createDemoAccounts(fresh.deps))!;
      const singles = await fresh.deps.db
        .selectFrom('units')
        .select('name')
        .where('is_collective', '=', 0)
        .where((eb) => eb.exists(eb.selectFrom('task_units').whereRef('task_units.unit_id', '=', 'units.id').select('task_units.id')))
        .execute();
      expect(demo.accounts.map((a) => a.username).slice(0, 7)).toEqual(['admin', 'security', 'auditor', 'coordinator', 'leader', 'inspector1', 'inspector2']);
      // The three administrators are three accounts, each with its one role; an inspector is only that.
      for (const [username, roles] of [
        ['admin', ['admin']],
        ['security', ['security_admin']],
        ['auditor', ['audit_admin']],
        ['inspector2', ['inspector']],
      ] as const) {
        const res = await fresh.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Demo-pass-2021' } });
        expect(res.json().roles, username).toEqual(roles);
      }
      expect(formatDemoAccounts(demo)).toMatch(/security\s+安全管理员[\s\S]*auditor\s+审计管理员/);
      expect(
        demo.accounts
          .filter((a) => a.role === '单位管理员')
          .map((a) => a.unit)
          .sort(),
      ).toEqual(singles.map((u) => u.name).sort());
      const login = await fresh.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dw01', password: 'Demo-pass-2021' } });
      expect(login.json().roles).toEqual(['unit_manager']);
    } finally {
      await fresh.close();
    }
  });
});
