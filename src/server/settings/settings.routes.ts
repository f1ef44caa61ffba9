import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../actor.ts';
import type { Deps } from '../context.ts';
import { errorResponses } from '../../core/api/common.ts';
import * as service from './settings.service.ts';

const Rules = z.object({
  dueSoonWorkdays: z.number(),
  reminderOffsets: z.array(z.number()),
  escalation: z.array(z.object({ level: z.enum(['urge', 'supervise', 'interview']), afterWorkdays: z.number() })),
});
const Year = z.object({ year: z.number(), holidays: z.array(z.string()), workdays: z.array(z.string()) });
const Settings = z.object({ reminders: Rules, publicPage: z.object({ enabled: z.boolean() }), calendarYears: z.array(Year), coveredYears: z.array(z.number()) });
const YearParams = z.object({ year: z.coerce.number().int().min(2000, '年份应在 2000–2100 之间').max(2100, '年份应在 2000–2100 之间') });
const Dates = z.array(z.string().max(10)).max(120, '日期最多 120 个');

/** The admin's settings page: reminder rules, calendar years, the public page switch. Rules across fields are checked by the service. */
export function settingsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const manage = { action: 'settings.manage' as const };
    const errors = errorResponses(400, 401, 403, 404);
    const schema = (extra: object) => ({ tags: ['settings'], response: { 200: Settings, ...errors }, ...extra });
    app.get('/api/settings', { config: manage, schema: schema({}) }, async () => service.getSettings(deps));
    app.put('/api/settings/reminders', { config: manage, schema: schema({ body: z.unknown() }) }, async (req) => service.putReminders(deps, actorOf(req), req.body));
    app.put('/api/settings/public-page', { config: manage, schema: schema({ body: z.unknown() }) }, async (req) => service.putPublicPage(deps, actorOf(req), req.body));
    app.put(
      '/api/settings/calendar/:year',
      { config: manage, schema: { tags: ['settings'], params: YearParams, body: z.object({ holidays: Dates, workdays: Dates }).strict(), response: { 200: Settings, ...errors } } },
      async (req) => service.putCalendarYear(deps, actorOf(req), req.params.year, req.body),
    );
    app.delete('/api/settings/calendar/:year', { config: manage, schema: { tags: ['settings'], params: YearParams, response: { 200: Settings, ...errors } } }, async (req) =>
      service.deleteCalendarYear(deps, actorOf(req), req.params.year),
    );
  };
}
