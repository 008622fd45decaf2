import { useCallback, useEffect, useRef, useState } from 'react';
import type { MapSummary } from '../../shared/domain';
import { api } from '../api/client';
import { NOTE_RGB } from '../board/theme';
import { messageOf, showError } from '../state/notices';
import { navigate } from '../state/route';
import { openNewMap } from '../state/shell';
import { ImportButton } from '../files/ImportButton';
import { Dialog } from '../ui/Dialog';
import { atField, FieldError } from '../ui/FieldError';
import { CopyIcon, PencilIcon, TrashIcon } from '../ui/icons';
import { relativeTime } from '../ui/relativeTime';
import { useNow } from '../ui/useNow';
import { ThemeSelect } from './ThemeSelect';
import { loadSort, MAP_SORTS, saveSort, visibleMaps, type MapSort } from './mapListView';
import './HomeScreen.css';

type Pending = { kind: 'rename'; map: MapSummary } | { kind: 'delete'; map: MapSummary } | null;

const notes = (n: number) => (n === 1 ? '1 note' : `${n.toLocaleString()} notes`);

/** The map list: open, create (blank or from a template), rename, duplicate, delete. */
export function HomeScreen() {
  const [maps, setMaps] = useState<MapSummary[] | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const now = useNow();
  const newButton = useRef<HTMLButtonElement>(null);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<MapSort>(() => loadSort());
  const shown = maps === null ? null : visibleMaps(maps, query, sort);

  // Bumped to list the maps again after a change.
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    api.call('maps.list', {}).then(
      (list) => live && setMaps(list),
      (err) => {
        showError(err);
        if (live) setMaps((m) => m ?? []);
      },
    );
    return () => {
      live = false;
    };
  }, [version]);

  useEffect(() => {
    document.title = 'Journeyboard';
  }, []);

  const duplicate = async (map: MapSummary) => {
    try {
      await api.call('maps.duplicate', { id: map.id });
      reload();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <div className="home">
      <header className="home-header">
        <div className="home-header-inner">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <h1>Journeyboard</h1>
          </div>
          <div className="home-header-actions">
            <ThemeSelect />
            <ImportButton onImported={reload} />
            <button ref={newButton} type="button" className="button primary" onClick={openNewMap}>
              + New map
            </button>
          </div>
        </div>
      </header>

      <main className="home-main">
        {maps !== null && maps.length > 0 && (
          <div className="section-head">
            <h2 className="section-title" id="maps-heading">
              Your maps <span className="section-count">{maps.length}</span>
            </h2>
            <div className="list-tools">
              <input
                type="search"
                className="map-search"
                placeholder="Search maps"
                aria-label="Search maps"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape' && query) {
                    e.preventDefault();
                    setQuery('');
                  }
                }}
              />
              <label className="map-sort">
                <span>Sort by</span>
                <select
                  value={sort}
                  onChange={(e) => {
                    const next = e.target.value === 'name' ? 'name' : 'edited';
                    setSort(next);
                    saveSort(next);
                  }}
                >
                  {MAP_SORTS.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </div>
        )}
        {/* Read out as the list changes under a search. */}
        {maps !== null && maps.length > 0 && (
          <p className="search-status" role="status">
            {query.trim() ? (shown!.length === 0 ? `No maps match “${query.trim()}”.` : `${shown!.length} of ${maps.length} maps match.`) : ''}
          </p>
        )}
        {maps === null ? (
          <div className="map-grid" aria-busy="true" aria-label="Loading maps">
            <div className="map-card skeleton" />
            <div className="map-card skeleton" />
            <div className="map-card skeleton" />
          </div>
        ) : maps.length === 0 ? (
          <div className="empty" data-testid="empty-state">
            <div className="empty-art" aria-hidden="true">
              <span className="sticky s1" />
              <span className="sticky s2" />
              <span className="sticky s3" />
            </div>
            <h2>No maps yet</h2>
            <p>Start a map for your next workshop: a blank board, or a journey template with its stages and lanes ready.</p>
            <button type="button" className="button primary" onClick={openNewMap}>
              Create your first map
            </button>
          </div>
        ) : (
          <ul className="map-grid" aria-labelledby="maps-heading">
            {shown!.map((m) => (
              <li key={m.id} className="map-card" data-testid="map-card" data-map-id={m.id}>
                <button
                  type="button"
                  className="map-open"
                  title={`Open ${m.title}`}
                  onClick={() => navigate({ screen: 'map', mapId: m.id })}
                >
                  <MapThumb id={m.id} empty={m.noteCount === 0} />
                  <span className="map-title">{m.title}</span>{' '}
                  <span className="map-meta">
                    {notes(m.noteCount)} · edited {relativeTime(m.updatedAt, now)}
                  </span>
                  {m.nextReviewAt && m.nextReviewAt <= new Date(now - new Date(now).getTimezoneOffset() * 60_000).toISOString().slice(0, 10) && (
                    <span className="map-review-due" data-testid="review-due">
                      Review due {m.nextReviewAt}
                    </span>
                  )}
                </button>
                <div className="map-actions">
                  <button type="button" className="icon-button" aria-label={`Rename ${m.title}`} title="Rename" onClick={() => setPending({ kind: 'rename', map: m })}>
                    <PencilIcon />
                  </button>
                  <button type="button" className="icon-button" aria-label={`Duplicate ${m.title}`} title="Duplicate" onClick={() => void duplicate(m)}>
                    <CopyIcon />
                  </button>
                  <button
                    type="button"
                    className="icon-button danger"
                    aria-label={`Delete ${m.title}`}
                    title="Delete"
                    onClick={() => setPending({ kind: 'delete', map: m })}
                  >
                    <TrashIcon />
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </main>

      {pending?.kind === 'rename' && (
        <RenameDialog
          map={pending.map}
          onDone={() => {
            setPending(null);
            reload();
          }}
          onCancel={() => setPending(null)}
        />
      )}
      {pending?.kind === 'delete' && (
        <DeleteDialog
          map={pending.map}
          onDone={() => {
            setPending(null);
            reload();
            // The card (and the button that opened the dialog) is gone: keep focus on the page.
            requestAnimationFrame(() => newButton.current?.focus());
          }}
          onCancel={() => setPending(null)}
        />
      )}
    </div>
  );
}

const THUMB_COLORS = [NOTE_RGB.yellow, NOTE_RGB.orange, NOTE_RGB.pink, NOTE_RGB.purple, NOTE_RGB.blue, NOTE_RGB.teal, NOTE_RGB.green];

/** Columns of sticky-note colours for a map's card, the same every time for the same id. */
function thumbColumns(id: string): string[][] {
  let seed = 2166136261;
  for (let i = 0; i < id.length; i++) seed = Math.imul(seed ^ id.charCodeAt(i), 16777619);
  const next = () => {
    seed = Math.imul(seed ^ (seed >>> 15), 2246822507);
    seed = Math.imul(seed ^ (seed >>> 13), 3266489909);
    return ((seed ^= seed >>> 16) >>> 0) / 4294967296;
  };
  const columns = 4 + Math.floor(next() * 2);
  return Array.from({ length: columns }, () =>
    Array.from({ length: 1 + Math.floor(next() * 3) }, () => THUMB_COLORS[Math.floor(next() * THUMB_COLORS.length)]!),
  );
}

/**
 * A small abstract board, different per map, so cards are told apart at a glance. A map with no
 * notes shows an empty board: coloured notes on a "0 notes" card looked like a map that had lost them.
 */
function MapThumb({ id, empty }: { id: string; empty: boolean }) {
  return (
    <span className="map-thumb" aria-hidden="true" data-testid="map-thumb">
      {(empty ? [] : thumbColumns(id)).map((column, c) => (
        <span key={c} className="map-thumb-col">
          {column.map((color, r) => (
            <span key={r} className="map-thumb-note" style={{ background: color }} />
          ))}
        </span>
      ))}
    </span>
  );
}

function RenameDialog({ map, onDone, onCancel }: { map: MapSummary; onDone: () => void; onCancel: () => void }) {
  const [title, setTitle] = useState(map.title);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rename = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.call('maps.rename', { id: map.id, title });
      onDone();
    } catch (err) {
      setError(atField(messageOf(err), 'title'));
      setBusy(false);
    }
  };
  return (
    <Dialog title="Rename map" confirmLabel="Rename" busy={busy} onConfirm={() => void rename()} onCancel={onCancel}>
      <label className="field">
        <span>Title</span>
        <input autoFocus value={title} maxLength={200} onFocus={(e) => e.target.select()} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <FieldError message={error} />
    </Dialog>
  );
}

function DeleteDialog({ map, onDone, onCancel }: { map: MapSummary; onDone: () => void; onCancel: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.call('maps.delete', { id: map.id });
      onDone();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Delete “${map.title}”?`} confirmLabel="Delete map" danger busy={busy} onConfirm={() => void remove()} onCancel={onCancel}>
      <p>
        {map.noteCount === 0 ? 'This deletes the map' : `This deletes the map and its ${notes(map.noteCount)}`} from this computer. It cannot be
        undone.
      </p>
      <FieldError message={error} />
    </Dialog>
  );
}
