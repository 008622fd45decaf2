import { useCallback, useEffect, useState } from 'react';
import type { MapSummary } from '../../shared/domain';
import type { TemplateSummary } from '../../shared/templates';
import { registerActions } from '../actions/registry';
import { api } from '../api/client';
import { messageOf, showError } from '../state/notices';
import { navigate } from '../state/route';
import { Dialog } from '../ui/Dialog';
import { relativeTime } from '../ui/relativeTime';

type Pending =
  | { kind: 'new' }
  | { kind: 'rename'; map: MapSummary }
  | { kind: 'delete'; map: MapSummary }
  | null;

/** The map list: open, create (blank or from a template), rename, duplicate, delete. */
export function HomeScreen() {
  const [maps, setMaps] = useState<MapSummary[] | null>(null);
  const [pending, setPending] = useState<Pending>(null);

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

  useEffect(() => registerActions([{ id: 'map.new', label: 'New map', shortcut: 'Ctrl+N', perform: () => setPending({ kind: 'new' }) }]), []);

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
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <h1>Journeyboard</h1>
        </div>
        <button type="button" className="button primary" onClick={() => setPending({ kind: 'new' })}>
          + New map
        </button>
      </header>

      <main className="home-main">
        <h2 className="section-title">Your maps</h2>
        {maps === null ? null : maps.length === 0 ? (
          <div className="empty">
            <div className="empty-art" aria-hidden="true">
              <span className="sticky s1" />
              <span className="sticky s2" />
              <span className="sticky s3" />
            </div>
            <h3>No maps yet</h3>
            <p>Start a map for your next workshop: a blank board, or a journey template with stages ready.</p>
            <button type="button" className="button primary" onClick={() => setPending({ kind: 'new' })}>
              Create your first map
            </button>
          </div>
        ) : (
          <ul className="map-grid" aria-label="Maps">
            {maps.map((m) => (
              <li key={m.id} className="map-card" data-testid="map-card">
                <button type="button" className="map-open" aria-label={`Open ${m.title}`} onClick={() => navigate({ screen: 'map', mapId: m.id })}>
                  <span className="map-thumb" aria-hidden="true">
                    <span />
                    <span />
                    <span />
                    <span />
                  </span>
                  <span className="map-title">{m.title}</span>
                  <span className="map-meta">
                    {m.noteCount === 1 ? '1 note' : `${m.noteCount.toLocaleString()} notes`} · edited {relativeTime(m.updatedAt)}
                  </span>
                </button>
                <div className="map-actions">
                  <button type="button" className="icon-button" aria-label={`Rename ${m.title}`} title="Rename" onClick={() => setPending({ kind: 'rename', map: m })}>
                    ✎
                  </button>
                  <button type="button" className="icon-button" aria-label={`Duplicate ${m.title}`} title="Duplicate" onClick={() => void duplicate(m)}>
                    ⧉
                  </button>
                  <button type="button" className="icon-button danger" aria-label={`Delete ${m.title}`} title="Delete" onClick={() => setPending({ kind: 'delete', map: m })}>
                    🗑
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </main>

      {pending?.kind === 'new' && (
        <NewMapDialog
          onDone={(id) => {
            setPending(null);
            navigate({ screen: 'map', mapId: id });
          }}
          onCancel={() => setPending(null)}
        />
      )}
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
          }}
          onCancel={() => setPending(null)}
        />
      )}
    </div>
  );
}

/** Shows the API's refusal inside the dialog, where the person is looking. */
function FieldError({ message }: { message: string | null }) {
  return message ? (
    <p className="field-error" role="alert">
      {message}
    </p>
  ) : null;
}

function NewMapDialog({ onDone, onCancel }: { onDone: (id: string) => void; onCancel: () => void }) {
  const [title, setTitle] = useState('');
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [template, setTemplate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.call('templates.list', {}).then(
      (list) => {
        setTemplates(list);
        setTemplate((t) => t || (list.find((x) => x.id === 'blank')?.id ?? ''));
      },
      (err) => setError(messageOf(err)),
    );
  }, []);

  const create = async () => {
    setBusy(true);
    try {
      const map = await api.call('maps.create', template ? { title, template } : { title });
      onDone(map.id);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title="New map" confirmLabel="Create map" busy={busy} onConfirm={() => void create()} onCancel={onCancel}>
      <label className="field">
        <span>Title</span>
        <input autoFocus value={title} maxLength={200} placeholder="e.g. Current account opening – as-is" onChange={(e) => setTitle(e.target.value)} />
      </label>
      {templates.length > 0 && (
        <fieldset className="templates">
          <legend>Start from</legend>
          {templates.map((t) => (
            <label key={t.id} className={t.id === template ? 'template selected' : 'template'}>
              <input type="radio" name="template" value={t.id} checked={t.id === template} onChange={() => setTemplate(t.id)} />
              <span className="template-name">{t.name}</span>
              <span className="template-desc">{t.description}</span>
            </label>
          ))}
        </fieldset>
      )}
      <FieldError message={error} />
    </Dialog>
  );
}

function RenameDialog({ map, onDone, onCancel }: { map: MapSummary; onDone: () => void; onCancel: () => void }) {
  const [title, setTitle] = useState(map.title);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rename = async () => {
    setBusy(true);
    try {
      await api.call('maps.rename', { id: map.id, title });
      onDone();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title="Rename map" confirmLabel="Rename" busy={busy} onConfirm={() => void rename()} onCancel={onCancel}>
      <label className="field">
        <span>Title</span>
        <input autoFocus value={title} onFocus={(e) => e.target.select()} onChange={(e) => setTitle(e.target.value)} />
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
        This deletes the map and its {map.noteCount === 1 ? '1 note' : `${map.noteCount.toLocaleString()} notes`} from this computer. It cannot be
        undone.
      </p>
      <FieldError message={error} />
    </Dialog>
  );
}
