import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { openUpload, readUpload } from '../files/upload.ts';
import { ErrorSchema, IdParams } from '#core/api/common.ts';
import { CommitResultSchema, DraftContentSchema, DraftSchema, ReadOptionsSchema, RereadResultSchema } from '#core/api/imports.ts';
import * as service from './imports.service.ts';

export function importRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
    const config = { action: 'plan.manage' as const };
    app.post(
      '/api/imports',
      { config, schema: { tags: ['imports'], consumes: ['multipart/form-data'], response: { 201: DraftSchema, ...errors, 413: ErrorSchema, 415: ErrorSchema } } },
      async (req, reply) => {
        // Read whole (a document is parsed whole), but never past the limit.
        const maxBytes = deps.config.maxImportBytes;
        const upload = await openUpload(req, { maxBytes, what: '方案文件' });
        const bytes = await readUpload(upload, maxBytes);
        const draft = await service.uploadDocument(deps, actorOf(req), { fileName: upload.fileName || 'upload', bytes });
        return reply.status(201).send(draft);
      },
    );
    app.get('/api/imports/:id', { config, schema: { tags: ['imports'], params: IdParams, response: { 200: DraftSchema, 404: ErrorSchema } } }, async (req) => service.getDraft(deps, req.params.id));
    app.put(
      '/api/imports/:id',
      { config, bodyLimit: service.MAX_DRAFT_CONTENT_BYTES, schema: { tags: ['imports'], params: IdParams, body: DraftContentSchema, response: { 200: DraftSchema, ...errors } } },
      async (req) => service.saveDraft(deps, actorOf(req), req.params.id, req.body),
    );
    // Same right as editing the draft: a re-read is an edit of the task list by the reader.
    app.post(
      '/api/imports/:id/reread',
      { config, schema: { tags: ['imports'], params: IdParams, body: ReadOptionsSchema, response: { 200: RereadResultSchema, ...errors, 500: ErrorSchema } } },
      async (req) => service.rereadDraft(deps, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/imports/:id/commit', { config, schema: { tags: ['imports'], params: IdParams, response: { 201: CommitResultSchema, ...errors } } }, async (req, reply) =>
      reply.status(201).send(await service.commitDraft(deps, actorOf(req), req.params.id)),
    );
    app.delete('/api/imports/:id', { config, schema: { tags: ['imports'], params: IdParams, response: { 204: z.null(), 404: ErrorSchema, 409: ErrorSchema } } }, async (req, reply) => {
      await service.discardDraft(deps, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    });
  };
}
