import { findingRoutes } from './inspections/findings.routes.ts';
import { inspectionRoutes } from './inspections/inspections.routes.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HealthSchema } from '#core/api/common.ts';
import type { Deps } from './context.ts';
import { importRoutes } from './imports/imports.routes.ts';
import { indicatorRoutes } from './indicators/indicators.routes.ts';
import { answerClientError, answerFrameworkError, registerErrorHandler } from './plugins/error-handler.ts';
import { registerInputGuard } from './plugins/input-guard.ts';
import { planRoutes } from './plans/plans.routes.ts';
import { taskRoutes } from './tasks/tasks.routes.ts';
import { unitRoutes } from './units/units.routes.ts';
import { registerAuditHooks } from './audit/audit.plugin.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { registerAuth, type RegisteredRoute } from './auth/auth.plugin.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { userRoutes } from './users/users.routes.ts';
import { reportRoutes } from './reports/reports.routes.ts';
import { workbenchRoutes } from './workbench/workbench.routes.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { ledgerRoutes } from './ledger/ledger.routes.ts';
import { dashboardRoutes } from './dashboard/dashboard.routes.ts';
import { settingsRoutes } from './settings/settings.routes.ts';
import { publicRoutes } from './public/public.routes.ts';
import { roundRoutes } from './rounds/rounds.routes.ts';
import { circularRoutes } from './circulars/circulars.routes.ts';
import { backupRoutes } from './backup/backup.routes.ts';
import { rectificationRoutes } from './rectifications/rectifications.routes.ts';
import { registerSecurityHeaders } from './security-headers.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with the policy action it performs. */
    routeRegistry: RegisteredRoute[];
  }
}

// Validation messages in Chinese, for every schema in the app.
z.config(z.locales.zhCN());

export interface AppOptions {
  deps: Deps;
  /** Directory of the built web app; served with an SPA fallback when it exists. */
  webDir?: string;
  /** Log level (pino); none when omitted. */
  logLevel?: string | undefined;
}

/** Builds the Fastify app: external plugins, then app plugins, then routes. */
export async function buildApp({ deps, webDir, logLevel }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logLevel ? { level: logLevel } : false,
    bodyLimit: 2 * 1024 * 1024,
    // Otherwise anyone could set X-Forwarded-For and slip past the per-address sign-in limit.
    trustProxy: deps.config.trustProxy,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  registerSecurityHeaders(app);
  // API answers carry people's names, units' work and evidence: no browser or proxy keeps a copy unless a
  // route says otherwise (an archived circular may be revalidated).
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(multipart, { limits: { fileSize: deps.config.maxImportBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: { info: { title: 'Tuijin API', version: '0.1.0', description: '推进 · 方案落实平台 API' } },
    transform: jsonSchemaTransform,
  });
  registerErrorHandler(app);
  const routes: RegisteredRoute[] = [];
  app.decorate('routeRegistry', routes);
  // Before the auth hooks: the per-request audit state must wrap them.
  registerAuditHooks(app, deps);
  await registerAuth(app, deps, routes);
  registerInputGuard(app);

  app.get('/api/health', { config: { action: 'public.read' }, schema: { response: { 200: HealthSchema } } }, async () => ({ status: 'ok' as const }));
  app.get('/api/docs/json', { config: { action: 'public.read' }, schema: { hide: true } }, async () => app.swagger());

  await app.register(planRoutes(deps));
  await app.register(taskRoutes(deps));
  await app.register(unitRoutes(deps));
  await app.register(importRoutes(deps));
  await app.register(indicatorRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(userRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(reportRoutes(deps));
  await app.register(workbenchRoutes(deps));
  await app.register(notificationRoutes(deps));
  await app.register(ledgerRoutes(deps));
  await app.register(dashboardRoutes(deps));
  await app.register(settingsRoutes(deps));
  await app.register(publicRoutes(deps));
  await app.register(roundRoutes(deps));
  await app.register(circularRoutes(deps));
  await app.register(backupRoutes(deps));
  await app.register(rectificationRoutes(deps));
  await app.register(inspectionRoutes(deps));
  await app.register(findingRoutes(deps));

  const serveWeb = webDir !== undefined && existsSync(join(webDir, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: webDir, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes (/plans/3, /imports/new…) all load the SPA; unknown API paths stay JSON 404s.
    if (serveWeb && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` } });
  });
  return app;
}
