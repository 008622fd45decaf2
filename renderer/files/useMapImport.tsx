import { useCallback, useState, type ReactNode } from 'react';
import type { MapSummary } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { MAP_FILE_MAX_BYTES, MAP_FILE_MAX_LABEL } from '../../shared/limits';
import { api, uploadJourney } from '../api/client';
import { showError, showInfo } from '../state/notices';
import { Dialog } from '../ui/Dialog';
import { fileToBase64 } from './download';


type Source = { kind: 'journey'; file: File } | { kind: 'json'; text: string };

/** Files Journeyboard opens as maps. */
export function isMapFile(name: string): boolean {
  return /\.(journey|json)$/i.test(name);
}

/**
 * Importing a map file (picked, or dropped on the window): size check, upload, and — when the map
 * is already here — a question: replace it, or keep both. Returns the function to call and the
 * dialog to render.
 */
export function useMapImport(onImported: (map: MapSummary) => void): { importFile: (file: File) => Promise<void>; dialog: ReactNode } {
  const [conflict, setConflict] = useState<{ source: Source; message: string } | null>(null);

  const send = useCallback(
    async (source: Source, onConflict?: 'replace' | 'copy') => {
      // A .journey file goes up as raw bytes in web mode (streamed to disk by the server), and as
      // base64 over IPC in the desktop app.
      const value =
        source.kind === 'json'
          ? await api.call('files.importJson', { text: source.text, ...(onConflict ? { onConflict } : {}) })
          : uploadJourney
            ? await uploadJourney(source.file, onConflict)
            : await api.call('files.importJourney', { base64: await fileToBase64(source.file), ...(onConflict ? { onConflict } : {}) });
      showInfo(`Imported “${value.title}”.`);
      onImported(value);
    },
    [onImported],
  );

  const importFile = useCallback(
    async (file: File) => {
      let source: Source | null = null;
      try {
        if (!isMapFile(file.name)) {
          throw new ApiError('invalid_input', `${file.name} is not a map file. Journeyboard opens .journey files and its own JSON exports.`);
        }
        if (file.size > MAP_FILE_MAX_BYTES) throw new ApiError('too_large', `${file.name} is larger than ${MAP_FILE_MAX_LABEL}, the most Journeyboard opens.`);
        source = /\.json$/i.test(file.name) ? { kind: 'json', text: await file.text() } : { kind: 'journey', file };
        await send(source);
      } catch (err) {
        if (source && err instanceof ApiError && err.code === 'conflict') setConflict({ source, message: err.message });
        else showError(err);
      }
    },
    [send],
  );

  const choose = (onConflict: 'replace' | 'copy') => {
    if (!conflict) return;
    const { source } = conflict;
    setConflict(null);
    send(source, onConflict).catch(showError);
  };

  const dialog = conflict ? (
    <Dialog
      title="This map is already here"
      confirmLabel="Keep both"
      onConfirm={() => choose('copy')}
      onCancel={() => setConflict(null)}
      extraAction={{ label: 'Replace mine', danger: true, onClick: () => choose('replace') }}
    >
      <p>{conflict.message}</p>
    </Dialog>
  ) : null;

  return { importFile, dialog };
}
