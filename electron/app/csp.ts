// The renderer's Content-Security-Policy. Pure so the string is unit-tested.
// No 'unsafe-eval' (Konva needs none); inline styles are allowed because React and Konva's DOM
// wrappers set style attributes; images may be data:/blob: URLs (exports, pasted images).

export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['worker-src', "'self' blob:"],
  ['media-src', "'self' data: blob:"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

/** Headers every renderer response carries (app:// responses, and any http(s) page as a backstop). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Adds the security headers to a response's headers (as given by session.webRequest), replacing
 * any CSP the response already had, whatever its letter case.
 */
export function withSecurityHeaders(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const ours = new Set(Object.keys(SECURITY_HEADERS).map((k) => k.toLowerCase()));
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (!ours.has(key.toLowerCase())) out[key] = value;
  }
  for (const [key, value] of Object.entries(SECURITY_HEADERS)) out[key] = [value];
  return out;
}
