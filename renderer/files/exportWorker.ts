/// <reference lib="webworker" />
/**
 * Builds export files off the main thread, so a big PowerPoint or PDF never freezes the board.
 * The page terminates the worker to cancel.
 */
import type { JourneyMap } from '../../shared/domain';
import { mapToCsv, mapToHtml, mapToJson, mapToMarkdown, mapToPdf, mapToPptx, mapToXlsx } from '../../shared/export/index';
import type { ExportFormat, ExportRequest, ExportResponse } from './exportFormats';

async function build(format: ExportFormat, map: JourneyMap, now: number): Promise<Uint8Array | string> {
  switch (format) {
    case 'pptx':
      return mapToPptx(map);
    case 'pdf-whole':
      return mapToPdf(map, { mode: 'whole' });
    case 'pdf-stages':
      return mapToPdf(map, { mode: 'perStage' });
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
  const { format, map, now } = e.data;
  let reply: ExportResponse;
  try {
    reply = { ok: true, content: await build(format, map, now) };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  (self as unknown as Worker).postMessage(reply);
};
