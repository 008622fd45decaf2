// Hardening for every web contents and for the session: no navigation, no new windows, no
// webviews, no permissions, nothing fetched from the network, and our CSP on every response.
import type { Session, WebContents } from 'electron';
import { withSecurityHeaders } from './csp';

/** Called from app.on('web-contents-created') so it covers every contents, present and future. */
export function hardenContents(contents: WebContents): void {
  // The renderer is a single page: any navigation is a bug or an attack.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // An offline app: the renderer loads only app:// (and data:/blob:). Anything else is refused.
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file:///*', 'ftp://*/*'] },
    (_details, callback) => callback({ cancel: true }),
  );
  // app:// responses already carry the CSP (see main.ts); this is the backstop for anything else.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
  });
}
