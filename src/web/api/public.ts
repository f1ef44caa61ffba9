/**
 * The public progress page's API (docs/dispatch-and-dashboards.md, "Public progress page"): no
 * session; a 404 means the page is turned off (or the plan is not public).
 */
import type { PublicPlan, PublicPlanSummary, PublicTask } from '#core/api/public.ts';
import { get } from './request.ts';

// The shapes are the public page's contract (core/api/public.ts).
export type { PublicPlan, PublicPlanSummary, PublicTask };

// The pages show a 404 themselves ("公开页面已关闭" / not found), not as a toast.
export const getPublicPlans = (signal?: AbortSignal) => get<{ data: PublicPlanSummary[] }>('/api/public/plans', { signal, handles: [404] });

export const getPublicPlan = (id: number, signal?: AbortSignal) => get<PublicPlan>(`/api/public/plans/${id}`, { signal, handles: [404] });
