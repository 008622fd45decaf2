import { useRef, useState } from 'react';
import type { MapSummary } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { api } from '../api/client';
import { showError, showInfo } from '../state/notices';
import { Dialog } from '../ui/Dialog';
import { fileToBase64 } from './download';

const MAX_BYTES = 200 * 1024 * 1024;

type Source = { kind: 'journey'; base64: string } | { kind: 'json'; text: string };

/** Import a map from a .journey file or a JSON export; asks before replacing a map you have. */
export function ImportButton({ onImported }: { onImported: (map: MapSummary) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [conflict, setConflict] = useState<{ source: Source; message: string } | null>(null);

  const send = async (source: Source, onConflict?: 'replace' | 'copy') => {
    const value =
      source.kind === 'journey'
        ? await api.call('files.importJourney', { base64: source.base64, ...(onConflict ? { onConflict } : {}) })
        : await api.call('files.importJson', { text: source.text, ...(onConflict ? { onConflict } : {}) });
    showInfo(`Imported “${value.title}”.`);
    onImported(value);
  };

  const pick = async (file: File) => {
    let source: Source | null = null;
    try {
      if (file.size > MAX_BYTES) throw new ApiError('too_large', `${file.name} is larger than 200 MB, the most Journeyboard opens.`);
      source = file.name.toLowerCase().endsWith('.json')
        ? { kind: 'json', text: await file.text() }
        : { kind: 'journey', base64: await fileToBase64(file) };
      await send(source);
    } catch (err) {
      if (source && err instanceof ApiError && err.code === 'conflict') setConflict({ source, message: err.message });
      else showError(err);
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={() => input.current?.click()}>
        Import…
      </button>
      <input
        ref={input}
        type="file"
        accept=".journey,.json,application/json"
        aria-label="Map file to import"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void pick(file);
        }}
      />
      {conflict && (
        <Dialog
          title="This map is already here"
          confirmLabel="Keep both"
          onConfirm={() => {
            const { source } = conflict;
            setConflict(null);
            send(source, 'copy').catch(showError);
          }}
          onCancel={() => setConflict(null)}
          extraAction={{
            label: 'Replace mine',
            danger: true,
            onClick: () => {
              const { source } = conflict;
              setConflict(null);
              send(source, 'replace').catch(showError);
            },
          }}
        >
          <p>{conflict.message}</p>
        </Dialog>
      )}
    </>
  );
}
