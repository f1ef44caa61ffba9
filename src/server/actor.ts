import type { FastifyRequest } from 'fastify';
import type { Actor } from './context.ts';

/** The actor of a request: its session's principal, or nobody, with the client address. */
export function actorOf(req: FastifyRequest): Actor {
  const s = req.session;
  return {
    userId: s?.principal.userId ?? null,
    unitId: s?.principal.unitId ?? null,
    name: s?.username ?? null,
    ip: req.ip ?? null,
    principal: s?.principal ?? null,
  };
}
