/**
 * A QR code as SVG (the `qrcode` package encodes, React draws one path): crisp at any size, on the
 * projector too. Dark modules on white in both themes, with the quiet zone the standard asks for,
 * because phone cameras read dark-on-light best. An image with an accessible name that says the
 * address, so a screen reader user hears where to go.
 */
import { useMemo } from 'react';
import { create } from 'qrcode';

/** Modules of white border on each side (the QR standard's quiet zone). */
const QUIET = 4;

/** The SVG path of the dark modules, one unit square each, offset by the quiet zone. */
export function qrPath(text: string): { path: string; size: number } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let path = '';
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.data[row * n + col]) {
        col++;
        continue;
      }
      // A run of dark modules in this row is one rectangle.
      const start = col;
      while (col < n && modules.data[row * n + col]) col++;
      path += `M${start + QUIET} ${row + QUIET}h${col - start}v1h${start - col}z`;
    }
  }
  return { path, size: n + 2 * QUIET };
}

export function QrCode({
  text,
  label,
  className,
  testId,
}: {
  text: string;
  label: string;
  className?: string;
  testId?: string;
}) {
  const { path, size } = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      className={className ? `qr-code ${className}` : 'qr-code'}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-qr-text={text}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
