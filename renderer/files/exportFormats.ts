import type { JourneyMap } from '../../shared/domain';
import type { ImageArea, PngProgress } from './mapImage';

export type ExportFormat =
  'journey' | 'png' | 'pptx' | 'pdf-whole' | 'pdf-stages' | 'html' | 'xlsx' | 'csv' | 'md' | 'json';

export interface ExportRequest {
  format: ExportFormat;
  map: JourneyMap;
  now: number;
  /** For 'png': what to picture, and 1x, 2x or 3x. */
  image?: { area: ImageArea; multiplier: number };
}

export type ExportResponse =
  | {
      ok: true;
      content: Uint8Array | string;
      /** Said to the person with the result (e.g. a lowered scale). */ note?: string;
    }
  | { ok: false; message: string }
  | { progress: PngProgress };

/** The PNG scales offered. */
export const IMAGE_MULTIPLIERS = [1, 2, 3] as const;

export const PNG_TYPE = 'image/png';

export const EXPORT_FORMATS: { id: ExportFormat; label: string; hint: string; ext: string; type: string }[] = [
  {
    id: 'journey',
    label: 'Journeyboard map (.journey)',
    hint: 'With its saved versions; opens in Journeyboard on another laptop',
    ext: 'journey',
    type: 'application/x-journeyboard',
  },
  {
    id: 'pptx',
    label: 'PowerPoint (.pptx)',
    hint: 'A slide per stage, pain points, matrix, roadmap, metrics',
    ext: 'pptx',
    type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
  {
    id: 'pdf-whole',
    label: 'PDF, whole map (.pdf)',
    hint: 'The map on one large page',
    ext: 'pdf',
    type: 'application/pdf',
  },
  {
    id: 'pdf-stages',
    label: 'PDF, a page per stage (.pdf)',
    hint: 'For reading and printing',
    ext: 'pdf',
    type: 'application/pdf',
  },
  {
    id: 'html',
    label: 'Web page (.html)',
    hint: 'Pan and zoom in any browser, offline',
    ext: 'html',
    type: 'text/html;charset=utf-8',
  },
  {
    id: 'xlsx',
    label: 'Excel (.xlsx)',
    hint: 'Notes, stages, votes, matrix, roadmap, metrics',
    ext: 'xlsx',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  {
    id: 'csv',
    label: 'CSV (.csv)',
    hint: 'One row per note, for spreadsheets',
    ext: 'csv',
    type: 'text/csv;charset=utf-8',
  },
  {
    id: 'md',
    label: 'Markdown report (.md)',
    hint: 'Stages, pain points, votes, roadmap, workshop minutes',
    ext: 'md',
    type: 'text/markdown;charset=utf-8',
  },
  {
    id: 'json',
    label: 'JSON (.json)',
    hint: 'Every field, versioned (docs/JSON.md)',
    ext: 'json',
    type: 'application/json',
  },
];

/**
 * Runs one export in a worker; `signal` aborts it (the worker is terminated). `onProgress` hears
 * how far a long export (a big PNG) has got.
 */
export function exportInWorker(
  request: ExportRequest,
  signal: AbortSignal,
  onProgress?: (p: PngProgress) => void,
): Promise<{ content: Uint8Array | string; note?: string }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./exportWorker.ts', import.meta.url), { type: 'module' });
    const finish = () => {
      worker.terminate();
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(new DOMException('The export was cancelled.', 'AbortError'));
    };
    signal.addEventListener('abort', onAbort);
    worker.onmessage = (e: MessageEvent<ExportResponse>) => {
      const reply = e.data;
      if ('progress' in reply) {
        onProgress?.(reply.progress);
        return;
      }
      finish();
      if (reply.ok)
        resolve(reply.note === undefined ? { content: reply.content } : { content: reply.content, note: reply.note });
      else reject(new Error(`The export failed: ${reply.message}`));
    };
    worker.onerror = (e) => {
      finish();
      reject(new Error(`The export failed: ${e.message || 'the export worker stopped'}.`));
    };
    worker.postMessage(request);
  });
}
