import type { z } from 'zod';

/** Error codes that cross the process boundary. Each maps to one HTTP status in web mode. */
export const ERROR_STATUS = {
  invalid_input: 400,
  unknown_method: 404,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unauthorized: 401,
  /** A phone editing or withdrawing a note that is not its own (the room, issue 14). */
  forbidden: 403,
  newer_schema: 409,
  /** A vote over the person's dots, or a second dot on a note where the round allows one (issue 12). */
  limit: 409,
  /** A change to the votes of a closed round (issue 12). */
  closed: 409,
  disk_full: 507,
  /** Another program holds the store's write lock longer than the busy timeout. */
  busy: 503,
  /** Too many requests from one phone, or too many wrong PINs: try again later (the room, issue 14). */
  rate_limited: 429,
  /** The room cannot open: the machine has no private-network address (no Wi-Fi) and no bind was given. */
  no_network: 503,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** The only shape an error takes across IPC or HTTP: never a stack trace. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** For a batch (`changes.apply`): the position in the batch of the item that failed. */
  index?: number;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** An error a person can read: what happened and what to do. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** For a batch: the position of the item that failed. */
  readonly index: number | undefined;
  constructor(code: ErrorCode, message: string, index?: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.index = index;
  }
  toBody(): ApiErrorBody {
    return this.index === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, index: this.index };
  }
  /** The error an envelope carries, as an ApiError again (keeps `index`). */
  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.code, body.message, typeof body.index === 'number' ? body.index : undefined);
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

/** Where a zod issue is: a dotted path ("notes.1.y") or, with `brackets`, "[0].notes[1].y"; `top` at the top level. */
export function issuePath(issue: z.core.$ZodIssue, top = 'input', brackets = false): string {
  if (!issue.path.length) return top;
  if (!brackets) return issue.path.map(String).join('.');
  return issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** What a zod issue says, without zod's "Invalid input: " prefix; unknown keys are named. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}

/**
 * The one way a zod error becomes words: "notes.1.y: expected number, received NaN; title: a title
 * cannot be empty." (the first `max` issues, each naming its field). `separator: '\n'` gives lines.
 */
export function describeZodError(
  error: z.ZodError,
  options: { max?: number; top?: string; separator?: string; brackets?: boolean } = {},
): string {
  const { max = 5, top = 'input', separator = '; ', brackets = false } = options;
  const parts = error.issues.slice(0, max).map((issue) => `${issuePath(issue, top, brackets)}: ${issueMessage(issue)}`);
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return separator === '; ' ? `${parts.join(separator)}${more}.` : `${parts.join(separator)}${more}`;
}

/**
 * An `invalid_input` ApiError for a method's bad input. When the bad field is inside the batch
 * array `batchKey` (`changes.3.patch.x`), the error's `index` is that item's position.
 */
export function invalidInputError(error: z.ZodError, batchKey = 'changes'): ApiError {
  const first = error.issues[0];
  const index = first && first.path[0] === batchKey && typeof first.path[1] === 'number' ? first.path[1] : undefined;
  return new ApiError('invalid_input', describeZodError(error), index);
}
