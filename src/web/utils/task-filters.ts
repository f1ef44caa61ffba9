/** Who a unit is for a task: 牵头 (lead), 责任 (responsible), or either. */
export type RoleFilter = 'lead' | 'responsible' | 'any';

/** The task list's filters; they live in the URL query so a filtered list can be linked and reloaded. */
export interface TaskFilters {
  sectionId: number | null;
  unitId: number | null;
  role: RoleFilter;
  /** YYYY-MM: tasks with a deadline in that month. */
  month: string | null;
  noDeadline: boolean;
  q: string;
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZES = [20, 50, 100] as const;

function positiveInt(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n > 0 && Number.isSafeInteger(n) ? n : null;
}

/** Reads filters from a URL query, ignoring anything malformed rather than failing the page. */
export function parseTaskFilters(params: URLSearchParams): TaskFilters {
  const role = params.get('role');
  const month = params.get('month');
  const pageSize = positiveInt(params.get('pageSize'));
  return {
    sectionId: positiveInt(params.get('sectionId')),
    unitId: positiveInt(params.get('unitId')),
    role: role === 'lead' || role === 'responsible' ? role : 'any',
    month: month !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : null,
    noDeadline: params.get('noDeadline') === 'true',
    q: (params.get('q') ?? '').trim().slice(0, 100),
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: pageSize !== null && pageSize <= 500 ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** Writes filters back, leaving defaults out so that URLs stay short. */
export function toTaskSearchParams(filters: TaskFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.sectionId !== null) params.set('sectionId', String(filters.sectionId));
  if (filters.unitId !== null) params.set('unitId', String(filters.unitId));
  if (filters.unitId !== null && filters.role !== 'any') params.set('role', filters.role);
  if (filters.month !== null) params.set('month', filters.month);
  if (filters.noDeadline) params.set('noDeadline', 'true');
  if (filters.q.trim() !== '') params.set('q', filters.q.trim());
  if (filters.page !== 1) params.set('page', String(filters.page));
  if (filters.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(filters.pageSize));
  return params;
}

/**
 * Changes some filters. Changing anything but the page goes back to page 1, and a month and "no
 * deadline" exclude each other, so the newer choice wins.
 */
export function changeTaskFilters(current: TaskFilters, change: Partial<TaskFilters>): TaskFilters {
  const next = { ...current, ...change };
  const changesMoreThanPage = (Object.keys(change) as (keyof TaskFilters)[]).some((k) => k !== 'page' && change[k] !== current[k]);
  if (changesMoreThanPage) next.page = 1;
  if (change.month) next.noDeadline = false;
  if (change.noDeadline) next.month = null;
  return next;
}

/** Whether any filter other than paging is set (to offer 清除筛选). */
export function hasActiveFilters(f: TaskFilters): boolean {
  return f.sectionId !== null || f.unitId !== null || f.month !== null || f.noDeadline || f.q !== '';
}
