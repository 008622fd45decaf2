/**
 * A .journey upload streamed to a file in the data folder's `scratch/`, never held in memory. The
 * byte cap is checked on every chunk (and on the declared length before anything is read); an
 * upload that is too large, aborted, cut by a timeout or fails to write leaves no file behind.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

export type Upload =
  | { ok: true; file: string; bytes: number }
  | { ok: false; reason: 'too_large' }
  | { ok: false; reason: 'aborted' }
  | { ok: false; reason: 'write_failed'; error: NodeJS.ErrnoException };

/** The scratch file names uploads use (a start-up sweep of `scratch/` removes any a crash left). */
export const UPLOAD_PREFIX = 'upload-';

export async function receiveUpload(req: http.IncomingMessage, scratchDir: string, maxBytes: number): Promise<Upload> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return { ok: false, reason: 'too_large' };
  try {
    await fs.promises.mkdir(scratchDir, { recursive: true });
  } catch (err) {
    return { ok: false, reason: 'write_failed', error: err as NodeJS.ErrnoException };
  }
  const file = path.join(scratchDir, `${UPLOAD_PREFIX}${randomBytes(12).toString('hex')}.journey`);
  const result = await streamTo(req, file, maxBytes);
  if (!result.ok) await fs.promises.rm(file, { force: true }).catch(() => undefined);
  return result;
}

function streamTo(req: http.IncomingMessage, file: string, maxBytes: number): Promise<Upload> {
  return new Promise((resolve) => {
    const out = fs.createWriteStream(file, { flags: 'wx' });
    let bytes = 0;
    let failed: Upload | null = null;

    const fail = (result: Upload) => {
      if (failed) return;
      failed = result;
      req.off('data', onData);
      req.off('end', onEnd);
      // Resolve only once the file is closed: removing it before its open completes would let the
      // open create it again afterwards.
      if (out.closed) resolve(result);
      else {
        out.once('close', () => resolve(result));
        out.destroy();
      }
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) return fail({ ok: false, reason: 'too_large' });
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => {
          if (!failed) req.resume();
        });
      }
    };
    const onEnd = () => out.end();

    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', () => fail({ ok: false, reason: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) fail({ ok: false, reason: 'aborted' });
    });
    out.on('error', (error) => fail({ ok: false, reason: 'write_failed', error }));
    out.on('close', () => {
      if (!failed) resolve({ ok: true, file, bytes });
    });
  });
}
