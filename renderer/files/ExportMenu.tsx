import { useEffect, useRef, useState } from 'react';
import type { JourneyMap } from '../../shared/domain';
import { api } from '../api/client';
import { showError, showInfo } from '../state/notices';
import { base64ToBlob, download, fileNameFor } from './download';
import { EXPORT_FORMATS, exportInWorker, type ExportFormat } from './exportFormats';
import './files.css';

/** Now, for the JSON export's stamp (outside render, where reading the clock is fine). */
const now = () => Date.now();

/**
 * File > Export on the map bar. `latest` saves the board's pending edits and reads the map, so the
 * file holds what is on screen. Files are built in a worker: the board stays live, the progress
 * line says what is happening, and Cancel stops it.
 */
export function ExportMenu({ latest }: { latest: () => Promise<JourneyMap> }) {
  const [open, setOpen] = useState(false);
  const [running, setRunning] = useState<{ label: string; controller: AbortController } | null>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  const run = async (format: ExportFormat) => {
    setOpen(false);
    const spec = EXPORT_FORMATS.find((f) => f.id === format)!;
    const controller = new AbortController();
    setRunning({ label: spec.label, controller });
    try {
      const map = await latest();
      controller.signal.throwIfAborted();
      if (format === 'journey') {
        const file = await api.call('files.exportJourney', { mapId: map.id });
        controller.signal.throwIfAborted();
        download(file.fileName, base64ToBlob(file.base64, spec.type));
      } else {
        const content = await exportInWorker({ format, map, now: now() }, controller.signal);
        download(fileNameFor(map.title, spec.ext), new Blob([content as BlobPart], { type: spec.type }));
      }
      showInfo(`Exported “${map.title}” as ${spec.label}.`);
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') showInfo('Export cancelled.');
      else showError(err);
    } finally {
      setRunning(null);
    }
  };

  return (
    <div className="export-menu" ref={root}>
      {running ? (
        <div className="export-progress" role="status">
          <span className="export-spinner" aria-hidden="true" />
          <span>Exporting {running.label}…</span>
          <button type="button" className="button ghost" onClick={() => running.controller.abort()}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="button ghost" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
          Export
        </button>
      )}
      {open && (
        <div className="export-popover" role="menu" aria-label="Export as" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {EXPORT_FORMATS.map((f, i) => (
            <button key={f.id} type="button" role="menuitem" className="export-item" autoFocus={i === 0} onClick={() => void run(f.id)}>
              <span className="export-label">{f.label}</span>
              <span className="export-hint">{f.hint}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
