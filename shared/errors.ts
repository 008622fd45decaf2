/** Error codes that cross the process boundary. Each maps to one HTTP status in web mode. */
export const ERROR_STATUS = {
  invalid_input: 400,
  unknown_method: 404,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unauthorized: 401,
  newer_schema: 409,
  disk_full: 507,
  /** Another program holds the store's write lock longer than the busy timeout. */
  busy: 503,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** The only shape an error takes across IPC or HTTP: never a stack trace. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** An error a person can read: what happened and what to do. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message };
  }
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).code === 'string' &&
    typeof (value as ApiErrorBody).message === 'string'
  );
}
