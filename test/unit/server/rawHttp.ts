/**
 * HTTP over a plain TCP socket, for tests that send what Node's client refuses to (raw NUL bytes,
 * malformed request lines, oversized headers) or stop half-way. Every answer is either a status
 * read from the server, or why there was none: the server closed without answering ('hangup') or
 * said nothing in time ('timeout'). Traffic goes to 127.0.0.1 only.
 */
import net from 'node:net';

export interface RawAnswer {
  /** The status the server sent, or null when it sent none. */
  status: number | null;
  /** Why there is no status. */
  failure?: 'hangup' | 'timeout';
  headers: Record<string, string>;
  body: string;
}

function parse(data: Buffer, isHead: boolean): RawAnswer | null {
  const end = data.indexOf('\r\n\r\n');
  if (end === -1) return null;
  const head = data.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '');
  if (!m) return null;
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const body = data.subarray(end + 4);
  // The answer to HEAD has a Content-Length but no body.
  const length = isHead ? 0 : headers['content-length'] === undefined ? null : Number(headers['content-length']);
  if (length !== null && body.length < length) return null;
  return { status: Number(m[1]), headers, body: body.subarray(0, length ?? body.length).toString('utf8') };
}

export interface RawOptions {
  /** Give up waiting for an answer after this long (default 10 s). */
  timeoutMs?: number;
  /** Send these bytes after the first ones, `delayMs` apart (a slow client). */
  trickle?: { chunks: (string | Buffer)[]; delayMs: number };
  /** Close our side this long after sending, without waiting (a client that gives up). */
  abortAfterMs?: number;
}

/**
 * Sends `bytes` to 127.0.0.1:`port` and resolves with the first complete answer, or a failure.
 * Resolves as soon as an answer is complete (the server may still be reading), so an early 413
 * counts as answered even if the rest of the body is refused.
 */
export function rawRequest(port: number, bytes: string | Buffer, options: RawOptions = {}): Promise<RawAnswer> {
  const { timeoutMs = 10_000 } = options;
  const isHead = (typeof bytes === 'string' ? bytes : bytes.toString('latin1', 0, 5)).startsWith('HEAD ');
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let data = Buffer.alloc(0);
    let done = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (answer: RawAnswer) => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      socket.destroy();
      resolve(answer);
    };
    timers.push(setTimeout(() => finish({ status: null, failure: 'timeout', headers: {}, body: '' }), timeoutMs));
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const answer = parse(data, isHead);
      if (answer) finish(answer);
    });
    // Our writes may fail once the server has answered and closed; the answer is what counts.
    socket.on('error', () => undefined);
    socket.on('close', () => finish(parse(data, isHead) ?? { status: null, failure: 'hangup', headers: {}, body: '' }));
    socket.write(bytes);
    options.trickle?.chunks.forEach((chunk, i) => {
      timers.push(
        setTimeout(
          () => {
            if (!done && socket.writable) socket.write(chunk);
          },
          options.trickle!.delayMs * (i + 1),
        ),
      );
    });
    if (options.abortAfterMs !== undefined) timers.push(setTimeout(() => socket.destroy(), options.abortAfterMs));
  });
}

/** One HTTP/1.1 request as bytes; `Connection: close` unless given, Content-Length from the body. */
export function requestBytes(
  method: string,
  target: string,
  {
    port,
    token,
    headers = {},
    body,
  }: { port: number; token?: string; headers?: Record<string, string>; body?: string | Buffer },
): Buffer {
  const all: Record<string, string> = { host: `127.0.0.1:${port}`, connection: 'close', ...headers };
  if (token) all.authorization = `Bearer ${token}`;
  if (body !== undefined && all['content-length'] === undefined && all['transfer-encoding'] === undefined) {
    all['content-length'] = String(Buffer.byteLength(body));
  }
  const head = `${method} ${target} HTTP/1.1\r\n${Object.entries(all)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'utf8'), body === undefined ? Buffer.alloc(0) : Buffer.from(body)]);
}
