/**
 * A full disk, named as such. SQLite says SQLITE_FULL (the store, or a .journey file being
 * written); Node says ENOSPC (or EDQUOT: the person's quota is used up, which they fix the same way).
 */
import { ApiError } from '../../shared/errors';

export const DISK_FULL_MESSAGE = 'The disk is full: free some space and try again.';

const CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CODES.has(code);
}

/** The error a person sees; `after` says what became of their work ("Nothing was changed."). */
export function diskFullError(after = 'Nothing was changed.'): ApiError {
  return new ApiError('disk_full', `${DISK_FULL_MESSAGE} ${after}`);
}
