import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BackupStatusSchema } from '#core/api/settings.ts';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { errorResponses } from '#core/api/common.ts';
import { backupStatus, putBackupSettings } from './backup-settings.ts';

/** The scheduled-backup card of the settings page: the setting, the next run and the latest runs. Admins only. */
export function backupRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { action: 'settings.manage' as const };
    const errors = errorResponses(400, 401, 403);
    app.get('/api/settings/backup', { config, schema: { tags: ['settings'], response: { 200: BackupStatusSchema, ...errors } } }, async () => backupStatus(deps));
    // The body is parsed by the service, so the first problem comes back as one Chinese message.
    app.put('/api/settings/backup', { config, schema: { tags: ['settings'], body: z.unknown(), response: { 200: BackupStatusSchema, ...errors } } }, async (req) => {
      await putBackupSettings(deps, actorOf(req), req.body);
      return backupStatus(deps);
    });
  };
}
