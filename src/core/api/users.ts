/** The contract of accounts: the admin's list and edits, bulk import, password resets. */
import { z } from 'zod';
import { ROLES } from '../auth/policy.ts';
import { listResult } from './common.ts';

export const Username = z.string().trim().regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名须为 3–32 位字母、数字或 _ . -');
export const DisplayName = z.string().trim().min(1, '姓名不能为空').max(50, '姓名过长');
export const RoleList = z.array(z.enum(ROLES)).min(1, '至少选择一个角色').max(ROLES.length);

export const UserSchema = z.object({
  id: z.number(), username: z.string(), displayName: z.string(), unitId: z.number().nullable(), unitName: z.string().nullable(),
  roles: z.array(z.enum(ROLES)), isActive: z.boolean(), lockedUntil: z.string().nullable(), failedLogins: z.number(),
  leaderSectionIds: z.array(z.number()), createdAt: z.string(),
});
/** An account as the admin sees it; `lockedUntil` is ISO UTC, the account is locked while it is in the future. */
export type User = z.infer<typeof UserSchema>;
export const UserListSchema = listResult(UserSchema);
export const UserQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  role: z.enum(ROLES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
/** The account list's filters as the admin page holds them (a cleared filter is null) and its page. */
export type UserQuery = { [K in 'q' | 'unitId' | 'role']?: z.output<typeof UserQuerySchema>[K] | null } & { page: number; pageSize: number };

export const UserCreateSchema = z
  .object({ username: Username, displayName: DisplayName, unitId: z.number().int().positive().nullable(), roles: RoleList, leaderSectionIds: z.array(z.number().int().positive()).max(200).default([]) })
  .strict();
export type UserCreate = z.infer<typeof UserCreateSchema>;

export const UserUpdateSchema = z
  .object({ displayName: DisplayName, unitId: z.number().int().positive().nullable(), roles: RoleList, isActive: z.boolean(), leaderSectionIds: z.array(z.number().int().positive()).max(200) })
  .partial()
  .strict();
export type UserUpdate = z.infer<typeof UserUpdateSchema>;

/** `POST /api/users`: the account and its temporary password, shown once. */
export const UserCreatedSchema = z.object({ user: UserSchema, password: z.string() });
export const PasswordResetSchema = z.object({ password: z.string() });
/** `POST /api/users/import`: the accounts created, with their temporary passwords, shown once. */
export const ImportedAccountsSchema = z.object({ created: z.number(), accounts: z.array(z.object({ username: z.string(), password: z.string() })) });
export type ImportedAccounts = z.infer<typeof ImportedAccountsSchema>;
