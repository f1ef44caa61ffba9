import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import { discardUpload, openUpload, readUpload } from '../files/upload.ts';
import { errorResponses, fileResponse, IdParams, MIME } from '#core/api/common.ts';
import {
  ImportedAccountsSchema,
  PasswordResetSchema,
  UserCreatedSchema,
  UserCreateSchema,
  UserListSchema,
  UserQuerySchema,
  UserSchema,
  UserUpdateSchema,
} from '#core/api/users.ts';
import * as service from './users.service.ts';

export function userRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { action: 'account.manage' as const };
    // The security administrator finds accounts here to unlock them or reset their password (三权分立).
    const read = { action: 'account.read' as const };
    const security = { action: 'security.manage' as const };
    const errors = errorResponses(400, 401, 403, 404, 409);
    app.get(
      '/api/users',
      { config: read, schema: { tags: ['users'], querystring: UserQuerySchema, response: { 200: UserListSchema, ...errors } } },
      async (req) => service.findUsers(deps, req.query),
    );
    app.post(
      '/api/users',
      { config, schema: { tags: ['users'], body: UserCreateSchema, response: { 201: UserCreatedSchema, ...errors } } },
      async (req, reply) => reply.status(201).send(await service.createUser(deps, actorOf(req), req.body)),
    );
    app.get(
      '/api/users/template.xlsx',
      { config, schema: { tags: ['users'], response: { 200: fileResponse('账号导入模板', MIME.xlsx), ...errors } } },
      async (_req, reply) =>
        reply
          .type(MIME.xlsx)
          .header('content-disposition', `attachment; filename="accounts-template.xlsx"; filename*=UTF-8''${encodeURIComponent('账号导入模板.xlsx')}`)
          .send(await service.userTemplate()),
    );
    app.post(
      '/api/users/import',
      { config, schema: { tags: ['users'], consumes: ['multipart/form-data'], response: { 201: ImportedAccountsSchema, ...errors } } },
      async (req, reply) => {
        const upload = await openUpload(req, { maxBytes: service.MAX_USERS_UPLOAD_BYTES, what: '账号表' });
        if (!/\.xlsx$/i.test(upload.fileName)) {
          discardUpload(upload);
          throw new AppError('UNSUPPORTED_TYPE', '请上传 .xlsx 格式的账号表');
        }
        return reply.status(201).send(await service.importUsers(deps, actorOf(req), await readUpload(upload, service.MAX_USERS_UPLOAD_BYTES)));
      },
    );
    app.patch(
      '/api/users/:id',
      { config, schema: { tags: ['users'], params: IdParams, body: UserUpdateSchema, response: { 200: UserSchema, ...errors } } },
      async (req) => service.updateUser(deps, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/users/:id/reset-password',
      { config: security, schema: { tags: ['users'], params: IdParams, response: { 200: PasswordResetSchema, ...errors } } },
      async (req) => service.resetPassword(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/api/users/:id/unlock',
      { config: security, schema: { tags: ['users'], params: IdParams, response: { 200: UserSchema, ...errors } } },
      async (req) => service.unlockUser(deps, actorOf(req), req.params.id),
    );
  };
}
