import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { JourneyboardApi } from '../../shared/api';
import type { JourneyMap } from '../../shared/domain';
import { notesBackChanges, type MapComparison, type NoteChangeItem, type VersionSummary } from '../../shared/history/index';
import { RECORD_TYPES } from '../../shared/records/records';
import { api as realApi } from '../api/client';
import type { BoardController } from '../board/BoardController';
import { showError, showInfo } from '../state/notices';
import { navigate } from '../state/route';
import { PanelHeader } from '../ui/PanelHeader';
import { CompareList } from './CompareList';
import { ReadingView } from '../reading/ReadingView';
import { formatTime, leaveVersion, setBrowsing, setMarks, todayIso, useHistoryView, versionName } from './historyStore';
import './history.css';

export interface HistoryPanelProps {
  map: JourneyMap;
  /** The map as the store has it after a restore or a status change. */
  onMapChange(map: JourneyMap): void;
  board: () => BoardController | null;
  onClose(): void;
  api?: JourneyboardApi;
}

const NOW = '';

/**
 * The History panel (issue 15): the map's living-document status, saving a version with a label,
 * the list of versions (time, name, who or what made it, counts), and for each: view it read only
 * on the board or in the reading view, compare it with now or with another version (the board
 * marks the changes; each listed change jumps to its note), restore it as a new map or over this
 * one, and bring single notes back (one undo step on the board).
 */
