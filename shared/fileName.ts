/**
 * A file name from a map title: no path separators, control characters or characters Windows
 * refuses, spaces collapsed, at most `maxLength` characters; "Journeyboard map" when nothing is left.
 * One rule for the server's downloads, the page's exports and the desktop's Save dialog.
 */
export function safeFileName(title: string, maxLength = 120): string {
  const name = [...title]
    .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? ' ' : ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, maxLength);
  return name || 'Journeyboard map';
}
