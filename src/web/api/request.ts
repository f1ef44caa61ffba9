import { message } from 'antd';
import { loginPath } from '../utils/login-redirect.ts';
import { buildUrl, type QueryValue } from '../utils/url.ts';
import { CSRF_HEADER, getCsrfToken, setCsrfToken } from './csrf.ts';
import type { ErrorBody } from '#core/api/common.ts';

/** An API failure: the server's `{ error: { code, message, details } }`, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, msg: string, details?: unknown) {
    super(msg);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** JSON-encoded unless it is FormData. */
  body?: unknown;
  signal?: AbortSignal;
  /**
   * HTTP statuses the caller shows itself (e.g. 409 on import, to link the existing plan; 401 on the
   * login form). Every other failure is shown here, once, with the server's Chinese message; a 401
   * also sends the user to the login page.
   */
  handles?: number[];
}

type Notifier = (text: string) => void;

// Replaced at start-up by the App-context `message` (see app.tsx) so toasts follow the theme; the
// static one is the fallback before that and in tests.
let notifyError: Notifier = (text) => void message.error(text);

/** Route error toasts through the App context's `message` instance. */
export function setErrorNotifier(fn: Notifier): void {
  notifyError = fn;
}

type LoginRedirect = (loginUrl: string) => void;

// Replaced at start-up by one that clears the signed-in user and navigates inside the SPA; a full
// page load is the fallback.
let redirectToLogin: LoginRedirect = (url) => window.location.assign(url);

/** How a 401 takes the user to `/login?next=<current path>`. */
export function setLoginRedirect(fn: LoginRedirect): void {
  redirectToLogin = fn;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Several requests of one page fail together when a session ends: one toast, one redirect.
let lastSessionEnd = 0;

function sessionEnded(): void {
  // No token: the user has just signed out (requests still in flight then answer 401) — the sign-out
  // itself leads to a plain /login, so no second redirect with ?next and no "session expired" toast.
  if (getCsrfToken() === null) return;
  setCsrfToken(null);
  const now = Date.now();
  if (now - lastSessionEnd < 2000) return;
  lastSessionEnd = now;
  notifyError('登录已失效，请重新登录');
  const here = typeof window === 'undefined' ? '/' : `${window.location.pathname}${window.location.search}`;
  redirectToLogin(loginPath(here));
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  if (isErrorBody(body)) return new ApiError(res.status, body.error.code, body.error.message, body.error.details);
  if (res.status === 413) return new ApiError(413, 'TOO_LARGE', '上传内容超过大小上限');
  if (res.status === 502 || res.status === 503 || res.status === 504) return new ApiError(res.status, 'UNAVAILABLE', '服务暂时不可用，请稍后重试');
  return new ApiError(res.status, 'HTTP_ERROR', `请求失败（HTTP ${res.status}）`);
}

/**
 * The one way the web app talks to the API. Sends the session cookie, and the CSRF token on every
 * write. Resolves with the parsed JSON (undefined for 204); rejects with an ApiError after showing its
 * message (403: the refusal; 401: "signed out", then the login page), unless the caller `handles`
 * that status or the request was aborted (a page that unmounts aborts its requests, which is not an
 * error to show).
 */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const { query, body, signal, handles = [] } = options;
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  const csrf = getCsrfToken();
  if (csrf && UNSAFE_METHODS.has(method.toUpperCase())) headers[CSRF_HEADER] = csrf;
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), {
      method,
      signal,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    const error = new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
    notifyError(error.message);
    throw error;
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (handles.includes(res.status)) throw error;
    if (res.status === 401) sessionEnded();
    else notifyError(error.message);
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

export const get = <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options);
export const post = <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body });
export const put = <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body });
export const patch = <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body });
export const del = <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options);

/** Whether an error is an aborted request, which pages ignore. */
export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
