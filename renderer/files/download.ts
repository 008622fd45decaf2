import { safeFileName } from '../../shared/fileName';

/** Saves bytes or text as a file: a download in a browser, a save dialog in Electron. */
export function download(fileName: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start reading the blob before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function base64ToBlob(base64: string, type: string): Blob {
  // Native decoding where the browser has it (Chromium 140+, so Electron 45 too): a big map's
  // file is decoded without a byte-by-byte loop on the main thread.
  const native = (Uint8Array as { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> }).fromBase64;
  if (native) return new Blob([native(base64)], { type });
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** A file name from a map title, by the same rule as the server's .journey downloads. */
export function fileNameFor(title: string, ext: string): string {
  return `${safeFileName(title)}.${ext}`;
}
