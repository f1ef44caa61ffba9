import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context.ts';
import { errorResponses } from '#core/api/common.ts';
import {
  BurnupSchema, DrillDownQuery, DrillDownSchema, HeatmapSchema, RoadmapQuery, RoadmapSchema, RoundsTrendSchema, ScopeQuery, SectionsSchema, SummarySchema, UnitsQuery, UnitsSchema,
} from '#core/api/dashboard.ts';
import * as service from './dashboard.service.ts';

/** The leaders' charts; `?planId=` narrows every one of them to one plan. */
export function dashboardRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { action: 'plan.read' as const };
    const errors = errorResponses(400, 401, 403, 404);
    const tags = ['dashboard'];
    // The all-plans table is built once the app is ready, not by the first leader to open a chart.
    app.addHook('onReady', async () => service.warmDashboards(deps));

    app.get('/api/dashboard/summary', { config, schema: { tags, querystring: ScopeQuery, response: { 200: SummarySchema, ...errors } } }, async (req) => service.summary(deps, req.query.planId));
    app.get('/api/dashboard/burnup', { config, schema: { tags, querystring: ScopeQuery, response: { 200: BurnupSchema, ...errors } } }, async (req) => service.burnup(deps, req.query.planId));
    app.get('/api/dashboard/sections', { config, schema: { tags, querystring: ScopeQuery, response: { 200: SectionsSchema, ...errors } } }, async (req) => service.sections(deps, req.query.planId));
    app.get('/api/dashboard/units', { config, schema: { tags, querystring: UnitsQuery, response: { 200: UnitsSchema, ...errors } } }, async (req) =>
      service.unitRanking(deps, req.query.planId, req.query.limit),
    );
    app.get('/api/dashboard/heatmap', { config, schema: { tags, querystring: ScopeQuery, response: { 200: HeatmapSchema, ...errors } } }, async (req) => service.heatmap(deps, req.query.planId));
    app.get('/api/dashboard/rounds', { config, schema: { tags, querystring: ScopeQuery, response: { 200: RoundsTrendSchema, ...errors } } }, async (req) => service.roundTrend(deps, req.query.planId));
    app.get('/api/dashboard/roadmap', { config, schema: { tags, querystring: RoadmapQuery, response: { 200: RoadmapSchema, ...errors } } }, async (req) => service.roadmap(deps, req.query));
    app.get('/api/dashboard/tasks', { config, schema: { tags, querystring: DrillDownQuery, response: { 200: DrillDownSchema, ...errors } } }, async (req) => service.drillDown(deps, req.query));
  };
}
