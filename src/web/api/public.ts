/**
 * The public progress page's API (docs/dispatch-and-dashboards.md, "Public progress page"): no
 * session; a 404 means the page is turned off (or the plan is not public).
 */
import type { StatusCounts } from '#core/rounds/types.ts';
import type { WorkStatus } from '#core/status/status.ts';
import { get } from './request.ts';

export interface PublicPlanSummary {
  id: number;
  number: string | null;
  title: string;
  year: number | null;
  tasks: number;
  done: number;
}

export interface PublicTask {
  number: string;
  title: string;
  status: WorkStatus;
  deadline: string | null;
  leadUnits: string[];
}

export interface PublicPlan {
  plan: { id: number; number: string | null; title: string; issuer: string | null; issueDate: string | null };
  asOf: string;
  counts: StatusCounts;
  sections: { title: string; counts: StatusCounts; tasks: PublicTask[] }[];
}

// The pages show a 404 themselves ("公开页面已关闭" / not found), not as a toast.
export const getPublicPlans = (signal?: AbortSignal) => get<{ data: PublicPlanSummary[] }>('/api/public/plans', { signal, handles: [404] });

export const getPublicPlan = (id: number, signal?: AbortSignal) => get<PublicPlan>(`/api/public/plans/${id}`, { signal, handles: [404] });
