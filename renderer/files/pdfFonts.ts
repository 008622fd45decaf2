/**
 * The fonts the PDF export embeds (resources/fonts/), fetched from the app's own files by the
 * export worker: bundled by Vite as assets, so they work from app://, web mode and tests alike.
 * The CJK font (4 MB) is fetched only for a map with Chinese or Japanese text.
 */
import type { PdfFontFiles } from '../../shared/export/pdfText';

const bytes = new Map<string, Promise<Uint8Array>>();

function load(url: URL): Promise<Uint8Array> {
  const key = url.href;
  let hit = bytes.get(key);
  if (!hit) {
    hit = fetch(url).then(async (r) => {
      if (!r.ok) throw new Error(`The PDF font ${url.pathname.split('/').pop()} could not be read (${r.status}). Reinstall Journeyboard.`);
      return new Uint8Array(await r.arrayBuffer());
    });
    hit.catch(() => bytes.delete(key));
    bytes.set(key, hit);
  }
  return hit;
}

export async function pdfFonts(): Promise<PdfFontFiles> {
  const [regular, bold] = await Promise.all([
    load(new URL('../../resources/fonts/DejaVuSans.ttf', import.meta.url)),
    load(new URL('../../resources/fonts/DejaVuSans-Bold.ttf', import.meta.url)),
  ]);
  return { regular, bold, cjk: () => load(new URL('../../resources/fonts/DroidSansFallback-CJK.ttf', import.meta.url)) };
}
