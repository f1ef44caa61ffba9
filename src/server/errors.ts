/**
 * The one error model. Services throw `AppError` with a code; the error handler maps the code to an
 * HTTP status and answers `{ error: { code, message, details } }` with the Chinese message.
 */
export const ERROR_STATUS = {
  /** Input failed validation or a document could not be read. */
  INVALID_INPUT: 400,
  /** No session. */
  UNAUTHENTICATED: 401,
  /** Signed in, but not allowed. */
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  /** The write clashes with existing data (e.g. the same document imported twice). */
  CONFLICT: 409,
  /** Upload over the size limit. */
  TOO_LARGE: 413,
  UNSUPPORTED_TYPE: 415,
  /** The account is temporarily locked after repeated wrong passwords. */
  LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what}不存在`);
