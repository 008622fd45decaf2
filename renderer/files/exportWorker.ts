/// <reference lib="webworker" />
/**
 * Builds export files off the main thread, so a big PowerPoint or PDF never freezes the board.
 * The page terminates the worker to cancel.
 */
import type { JourneyMap } from '../../shared/domain';
import {
  mapToCsv,
  mapToHtml,
  mapToJson,
  mapToMarkdown,
  mapToPdf,
  mapToPptx,
  mapToXlsx,
} from '../../shared/export/index';
import type { ExportRequest, ExportResponse } from './exportFormats';
import { mapOverviewPng, mapToPng } from './mapImage';
import { pdfFonts } from './pdfFonts';

const post = (reply: ExportResponse, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(reply, transfer);

async function build({
  format,
  map,
  now,
  image,
}: ExportRequest): Promise<{ content: Uint8Array | string; note?: string }> {
  if (format === 'png') {
    if (!image) throw new Error('No area or scale was given for the picture.');
    const { bytes, plan } = await mapToPng(map, image.area, image.multiplier, (progress) => post({ progress }));
    const size = `${plan.width.toLocaleString('en')} × ${plan.height.toLocaleString('en')} px`;
    const note =
      plan.loweredFrom === null
        ? undefined
        : `The picture at ${image.multiplier}x would be larger than an image can hold, so it was made at ${Math.round(plan.scale * 100) / 100}x (${size}). For every note at full size, export a PDF with a page per stage, or a PNG of the current view.`;
    return note === undefined ? { content: bytes } : { content: bytes, note };
  }
  return { content: await buildFile(format, map, now) };
}

async function buildFile(
  format: Exclude<ExportRequest['format'], 'png'>,
  map: JourneyMap,
  now: number,
): Promise<Uint8Array | string> {
  switch (format) {
    case 'pptx':
      // The overview slide's picture of the whole map, drawn here: shared/ has no canvas.
      return mapToPptx(map, { mapImage: await mapOverviewPng(map) });
    case 'pdf-whole':
      return mapToPdf(map, { mode: 'whole', fonts: await pdfFonts() });
    case 'pdf-stages':
      return mapToPdf(map, { mode: 'perStage', fonts: await pdfFonts() });
    case 'html':
      return mapToHtml(map);
    case 'xlsx':
      return mapToXlsx(map);
    case 'csv':
      return mapToCsv(map);
    case 'md':
      return mapToMarkdown(map);
    case 'json':
      return mapToJson(map, now);
    case 'journey':
      throw new Error('.journey files are written by the main process.');
  }
}

self.onmessage = async (e: MessageEvent<ExportRequest>) => {
  try {
    const built = await build(e.data);
    // A picture's bytes move to the page rather than being copied (they can be hundreds of MB).
    post({ ok: true, ...built }, typeof built.content === 'string' ? [] : [built.content.buffer as ArrayBuffer]);
  } catch (err) {
    post({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
