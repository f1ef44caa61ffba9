import ExcelJS from 'exceljs';
import { ROLE_LABELS, ROLES, roleConflict, type Role } from '#core/auth/policy.ts';
import { passwordProblem } from '#core/auth/password.ts';
import { auditOf, recordAudit } from '../audit/audit.repo.ts';
import { deleteUserSessions } from '../auth/auth.repo.ts';
import { hashPassword, randomPassword } from '../auth/passwords.ts';
import type { Actor, Deps } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { uniqueViolation } from '../db/errors.ts';
import { AppError, notFound } from '../errors.ts';
import { hasHeader, cellText, readFirstSheet } from '../files/sheet.ts';
import { zipLimitsFor } from '#core/files/zip.ts';
import { findUnit } from '../units/units.repo.ts';
import * as repo from './users.repo.ts';
import type { SheetRowError } from '#core/api/common.ts';
import { DisplayName, Username, type UserCreate, type UserUpdate } from '#core/api/users.ts';
import type { Kysely } from 'kysely';

type Row = NonNullable<Awaited<ReturnType<typeof repo.findUserRow>>>;
const dto = (r: Row, sections: number[]) => ({
  id: r.id, username: r.username, displayName: r.display_name, unitId: r.unit_id, unitName: r.unit_name, roles: JSON.parse(r.roles) as Role[],
  isActive: r.is_active === 1, lockedUntil: r.locked_until, failedLogins: r.failed_logins, leaderSectionIds: sections, createdAt: r.created_at,
});

