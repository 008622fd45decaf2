import fs from 'node:fs';

/**
 * Flushes a file (or, with the default read-only flag, a folder) to disk, so a rename that follows
 * cannot leave an empty or half-written file after a power cut. The one copy for the store's
 * backups and restores and for .journey files.
 */
export function fsyncPath(p: string, flags = 'r'): void {
  const fd = fs.openSync(p, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
