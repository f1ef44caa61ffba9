import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { errorResponses } from '#core/api/common.ts';
import { CalendarYearBodySchema, SettingsSchema, YearParams } from '#core/api/settings.ts';
import * as service from './settings.service.ts';

/** The admin's settings page: reminder rules, calendar years, the public page switch. Rules across fields are checked by the service. */
export function settingsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const manage = { action: 'settings.manage' as const };
    const errors = errorResponses(400, 401, 403, 404);
    const schema = (extra: object) => ({ tags: ['settings'], response: { 200: SettingsSchema, ...errors }, ...extra });
    app.get('/api/settings', { config: manage, schema: schema({}) }, async () => service.getSettings(deps));
    app.put('/api/settings/reminders', { config: manage, schema: schema({ body: z.unknown() }) }, async (req) => service.putReminders(deps, actorOf(req), req.body));
    app.put('/api/settings/public-page', { config: manage, schema: schema({ body: z.unknown() }) }, async (req) => service.putPublicPage(deps, actorOf(req), req.body));
    app.put(
      '/api/settings/calendar/:year',
      { config: manage, schema: { tags: ['settings'], params: YearParams, body: CalendarYearBodySchema, response: { 200: SettingsSchema, ...errors } } },
      async (req) => service.putCalendarYear(deps, actorOf(req), req.params.year, req.body),
    );
    app.delete('/api/settings/calendar/:year', { config: manage, schema: { tags: ['settings'], params: YearParams, response: { 200: SettingsSchema, ...errors } } }, async (req) =>
      service.deleteCalendarYear(deps, actorOf(req), req.params.year),
    );
  };
}
