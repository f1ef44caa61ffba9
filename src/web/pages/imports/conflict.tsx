import { Alert } from 'antd';
import { Link } from 'react-router';
import type { ApiError } from '#web/api/request.ts';

/** A document that is already a plan: the server's message and where that plan is. */
export interface Conflict {
  message: string;
  url: string;
}

/** A 409's link to the plan the document already is (on upload, and again on commit). */
export function conflictOf(err: ApiError): Conflict {
  const details = (err.details ?? {}) as { planId?: unknown; url?: unknown };
  const url = typeof details.url === 'string' ? details.url : typeof details.planId === 'number' ? `/plans/${details.planId}` : '/plans';
  return { message: err.message, url };
}

/** The warning both import steps show for it, linking to the existing plan. */
export function ConflictAlert({ conflict }: { conflict: Conflict }) {
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={conflict.message}
      action={
        <Link to={conflict.url} data-testid="import-conflict-link">
          查看已有方案
        </Link>
      }
      data-testid="import-conflict"
    />
  );
}
