import { useEffect, useRef, useState } from 'react';
import type { JourneyMap } from '../../shared/domain';
import { mapToCsv, mapToHtml, mapToJson, mapToMarkdown, mapToPdf, mapToPptx, mapToXlsx } from '../../shared/export/index';
import { api } from '../api/client';
import { showError, showInfo } from '../state/notices';
import { base64ToBlob, download, fileNameFor } from './download';
import './files.css';

type Format = 'journey' | 'pptx' | 'pdf-whole' | 'pdf-stages' | 'html' | 'xlsx' | 'csv' | 'md' | 'json';

const FORMATS: { id: Format; label: string; hint: string }[] = [
  { id: 'journey', label: 'Journeyboard map (.journey)', hint: 'Opens in Journeyboard on another laptop' },
  { id: 'pptx', label: 'PowerPoint (.pptx)', hint: 'Overview, a slide per stage, pain points' },
  { id: 'pdf-whole', label: 'PDF, whole map (.pdf)', hint: 'The map on one large page' },
  { id: 'pdf-stages', label: 'PDF, a page per stage (.pdf)', hint: 'For reading and printing' },
  { id: 'html', label: 'Web page (.html)', hint: 'Pan and zoom in any browser, offline' },
  { id: 'xlsx', label: 'Excel (.xlsx)', hint: 'Notes, pain points, opportunities, metrics' },
  { id: 'csv', label: 'CSV (.csv)', hint: 'One row per note, for spreadsheets' },
  { id: 'md', label: 'Markdown report (.md)', hint: 'Stages, lanes, pain points, opportunities' },
  { id: 'json', label: 'JSON (.json)', hint: 'Every field, versioned (docs/JSON.md)' },
];

/** The JSON export, stamped with the time it was made. */
function jsonExport(map: JourneyMap): Blob {
  return new Blob([mapToJson(map, Date.now())], { type: 'application/json' });
}

/**
 * File > Export on the map bar. `latest` saves the board's pending edits and reads the map, so
 * the file holds what is on screen.
 */
export function ExportMenu({ latest }: { latest: () => Promise<JourneyMap> }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  const run = async (format: Format) => {
    setOpen(false);
    setBusy(true);
    try {
      const map = await latest();
      if (format === 'journey') {
        const file = await api.call('files.exportJourney', { mapId: map.id });
        download(file.fileName, base64ToBlob(file.base64, 'application/x-journeyboard'));
      } else if (format === 'pptx') {
        const bytes = await mapToPptx(map);
        download(fileNameFor(map.title, 'pptx'), new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' }));
      } else if (format === 'pdf-whole' || format === 'pdf-stages') {
        const bytes = await mapToPdf(map, { mode: format === 'pdf-whole' ? 'whole' : 'perStage' });
        download(fileNameFor(map.title, 'pdf'), new Blob([bytes as BlobPart], { type: 'application/pdf' }));
      } else if (format === 'html') {
        download(fileNameFor(map.title, 'html'), new Blob([mapToHtml(map)], { type: 'text/html;charset=utf-8' }));
      } else if (format === 'xlsx') {
        const bytes = await mapToXlsx(map);
        download(fileNameFor(map.title, 'xlsx'), new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
      } else if (format === 'csv') {
        download(fileNameFor(map.title, 'csv'), new Blob([mapToCsv(map)], { type: 'text/csv;charset=utf-8' }));
      } else if (format === 'md') {
        download(fileNameFor(map.title, 'md'), new Blob([mapToMarkdown(map)], { type: 'text/markdown;charset=utf-8' }));
      } else {
        download(fileNameFor(map.title, 'json'), jsonExport(map));
      }
      showInfo(`Exported “${map.title}”.`);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export-menu" ref={root}>
      <button
        type="button"
        className="button ghost"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={busy}
        onClick={() => setOpen(!open)}
      >
        {busy ? 'Exporting…' : 'Export'}
      </button>
      {open && (
        <div className="export-popover" role="menu" aria-label="Export as" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {FORMATS.map((f, i) => (
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
