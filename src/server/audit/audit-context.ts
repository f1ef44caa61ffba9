import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventThrottle } from '#core/audit/throttle.ts';
import type { AuditInput } from './audit.repo.ts';

/**
 * Per-request audit state, carried by AsyncLocalStorage from the first hook to the last, so that
 * services deep inside a request and the response hook share it without threading it through.
 */
export interface AuditRequestState {
  /** A refusal of this request has been recorded (by a service or the route guard): the response hook adds none. */
  denied: boolean;
  /** The app's throttle for refusals and sensitive reads. */
  throttle: EventThrottle<AuditInput>;
}

export const auditContext = new AsyncLocalStorage<AuditRequestState>();

/**
 * Identical refusals or sensitive reads per actor and action recorded one by one each minute; more
 * than that become one summary row per minute. 10 keeps every row of a person's ordinary clicking
 * (a few refused buttons, a handful of downloads) while a script's thousands fold into one row.
 */
export const AUDIT_THROTTLE = { windowMs: 60_000, burst: 10, maxKeys: 10_000 } as const;
