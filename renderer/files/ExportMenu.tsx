import { useEffect, useRef, useState } from 'react';
import type { JourneyMap } from '../../shared/domain';
import { registerActions } from '../actions/registry';
import { api, nativeFiles } from '../api/client';
import { showError, showInfo, useNotices } from '../state/notices';
import { base64ToBlob, download, fileNameFor } from './download';
import { EXPORT_FORMATS, exportInWorker, IMAGE_MULTIPLIERS, PNG_TYPE, type ExportFormat } from './exportFormats';
import type { ImageArea, PngProgress } from './mapImage';
import './files.css';

/** Now, for the JSON export's stamp (outside render, where reading the clock is fine). */
const now = () => Date.now();

/** The board region on screen and its zoom, for "PNG, current view". */
export type ViewArea = Extract<ImageArea, { kind: 'view' }>;

/** `history: false`: a .journey file of the map as it is now, without its saved versions. */
type Job = { kind: 'file'; format: ExportFormat; history?: false } | { kind: 'png'; area: 'map' | 'view'; multiplier: number };

interface Running {
  label: string;
  controller: AbortController;
  progress: PngProgress | null;
}

function progressText(p: PngProgress | null): string {
  if (!p || p.total === 0) return '';
  if (p.phase === 'encoding') return ' encoding the image';
  return ` ${Math.round((100 * p.done) / p.total)} % (${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} notes)`;
}

/**
 * File > Export on the map bar (and the native menu's File > Export… and Save as). `latest` saves
 * the board's pending edits and reads the map, so the file holds what is on screen; `view` is the
 * board region on screen. Files are built in a worker: the board stays live, the progress line
 * says how far it has got, and Cancel stops it.
 */
export function ExportMenu({ latest, view }: { latest: () => Promise<JourneyMap>; view: () => ViewArea | null }) {
  const [open, setOpen] = useState(false);
  const [running, setRunning] = useState<Running | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const busy = useRef(false);

  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  const run = async (job: Job) => {
    setOpen(false);
    if (busy.current) return;
    busy.current = true;
    const spec = job.kind === 'file' ? EXPORT_FORMATS.find((f) => f.id === job.format)! : null;
    const label = spec
      ? spec.label
      : `PNG, ${job.kind === 'png' && job.area === 'view' ? 'current view' : 'whole map'}`;
    const controller = new AbortController();
    setRunning({ label, controller, progress: null });
    try {
      // The view as it is now, before saving moves anything.
      const shown = job.kind === 'png' && job.area === 'view' ? view() : null;
      if (job.kind === 'png' && job.area === 'view' && !shown)
        throw new Error('The board is not showing yet: try again in a moment.');
      const map = await latest();
      controller.signal.throwIfAborted();
      if (job.kind === 'png') {
        const area: ImageArea = shown ?? { kind: 'map' };
        const onProgress = (progress: PngProgress) =>
          setRunning((r) => (r && r.controller === controller ? { ...r, progress } : r));
        const { content, note } = await exportInWorker(
          { format: 'png', map, now: now(), image: { area, multiplier: job.multiplier } },
          controller.signal,
          onProgress,
        );
        const suffix = job.area === 'view' ? 'view' : 'map';
        download(
          fileNameFor(`${map.title} (${suffix}, ${job.multiplier}x)`, 'png'),
          new Blob([content as BlobPart], { type: PNG_TYPE }),
        );
        // A picture made at a lower scale than asked says so until dismissed.
        if (note) useNotices.getState().push('info', note, { stay: true });
        else showInfo(`Exported “${map.title}” as ${label}, ${job.multiplier}x.`);
        return;
      }
      if (job.format === 'journey') {
        if (nativeFiles && job.history !== false) {
          // The desktop app: a save dialog, then the main process writes the file atomically.
          const saved = await nativeFiles.saveJourneyAs(map.id, fileNameFor(map.title, 'journey'));
          if (saved) showInfo(`Saved “${map.title}” to ${saved.path}.`);
          return;
        }
        const file = await api.call('files.exportJourney', { mapId: map.id, ...(job.history === false ? { history: false } : {}) });
        controller.signal.throwIfAborted();
        download(file.fileName, base64ToBlob(file.base64, spec!.type));
      } else {
        const { content } = await exportInWorker({ format: job.format, map, now: now() }, controller.signal);
        download(fileNameFor(map.title, spec!.ext), new Blob([content as BlobPart], { type: spec!.type }));
      }
      showInfo(`Exported “${map.title}” as ${label}.`);
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') showInfo('Export cancelled.');
      else showError(err);
    } finally {
      busy.current = false;
      setRunning(null);
    }
  };

  // The native menu's File > Export… opens this menu; Save as writes a .journey file.
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  useEffect(
    () =>
      registerActions([
        { id: 'map.export', label: 'Export…', shortcut: 'Ctrl+E', perform: () => setOpen(true) },
        {
          id: 'map.saveAs',
          label: 'Save as .journey…',
          shortcut: 'Ctrl+Shift+S',
          perform: () => void runRef.current({ kind: 'file', format: 'journey' }),
        },
      ]),
    [],
  );

  /** One file format in the menu (the first one takes focus when the menu opens). */
  const formatItem = (f: (typeof EXPORT_FORMATS)[number], first: boolean) => (
    <button
      key={f.id}
      type="button"
      role="menuitem"
      className="popover-item"
      autoFocus={first}
      onClick={() => void run({ kind: 'file', format: f.id })}
    >
      <span className="popover-label export-label">{f.label}</span>
      <span className="popover-hint">{f.hint}</span>
    </button>
  );

  return (
    <div className="export-menu" ref={root}>
      {running ? (
        <div className="export-progress" role="status">
          <span className="export-spinner" aria-hidden="true" />
          <span>
            Exporting {running.label}…{progressText(running.progress)}
          </span>
          <button type="button" className="button ghost" onClick={() => running.controller.abort()}>
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button ghost"
          aria-haspopup="menu"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          Export
        </button>
      )}
      {open && (
        <div
          className="popover export-popover"
          role="menu"
          aria-label="Export as"
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        >
          {EXPORT_FORMATS.slice(0, 1).map((f) => formatItem(f, true))}
          <button
            type="button"
            role="menuitem"
            className="popover-item"
            onClick={() => void run({ kind: 'file', format: 'journey', history: false })}
          >
            <span className="popover-label export-label">Journeyboard map, this version only</span>
            <span className="popover-hint">The map as it is now, without its saved versions</span>
          </button>
          {(
            [
              ['map', 'PNG image, whole map', 'The frame and every note; 1x is a pixel per board unit'],
              ['view', 'PNG image, current view', 'What the board shows now; 1x is its size on screen'],
            ] as const
          ).map(([area, text, hint]) => (
            <div key={area} className="popover-item export-row" role="group" aria-label={text}>
              <span className="export-row-text">
                <span className="popover-label export-label">{text}</span>
                <span className="popover-hint">{hint}</span>
              </span>
              <span className="export-scales">
                {IMAGE_MULTIPLIERS.map((m) => (
                  <button
                    key={m}
                    type="button"
                    role="menuitem"
                    className="export-scale"
                    aria-label={`PNG, ${area === 'map' ? 'whole map' : 'current view'}, ${m}x`}
                    onClick={() => void run({ kind: 'png', area, multiplier: m })}
                  >
                    {m}x
                  </button>
                ))}
              </span>
            </div>
          ))}
          {EXPORT_FORMATS.slice(1).map((f) => formatItem(f, false))}
        </div>
      )}
    </div>
  );
}
