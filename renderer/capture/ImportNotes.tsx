import { useId, useMemo, useRef, useState } from 'react';
import type { JourneyMap } from '../../shared/domain';
import { showError } from '../state/notices';
import { Dialog } from '../ui/Dialog';
import {
  csvNotes,
  detectFormat,
  guessMapping,
  markdownNotes,
  parseCsv,
  stripBom,
  textNotes,
  type CsvMapping,
  type ImportFormat,
  type ImportResult,
  type ImportStructure,
} from './importRows';
import { createNotes, showOnBoard, structureOf, useBoardDoc, type ControllerRef } from './useBoard';

const FORMAT_LABEL: Record<ImportFormat, string> = {
  csv: 'CSV (header row)',
  text: 'Plain text (a note per line)',
  markdown: 'Markdown list',
};
const PREVIEW_ROWS = 8;
/** Files bigger than this are refused before reading (a workshop's notes are a few hundred KB). */
const MAX_BYTES = 20 * 1024 * 1024;

interface Source {
  name: string | null;
  text: string;
}

/**
 * Import: choose a file or paste text. A dialog then shows how the rows will become notes (for CSV,
 * which column holds what), the first rows as notes, and every row that cannot be imported with
 * its number and why. Nothing is created until "Create" is pressed; then all valid rows become notes
 * in ONE undo step.
 */
export function ImportNotes({ map, controller }: { map: JourneyMap; controller: ControllerRef }) {
  const { c } = useBoardDoc(controller);
  const [pasted, setPasted] = useState('');
  const [source, setSource] = useState<Source | null>(null);
  const [done, setDone] = useState<{ ids: string[]; count: number } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const pasteId = useId();

  const readFile = async (file: File) => {
    if (file.size > MAX_BYTES) {
      showError(new Error(`${file.name} is ${(file.size / 1024 / 1024).toFixed(0)} MB; import files up to 20 MB.`));
      return;
    }
    try {
      setSource({ name: file.name, text: await file.text() });
    } catch (err) {
      showError(err);
    }
  };

  return (
    <div className="capture-import">
      <p className="capture-hint">
        Bring notes in from a spreadsheet (CSV), a text file with a note per line, or a Markdown list.
      </p>
      <input
        ref={fileInput}
        type="file"
        hidden
        data-testid="import-file"
        accept=".csv,.tsv,.txt,.md,.markdown,text/csv,text/plain,text/markdown"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void readFile(file);
        }}
      />
      <button type="button" className="button capture-wide" onClick={() => fileInput.current?.click()}>
        Choose a file…
      </button>
      <div className="capture-or">
        <span>or paste</span>
      </div>
      <label className="capture-field" htmlFor={pasteId}>
        Text
        <textarea
          id={pasteId}
          rows={6}
          value={pasted}
          placeholder={'- A note\n- Another note'}
          onChange={(e) => setPasted(e.target.value)}
        />
      </label>
      <button
        type="button"
        className="button capture-wide"
        disabled={pasted.trim() === ''}
        onClick={() => setSource({ name: null, text: pasted })}
      >
        Review pasted text
      </button>
      {done && (
        <p className="capture-done" role="status">
          Created {done.count} note{done.count === 1 ? '' : 's'}.{' '}
          <button type="button" className="capture-link" onClick={() => showOnBoard(c, done.ids)}>
            Show on board
          </button>
        </p>
      )}
      {source && (
        <ImportDialog
          source={source}
          structure={structureOf(c, map)}
          onCancel={() => setSource(null)}
          onConfirm={(result) => {
            if (!c) {
              showError(new Error('The board is still opening. Try again in a moment.'));
              return;
            }
            const made = createNotes(c, `Import ${result.notes.length} notes`, result.notes, true);
            setDone({ ids: made.map((n) => n.id), count: made.length });
            setSource(null);
            if (source.name === null) setPasted('');
          }}
        />
      )}
    </div>
  );
}