export function HistoryPanel({ map, onMapChange, board, onClose, api = realApi }: HistoryPanelProps) {
  const titleId = useId();
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [from, setFrom] = useState<string>('');
  const [to, setTo] = useState<string>(NOW);
  const [comparison, setComparison] = useState<{ result: MapComparison; title: string; fromId: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [reading, setReading] = useState<{ map: JourneyMap; banner: string } | null>(null);
  const browsing = useHistoryView((s) => s.browsing);
  const labelInput = useRef<HTMLInputElement>(null);

  const show = useCallback((list: VersionSummary[]) => {
    setVersions(list);
    setFrom((f) => (f && list.some((v) => v.id === f) ? f : (list[0]?.id ?? '')));
  }, []);
  const refresh = useCallback(async () => show(await api.call('versions.list', { mapId: map.id })), [api, map.id, show]);

  useEffect(() => {
    let live = true;
    api.call('versions.list', { mapId: map.id }).then((list) => live && show(list), showError);
    return () => {
      live = false;
    };
  }, [api, map.id, show]);

  const backToNow = useCallback(() => leaveVersion(map.id, onMapChange, api), [api, map.id, onMapChange]);

  // Closing the panel ends browsing and clears the marks.
  useEffect(
    () => () => {
      setMarks(null);
      if (useHistoryView.getState().browsing) backToNow().catch(showError);
    },
    [backToNow],
  );

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    const text = label.trim();
    if (!text) {
      labelInput.current?.focus();
      showInfo('Give the version a label first, for example “After client workshop 2”.');
      return;
    }
    void run(async () => {
      await board()?.saveNow();
      await api.call('versions.save', { mapId: map.id, label: text });
      setLabel('');
      await refresh();
    });
  };

  const view = (v: VersionSummary) =>
    run(async () => {
      await board()?.saveNow();
      const got = await api.call('versions.get', { id: v.id });
      setComparison(null);
      setBrowsing({ version: got.version, map: got.map });
    });

  const read = (v: VersionSummary) =>
    run(async () => {
      const got = await api.call('versions.get', { id: v.id });
      setReading({ map: got.map, banner: `Saved version: ${versionName(v)} · ${formatTime(v.createdAt)}. Read only.` });
    });

  const compare = (fromId: string, toId: string) =>
    run(async () => {
      await board()?.saveNow();
      if (browsing) await backToNow();
      const result = await api.call('versions.compare', { mapId: map.id, fromId, toId: toId === NOW ? null : toId });
      const name = (id: string) => (id === NOW ? 'now' : versionName(versions!.find((v) => v.id === id)!));
      setComparison({ result, title: `Changes from ${name(fromId)} to ${name(toId)}`, fromId });
      setMarks({ comparison: result, focus: null });
    });

  const restore = (v: VersionSummary, mode: 'new' | 'over') =>
    run(async () => {
      setConfirming(null);
      const c = board();
      await c?.saveNow();
      const result = await api.call('versions.restore', { id: v.id, mode });
      if (mode === 'new') {
        showInfo(`“${result.title}” was made from ${versionName(v)}.`);
        navigate({ screen: 'map', mapId: result.id });
        return;
      }
      setBrowsing(null);
      setMarks(null);
      setComparison(null);
      onMapChange(await api.call('maps.get', { id: map.id }));
      await c?.reload();
      await refresh();
      showInfo(`The map is back as it was in ${versionName(v)}. The map as it was before is saved as a version, so you can restore that to undo.`);
    });

  const jump = (item: NoteChangeItem) => {
    const c = board();
    if (!c) return;
    setMarks(comparison ? { comparison: comparison.result, focus: item.id } : null);
    if (item.change !== 'removed' && c.note(item.id)) {
      c.setSelection([item.id]);
      c.fitSelection();
      return;
    }
    const at = item.before ?? item.after;
    if (!at) return;
    const { zoom } = c.camera;
    const { width, height } = c.viewport;
    c.setCamera({ x: at.x + at.width / 2 - width / 2 / zoom, y: at.y + at.height / 2 - height / 2 / zoom, zoom });
  };

  /** Brings notes back as they were in the earlier version: one undo step on the board. */
  const bringBack = (ids: string[]) =>
    run(async () => {
      const c = board();
      if (!c || !comparison) return;
      const got = await api.call('versions.get', { id: comparison.fromId });
      const present = new Map(RECORD_TYPES.map((t) => [t, new Set(c.records(t).map((r) => r.id))]));
      const changes = notesBackChanges(
        got.map,
        ids,
        (type, id) => present.get(type as (typeof RECORD_TYPES)[number])?.has(id) ?? false,
        (id) => c.note(id) as Record<string, unknown> | undefined,
      );
      if (changes.length === 0) {
        showInfo('Those notes are already as they were in that version.');
        return;
      }
      c.commit(ids.length === 1 ? 'Bring back a note' : `Bring back ${ids.length} notes`, changes, ids);
      await c.saveNow();
    });

  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      onClose();
    }
  };

  return (
    <aside className="side-panel history-panel" aria-labelledby={titleId} onKeyDown={onKeyDown} data-testid="history-panel">
      <PanelHeader titleId={titleId} title="History" closeLabel="Close history" onClose={onClose} />
      <div className="history-body">
        <MapStatus map={map} onMapChange={onMapChange} api={api} />

        <form className="history-save" onSubmit={save}>
          <label htmlFor={`${titleId}-label`}>Save this version</label>
          <div className="history-row">
            <input
              id={`${titleId}-label`}
              ref={labelInput}
              value={label}
              maxLength={200}
              placeholder="After client workshop 2"
              onChange={(e) => setLabel(e.target.value)}
              data-testid="history-label"
            />
            <button type="submit" className="button primary" disabled={busy} data-testid="history-save">
              Save
            </button>
          </div>
        </form>

        {versions && versions.length > 0 && (
          <div className="history-compare-form" role="group" aria-label="Compare two versions">
            <label>
              From
              <select value={from} onChange={(e) => setFrom(e.target.value)} data-testid="history-from">
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {versionName(v)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              To
              <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="history-to">
                <option value={NOW}>Now</option>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {versionName(v)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="button" disabled={busy || !from || from === to} onClick={() => void compare(from, to)} data-testid="history-compare-button">
              Compare
            </button>
          </div>
        )}

        {comparison && (
          <>
            <CompareList comparison={comparison.result} title={comparison.title} onJump={jump} onBringBack={bringBack} />
            <button
              type="button"
              className="button ghost"
              onClick={() => {
                setComparison(null);
                setMarks(null);
              }}
            >
              Clear the marks
            </button>
          </>
        )}

        <h3 className="history-list-title">Versions</h3>
        {versions === null ? (
          <p className="history-muted">Loading…</p>
        ) : versions.length === 0 ? (
          <p className="history-muted">No versions yet. Save one above; Journeyboard also keeps one every hour while the map changes.</p>
        ) : (
          <ul className="history-list" data-testid="history-list">
            {versions.map((v) => (
              <li key={v.id} className={`history-version${browsing?.version.id === v.id ? ' browsing' : ''}`} data-version-id={v.id}>
                <div className="history-version-head">
                  <span className="history-version-name">{v.label ?? v.reason}</span>
                  {v.auto && <span className="history-badge">Automatic</span>}
                </div>
                <div className="history-detail">
                  <time dateTime={new Date(v.createdAt).toISOString()}>{formatTime(v.createdAt)}</time>
                  {v.label ? ` · ${v.reason}` : ''} · {v.noteCount} notes · {v.painPointCount} pain points · {v.voteCount} votes
                </div>
                <div className="history-actions">
                  <button type="button" className="button small" onClick={() => void view(v)} aria-label={`View ${versionName(v)} on the board`}>
                    View
                  </button>
                  <button type="button" className="button small" onClick={() => void read(v)} aria-label={`Read ${versionName(v)}`}>
                    Read
                  </button>
                  <button type="button" className="button small" onClick={() => void compare(v.id, NOW)} aria-label={`Compare with now: ${versionName(v)}`}>
                    Compare with now
                  </button>
                  <button
                    type="button"
                    className="button small"
                    aria-expanded={confirming === v.id}
                    onClick={() => setConfirming(confirming === v.id ? null : v.id)}
                    aria-label={`Restore ${versionName(v)}…`}
                  >
                    Restore…
                  </button>
                </div>
                {confirming === v.id && (
                  <div className="history-restore" role="group" aria-label={`Restore ${versionName(v)}`}>
                    <button type="button" className="button small" disabled={busy} onClick={() => void restore(v, 'new')}>
                      As a new map
                    </button>
                    <button type="button" className="button small danger" disabled={busy} onClick={() => void restore(v, 'over')}>
                      Over this map
                    </button>
                    <button type="button" className="button small ghost" onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                    <p className="history-muted">“Over this map” first saves the map as it is now as a version, so you can go back.</p>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {reading && <ReadingView map={reading.map} banner={reading.banner} onClose={() => setReading(null)} />}
    </aside>
  );
}

/** Owner, last reviewed, next review: saved as they change (maps.setStatus). */
function MapStatus({ map, onMapChange, api }: { map: JourneyMap; onMapChange(map: JourneyMap): void; api: JourneyboardApi }) {
  const id = useId();
  const [owner, setOwner] = useState(map.owner ?? '');
  const set = async (status: { owner?: string | null; reviewedAt?: string | null; nextReviewAt?: string | null }) => {
    try {
      const saved = await api.call('maps.setStatus', { id: map.id, ...status });
      onMapChange({ ...map, owner: saved.owner, reviewedAt: saved.reviewedAt, nextReviewAt: saved.nextReviewAt });
    } catch (err) {
      showError(err);
    }
  };
  const due = map.nextReviewAt !== null && map.nextReviewAt <= todayIso();
  return (
    <section className="history-status" aria-label="Living document">
      <div className="history-field">
        <label htmlFor={`${id}-owner`}>Owner</label>
        <input
          id={`${id}-owner`}
          value={owner}
          maxLength={100}
          placeholder="Who keeps this map up to date"
          onChange={(e) => setOwner(e.target.value)}
          onBlur={() => {
            if (owner.trim() !== (map.owner ?? '')) void set({ owner: owner.trim() || null });
          }}
        />
      </div>
      <div className="history-field">
        <label htmlFor={`${id}-reviewed`}>Last reviewed</label>
        <input id={`${id}-reviewed`} type="date" value={map.reviewedAt ?? ''} onChange={(e) => void set({ reviewedAt: e.target.value || null })} />
        <button type="button" className="button small" onClick={() => void set({ reviewedAt: todayIso() })}>
          Today
        </button>
      </div>
      <div className="history-field">
        <label htmlFor={`${id}-next`}>Next review</label>
        <input id={`${id}-next`} type="date" value={map.nextReviewAt ?? ''} onChange={(e) => void set({ nextReviewAt: e.target.value || null })} />
        {due && (
          <span className="history-due" role="status">
            Due
          </span>
        )}
      </div>
    </section>
  );
}