export async function findUsers(deps: Deps, q: { q?: string | undefined; unitId?: number | undefined; role?: Role | undefined; page: number; pageSize: number }) {
  const { rows, total } = await repo.findUsers(deps.db, q, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
  const sections = await repo.leaderSectionsOf(deps.db, rows.map((r) => r.id));
  return { data: rows.map((r) => dto(r, sections.get(r.id) ?? [])), total };
}

export async function getUser(deps: Deps, id: number) {
  const row = await repo.findUserRow(deps.db, id);
  if (!row) throw notFound('账号');
  return dto(row, (await repo.leaderSectionsOf(deps.db, [id])).get(id) ?? []);
}

async function checkRefs(db: Kysely<DB>, unitId: number | null | undefined, sectionIds: number[] | undefined) {
  if (unitId != null && !(await findUnit(db, unitId))) throw new AppError('INVALID_INPUT', '所选单位不存在', { field: 'unitId' });
  if (sectionIds?.length) {
    const found = await repo.existingSectionIds(db, sectionIds);
    if (found.size !== new Set(sectionIds).size) throw new AppError('INVALID_INPUT', '所选分管章节不存在', { field: 'leaderSectionIds' });
  }
}

/**
 * Creates an account. Without a password one is generated and returned once; a given password must
 * pass the strength rule. Unit roles need a unit.
 */
export async function createUser(
  deps: Deps,
  actor: Actor,
  input: UserCreate & { password?: string | undefined; mustChangePassword?: boolean; /** Demo and CLI only: a password set without the strength rule. */ fixedPassword?: string },
) {
  if ((input.roles.includes('unit_manager') || input.roles.includes('unit_staff')) && input.unitId == null) {
    throw new AppError('INVALID_INPUT', '单位管理员和单位填报员必须属于一个单位', { field: 'unitId' });
  }
  checkRoles(input.roles);
  const password = input.fixedPassword ?? input.password ?? randomPassword();
  const problem = input.password ? passwordProblem(input.password, input.username) : null;
  if (problem) throw new AppError('INVALID_INPUT', problem, { field: 'password' });
  const hash = await hashPassword(password);
  const id = await deps.db.transaction().execute(async (trx) => {
    await checkRefs(trx, input.unitId, input.leaderSectionIds);
    if ((await repo.existingUsernames(trx, [input.username])).size) throw new AppError('CONFLICT', `用户名“${input.username}”已存在`, { field: 'username' });
    // Two concurrent creates of one name both pass the check above; the unique key decides, and the
    // loser gets the same answer as a sequential duplicate.
    const userId = await repo.insertUser(trx, {
      username: input.username, display_name: input.displayName, unit_id: input.unitId, password_hash: hash, roles: JSON.stringify(input.roles),
      must_change_password: (input.mustChangePassword ?? !input.password) ? 1 : 0, created_at: deps.clock.iso(),
    }).catch((err: unknown) => {
      if (uniqueViolation(err)) throw new AppError('CONFLICT', `用户名“${input.username}”已存在`, { field: 'username' });
      throw err;
    });
    await repo.setLeaderSections(trx, userId, input.leaderSectionIds ?? []);
    await recordAudit(trx, { ...auditOf(actor), action: 'user.create', entityType: 'user', entityId: userId, after: { username: input.username, displayName: input.displayName, unitId: input.unitId, roles: input.roles } });
    return userId;
  });
  return { user: await getUser(deps, id), password };
}

/** 三权分立: no account holds two of the three administrator roles (core/auth/policy.ts). */
function checkRoles(roles: readonly Role[]) {
  const conflict = roleConflict(roles);
  if (conflict) throw new AppError('INVALID_INPUT', conflict, { field: 'roles' });
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.every((r) => b.includes(r)) && b.every((r) => a.includes(r));

export async function updateUser(deps: Deps, actor: Actor, id: number, patch: UserUpdate) {
  const before = await getUser(deps, id);
  if (actor.userId === id && patch.isActive === false) throw new AppError('INVALID_INPUT', '不能停用自己的账号');
  // Nobody grants themselves a role (or drops one to pick up another): roles are changed by another administrator.
  if (actor.userId === id && patch.roles && !sameRoles(patch.roles, before.roles)) throw new AppError('INVALID_INPUT', '不能修改自己的角色', { field: 'roles' });
  if (patch.roles) checkRoles(patch.roles);
  await deps.db.transaction().execute(async (trx) => {
    await checkRefs(trx, patch.unitId, patch.leaderSectionIds);
    // The security and the audit administrator check the system administrator's work: the last one of
    // either is not switched off or stripped of the role (grant it to someone else first).
    for (const role of ['security_admin', 'audit_admin'] as const) {
      const loses = before.isActive && before.roles.includes(role) && (patch.isActive === false || (patch.roles !== undefined && !patch.roles.includes(role)));
      if (loses && (await repo.countActiveWithRole(trx, role, id)) === 0) {
        throw new AppError('CONFLICT', `至少保留一个启用的“${ROLE_LABELS[role]}”账号：请先为其他账号授予该角色`, { field: 'roles' });
      }
    }
    await repo.updateUserRow(trx, id, {
      ...(patch.displayName !== undefined && { display_name: patch.displayName }),
      ...(patch.unitId !== undefined && { unit_id: patch.unitId }),
      ...(patch.roles !== undefined && { roles: JSON.stringify(patch.roles) }),
      ...(patch.isActive !== undefined && { is_active: patch.isActive ? 1 : 0 }),
      updated_at: deps.clock.iso(),
    });
    if (patch.leaderSectionIds) await repo.setLeaderSections(trx, id, patch.leaderSectionIds);
    // A deactivated account is signed out at once.
    if (patch.isActive === false) await deleteUserSessions(trx, id);
    await recordAudit(trx, { ...auditOf(actor), action: 'user.update', entityType: 'user', entityId: id, before, after: patch });
  });
  return getUser(deps, id);
}

/** Sets a new random password (shown once), signs the user out everywhere and clears any lock. */
export async function resetPassword(deps: Deps, actor: Actor, id: number) {
  await getUser(deps, id);
  const password = randomPassword();
  const hash = await hashPassword(password);
  await deps.db.transaction().execute(async (trx) => {
    await repo.resetPasswordRow(trx, id, hash, deps.clock.iso());
    await deleteUserSessions(trx, id);
    await recordAudit(trx, { ...auditOf(actor), action: 'user.reset_password', entityType: 'user', entityId: id });
  });
  return { password };
}

export async function unlockUser(deps: Deps, actor: Actor, id: number) {
  const before = await getUser(deps, id);
  await deps.db.transaction().execute(async (trx) => {
    await repo.unlockUserRow(trx, id, deps.clock.iso());
    await recordAudit(trx, { ...auditOf(actor), action: 'user.unlock', entityType: 'user', entityId: id, before: { lockedUntil: before.lockedUntil } });
  });
  return getUser(deps, id);
}

const COLUMNS = ['用户名', '姓名', '单位', '角色'] as const;
const ROLE_BY_LABEL = new Map<string, Role>([...ROLES.map((r) => [r, r] as const), ...ROLES.map((r) => [ROLE_LABELS[r], r] as const)]);

/** The bulk-account template: one row per account, roles by their Chinese names. */
export async function userTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('账号');
  ws.columns = COLUMNS.map((h) => ({ header: h, width: h === '单位' ? 28 : 16 }));
  ws.addRow(['zhangsan', '张三', '区审批服务局', '单位管理员']);
  ws.getRow(1).font = { bold: true };
  const help = wb.addWorksheet('说明');
  help.addRow(['角色可填：', ROLES.map((r) => ROLE_LABELS[r]).join('、'), '多个角色用“、”或逗号分隔']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An account sheet of a few thousand rows is well under 1 MB; 5 MB is the upload limit. */
export const MAX_USERS_UPLOAD_BYTES = 5 * 1024 * 1024;
const USERS_ZIP_LIMITS = zipLimitsFor(MAX_USERS_UPLOAD_BYTES);

export type RowError = SheetRowError;

/**
 * Creates accounts from an .xlsx sheet: every row is validated (errors named by row and column) and
 * either all rows are applied, in one transaction, or none.
 */
export async function importUsers(deps: Deps, actor: Actor, bytes: Buffer) {
  const unreadable = '无法读取该文件，请上传 .xlsx 格式的账号表（可先下载模板）';
  const ws = await readFirstSheet(bytes, USERS_ZIP_LIMITS, unreadable);
  if (!ws) throw new AppError('INVALID_INPUT', '账号表为空');
  if (!hasHeader(ws, 1, COLUMNS)) throw new AppError('INVALID_INPUT', `表头应为：${COLUMNS.join('、')}`, [{ row: 1, column: 'A-D', message: '表头不符' }]);
  const units = await repo.unitIdsByName(deps.db);
  const errors: RowError[] = [];
  const rows: (UserCreate & { row: number })[] = [];
  const seen = new Map<string, number>();
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const cell = (i: number) => cellText(r, i);
    const [username, displayName, unitName, roleText] = [cell(1), cell(2), cell(3), cell(4)];
    if (!username && !displayName && !unitName && !roleText) return;
    const u = Username.safeParse(username);
    if (!u.success) errors.push({ row: n, column: '用户名', message: u.error.issues[0]!.message });
    else if (seen.has(username)) errors.push({ row: n, column: '用户名', message: `与第 ${seen.get(username)} 行重复` });
    seen.set(username, n);
    const d = DisplayName.safeParse(displayName);
    if (!d.success) errors.push({ row: n, column: '姓名', message: d.error.issues[0]!.message });
    const unitId = unitName ? units.get(unitName) : undefined;
    if (unitName && unitId === undefined) errors.push({ row: n, column: '单位', message: `单位“${unitName}”不存在` });
    const roles = roleText.split(/[、,，;；\s]+/).filter(Boolean).map((x) => ROLE_BY_LABEL.get(x) ?? x);
    const badRole = roles.find((x) => !ROLES.includes(x as Role));
    if (!roles.length) errors.push({ row: n, column: '角色', message: '角色不能为空' });
    else if (badRole) errors.push({ row: n, column: '角色', message: `未知角色“${badRole}”` });
    else if (roleConflict(roles as Role[])) errors.push({ row: n, column: '角色', message: roleConflict(roles as Role[])! });
    else if ((roles.includes('unit_manager') || roles.includes('unit_staff')) && unitId === undefined && !unitName) errors.push({ row: n, column: '单位', message: '单位角色必须填写单位' });
    rows.push({ row: n, username, displayName, unitId: unitId ?? null, roles: roles as Role[], leaderSectionIds: [] });
  });
  if (!rows.length && !errors.length) throw new AppError('INVALID_INPUT', '账号表中没有数据行');
  const taken = await repo.existingUsernames(deps.db, rows.map((r) => r.username));
  for (const r of rows) if (taken.has(r.username)) errors.push({ row: r.row, column: '用户名', message: `用户名“${r.username}”已存在` });
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    throw new AppError('INVALID_INPUT', `账号表有 ${errors.length} 处错误，未导入任何账号：第 ${errors[0]!.row} 行“${errors[0]!.column}”${errors[0]!.message}`, errors);
  }
  const prepared = await Promise.all(rows.map(async (r) => ({ ...r, password: randomPassword() })).map(async (p) => {
    const r = await p;
    return { ...r, hash: await hashPassword(r.password) };
  }));
  await deps.db.transaction().execute(async (trx) => {
    for (const r of prepared) {
      await repo.insertUser(trx, { username: r.username, display_name: r.displayName, unit_id: r.unitId, password_hash: r.hash, roles: JSON.stringify(r.roles), must_change_password: 1, created_at: deps.clock.iso() });
    }
    await recordAudit(trx, { ...auditOf(actor), action: 'user.import', entityType: 'user', entityId: null, after: { usernames: prepared.map((r) => r.username) } });
  });
  return { created: prepared.length, accounts: prepared.map((r) => ({ username: r.username, password: r.password })) };
}