function ImportDialog({
  source,
  structure,
  onCancel,
  onConfirm,
}: {
  source: Source;
  structure: ImportStructure;
  onCancel(): void;
  onConfirm(result: ImportResult): void;
}) {
  const formatId = useId();
  const [format, setFormat] = useState<ImportFormat>(() => detectFormat(source.name, source.text));
  const table = useMemo(() => (format === 'csv' ? parseCsv(source.text) : null), [format, source.text]);
  const [mapping, setMapping] = useState<CsvMapping>(() => guessMapping(parseCsv(source.text).headers));
  const result: ImportResult = useMemo(() => {
    if (format === 'csv') return csvNotes(table!, mapping, structure);
    if (format === 'markdown') return markdownNotes(source.text, structure);
    return textNotes(source.text);
  }, [format, table, mapping, structure, source.text]);

  const stageName = new Map(structure.stages.map((s) => [s.id, s.name]));
  const laneName = new Map(structure.lanes.map((l) => [l.id, l.name]));
  const empty = stripBom(source.text).trim() === '';
  const headerOnly = format === 'csv' && !empty && table!.rows.length === 0;
  const n = result.notes.length;
  const columns = table?.headers ?? [];

  const columnSelect = (key: keyof CsvMapping, label: string, required = false) => (
    <label className="capture-field">
      {label}
      <select
        aria-label={label}
        value={mapping[key]}
        onChange={(e) => setMapping({ ...mapping, [key]: Number(e.target.value) })}
      >
        {!required && <option value={-1}>(none)</option>}
        {columns.map((h, i) => (
          <option key={i} value={i}>
            {h || `Column ${i + 1}`}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <Dialog
      title={`Import notes${source.name ? ` from ${source.name}` : ''}`}
      className="capture-import-dialog"
      bodyClassName="capture-import-body"
      testId="import-dialog"
      confirmLabel={n === 0 ? 'Nothing to create' : `Create ${n} note${n === 1 ? '' : 's'}`}
      confirmDisabled={n === 0}
      onConfirm={() => onConfirm(result)}
      onCancel={onCancel}
    >
      <label className="capture-field capture-format" htmlFor={formatId}>
        Read as
        <select id={formatId} value={format} onChange={(e) => setFormat(e.target.value as ImportFormat)}>
          {(Object.keys(FORMAT_LABEL) as ImportFormat[]).map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABEL[f]}
            </option>
          ))}
        </select>
      </label>
      {format === 'csv' && columns.length > 0 && (
        <fieldset className="capture-mapping">
          <legend>Columns</legend>
          {columnSelect('text', 'Text column', true)}
          {columnSelect('stage', 'Stage column')}
          {columnSelect('lane', 'Lane or kind column')}
          {columnSelect('author', 'Author column')}
        </fieldset>
      )}
      {format === 'markdown' && (
        <p className="capture-note">
          List items become notes. A heading that names a stage (or a lane) puts the items under it there; other
          headings and lines are skipped.
          {result.summary ? ` ${result.summary}` : ''}
        </p>
      )}
      {empty ? (
        <p className="capture-empty">The {source.name ? 'file' : 'text'} is empty: there is nothing to import.</p>
      ) : headerOnly ? (
        <p className="capture-empty">The file has a header row but no rows under it: there is nothing to import.</p>
      ) : (
        <>
          <p className="capture-summary" data-testid="import-summary">
            <strong>
              {n} note{n === 1 ? '' : 's'}
            </strong>{' '}
            will be created
            {result.problems.length > 0 && (
              <>
                {' '}
                ·{' '}
                <span className="capture-bad">
                  {result.problems.length} row{result.problems.length === 1 ? '' : 's'} can’t be imported
                </span>
              </>
            )}
          </p>
          {n > 0 && (
            <div className="capture-table-wrap">
              <table className="capture-table" aria-label="Preview">
                <thead>
                  <tr>
                    <th scope="col">{format === 'csv' ? 'Row' : 'Line'}</th>
                    <th scope="col">Text</th>
                    <th scope="col">Goes to</th>
                    <th scope="col">Author</th>
                  </tr>
                </thead>
                <tbody>
                  {result.notes.slice(0, PREVIEW_ROWS).map((r) => (
                    <tr key={r.row}>
                      <td className="capture-num">{r.row}</td>
                      <td className="capture-cell-text">{r.text}</td>
                      <td>
                        {r.stageId && r.laneId ? (
                          `${stageName.get(r.stageId)} · ${laneName.get(r.laneId)}`
                        ) : (
                          <span className="capture-muted">
                            Brainstorm area{r.kind ? ` (${r.kind.replace('_', ' ')})` : ''}
                          </span>
                        )}
                      </td>
                      <td>{r.author ?? <span className="capture-muted">–</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {n > PREVIEW_ROWS && <p className="capture-more">and {n - PREVIEW_ROWS} more</p>}
            </div>
          )}
          {result.problems.length > 0 && (
            <div className="capture-problems" data-testid="import-problems">
              <h3>Not imported</h3>
              <ul>
                {result.problems.slice(0, 50).map((p, i) => (
                  <li key={i}>
                    <span className="capture-num">
                      {format === 'csv' ? 'Row' : 'Line'} {p.row}
                    </span>
                    {p.message}
                  </li>
                ))}
              </ul>
              {result.problems.length > 50 && (
                <p className="capture-more">and {result.problems.length - 50} more</p>
              )}
            </div>
          )}
        </>
      )}
    </Dialog>
  );
}
