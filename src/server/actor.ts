import type { FastifyRequest } from 'fastify';
import type { Actor } from './context.ts';

/** The actor of a request. Until accounts exist (issue 3) every request is anonymous, with its address. */
export function actorOf(req: FastifyRequest): Actor {
  return { userId: null, unitId: null, ip: req.ip ?? null };
}
