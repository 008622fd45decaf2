/**
 * The participant page and nothing else of the built renderer: `GET /` is dist/renderer/participant.html,
 * and only the files it needs (what it names, and what those name in turn: scripts, styles, fonts,
 * the icon) may be fetched. The main app's own bundles, source maps and every other file answer 404.
 * Each answer carries the room's strict CSP (no inline script or style, connections only back to
 * this address), nosniff, no-referrer and no framing.
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

export const PAGE_FILE = 'participant.html';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.webmanifest': 'application/manifest+json',
};

/** A file name another file of the page may refer to (`./assets/x-1a2b.js`, `favicon.svg`). */
const REFERENCE = /[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(?:js|mjs|css|svg|png|webp|ico|woff2?|ttf|webmanifest)\b/g;

/** The room page's Content-Security-Policy; `host` is the Host the phone used (checked already). */
export function roomCsp(host: string): string {
  return (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
    `connect-src 'self' ws://${host}; manifest-src 'self'; object-src 'none'; base-uri 'none'; ` +
    "form-action 'none'; frame-src 'none'; frame-ancestors 'none'"
  );
}

export interface RoomPage {
  /** Answers a GET for `pathname`: the page, one of its files, or 404. */
  serve(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, host: string): void;
}

/**
 * Reads which files the page needs from `dir` (dist/renderer). When the page is not built, `GET /`
 * says so (the app was built without it) instead of serving anything else.
 */
export function createRoomPage(dir: string | undefined): RoomPage {
  const root = dir ? path.resolve(dir) : null;
  /** URL path ('/assets/x.js') -> file. */
  const allowed = new Map<string, string>();
  if (root && fs.existsSync(path.join(root, PAGE_FILE))) {
    const queue = [path.join(root, PAGE_FILE)];
    const seen = new Set(queue);
    while (queue.length) {
      const file = queue.pop()!;
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      for (const name of new Set(text.match(REFERENCE) ?? [])) {
        for (const rel of [path.join('assets', name), name]) {
          const full = path.join(root, rel);
          if (seen.has(full) || !fs.existsSync(full) || !fs.statSync(full).isFile()) continue;
          seen.add(full);
          allowed.set(`/${rel.split(path.sep).join('/')}`, full);
          if (/\.(?:js|mjs|css|html)$/.test(name)) queue.push(full);
        }
      }
    }
    allowed.set('/', path.join(root, PAGE_FILE));
  }

  return {
    serve(req, res, pathname, host) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Use GET.');
        return;
      }
      const file = allowed.get(pathname === `/${PAGE_FILE}` ? '/' : pathname);
      if (!file) {
        const message = pathname === '/' ? 'The participant page is not built. Run `npm run build`, then open the room again.' : 'Not found';
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end(message);
        return;
      }
      fs.readFile(file, (err, data) => {
        if (res.headersSent || res.destroyed) return;
        if (err) {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
          return;
        }
        const page = file.endsWith('.html');
        res.writeHead(200, {
          'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
          'content-length': data.length,
          'content-security-policy': roomCsp(host),
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          'x-frame-options': 'DENY',
          'cross-origin-opener-policy': 'same-origin',
          'cache-control': page ? 'no-store' : 'public, max-age=31536000, immutable',
        });
        res.end(req.method === 'HEAD' ? undefined : data);
      });
    },
  };
}
