import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from 'react';
import type { JourneyboardApi } from '../../shared/api';
import { NOTE_COLORS, type JourneyMap, type NoteColor, type Persona } from '../../shared/domain';
import { api as realApi } from '../api/client';
import type { BoardController } from '../board/BoardController';
import { personaRecord } from '../../shared/records';
import { describeZodError } from '../../shared/errors';
import { messageOf, showError } from '../state/notices';
import { Dialog } from '../ui/Dialog';
import { atField } from '../ui/FieldError';
import { initialsOf, PERSONA_BG, PersonaAvatar } from './PersonaAvatar';
import { photoDataUrl } from './photo';
import './personas.css';
import { sidePanelKeyDown } from '../ui/keys';
import { PanelHeader } from '../ui/PanelHeader';

/** The text fields of a persona a person edits inline, one API call per field. */
type TextField = 'name' | 'role' | 'quote' | 'goals' | 'needs' | 'frustrations';
type PersonaPatch = Partial<Pick<Persona, TextField | 'photo' | 'color'>>;

export interface PersonasPanelProps {
  map: JourneyMap;
  /** Called with the whole map after every change the server accepted. */
  onMapChange(next: JourneyMap): void;
  /** The persona whose notes the board highlights, or null. */
  lensPersonaId: string | null;
  onLensChange(id: string | null): void;
  onClose(): void;
  /** The API client; tests pass a fake. */
  api?: JourneyboardApi;
  /**
   * The map's board, once it is up: then every persona edit is a change on the board (one undo
   * step, saved through the board's one queue) instead of a call of its own.
   */
  board?: () => BoardController | null;
}

/** The map with the board's personas, persona tags and choice of persona (what the board's document holds now). */
function withBoardPersonas(c: BoardController, m: JourneyMap): JourneyMap {
  return {
    ...m,
    personaId: c.mapPersonaId,
    personas: c.personas.map((p) => ({ ...p, mapId: m.id })),
    notes: m.notes.map((n) => {
      const tags = c.note(n.id)?.personaIds;
      return tags && tags.join() !== n.personaIds.join() ? { ...n, personaIds: tags } : n;
    }),
  };
}

const COLOR_LABEL: Record<NoteColor, string> = {
  yellow: 'Yellow',
  orange: 'Orange',
  pink: 'Pink',
  purple: 'Purple',
  blue: 'Blue',
  teal: 'Teal',
  green: 'Green',
  gray: 'Grey',
};

/**
 * The map's personas as cards in a side panel: add, edit in place (each field saves when it loses
 * focus), photo or initials, delete with confirmation, choose who the map is for, and a lens that
 * highlights a persona's notes on the board. Every refusal from the server is shown.
 */
export function PersonasPanel({ map, onMapChange, lensPersonaId, onLensChange, onClose, api = realApi, board }: PersonasPanelProps) {
  const titleId = useId();
  const selectId = useId();
  // Answers arrive after other edits may have landed: always build on the newest map.
  const mapRef = useRef(map);
  useLayoutEffect(() => {
    mapRef.current = map;
  });
  const publish = (next: JourneyMap) => {
    mapRef.current = next;
    onMapChange(next);
  };
  // An undo or redo on the board can change the personas: the panel and the map screen follow.
  useEffect(() => {
    const c = board?.();
    if (!c) return;
    return c.onDocChange(() => {
      const next = withBoardPersonas(c, mapRef.current);
      const m = mapRef.current;
      if (next.personaId !== m.personaId || JSON.stringify(next.personas) !== JSON.stringify(m.personas) || next.notes.some((n, i) => n !== m.notes[i])) publish(next);
    });
  });
  const [adding, setAdding] = useState(false);
  const [focusNameOf, setFocusNameOf] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Persona | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [settingPersona, setSettingPersona] = useState(false);
  const personas = [...map.personas].sort((a, b) => a.position - b.position);

  const tagged = new Map<string, number>();
  for (const n of map.notes) for (const id of n.personaIds) tagged.set(id, (tagged.get(id) ?? 0) + 1);

  const add = async () => {
    if (adding) return;
    setAdding(true);
    try {
      const used = new Set(mapRef.current.personas.map((p) => p.color));
      const color = NOTE_COLORS.find((c) => !used.has(c) && c !== 'yellow' && c !== 'gray') ?? NOTE_COLORS[mapRef.current.personas.length % NOTE_COLORS.length]!;
      const c = board?.();
      if (c) {
        // The first persona is who the map is for: in the same undo step.
        const id = c.addPersona({ name: 'New persona', role: '', quote: '', goals: '', needs: '', frustrations: '', photo: null, color });
        publish(withBoardPersonas(c, mapRef.current));
        setFocusNameOf(id);
        return;
      }
      const created = await api.call('personas.create', { mapId: map.id, name: 'New persona', color });
      const m = mapRef.current;
      // The server makes a new persona the map's persona when the map has none.
      const personaId = m.personaId ?? created.id;
      publish({ ...m, personaId, personas: [...m.personas, created] });
      setFocusNameOf(created.id);
    } catch (err) {
      showError(err);
    } finally {
      setAdding(false);
    }
  };

  /** Saves a change to one persona; true if the server took it. Refusals are shown and returned. */
  const save = async (id: string, patch: PersonaPatch): Promise<string | null> => {
    const c = board?.();
    if (c) {
      // Checked here as the store would, so a refusal shows at the field instead of after saving.
      const checked = personaRecord.patch.safeParse(patch);
      // Shown under the field it names: "A name cannot be empty.", not "name: a name cannot be empty.".
      if (!checked.success) return atField(describeZodError(checked.error, { top: 'persona' }), String(checked.error.issues[0]?.path[0] ?? ''));
      c.updatePersona(id, checked.data);
      publish(withBoardPersonas(c, mapRef.current));
      return null;
    }
    try {
      const saved = await api.call('personas.update', { id, ...patch });
      const m = mapRef.current;
      publish({ ...m, personas: m.personas.map((p) => (p.id === saved.id ? saved : p)) });
      return null;
    } catch (err) {
      showError(err);
      return messageOf(err);
    }
  };

  const setMapPersona = async (personaId: string | null) => {
    const c = board?.();
    if (c) {
      // One undo step on the board, saved through its queue.
      c.setMapPersona(personaId);
      publish(withBoardPersonas(c, mapRef.current));
      return;
    }
    setSettingPersona(true);
    try {
      const res = await api.call('maps.setPersona', { id: map.id, personaId });
      publish({ ...mapRef.current, personaId: res.personaId });
    } catch (err) {
      showError(err);
    } finally {
      setSettingPersona(false);
    }
  };

  const confirmDelete = async () => {
    const persona = deleting;
    if (!persona) return;
    setDeleteBusy(true);
    const c = board?.();
    if (c) {
      // The map lets go of it too, in the same undo step (undo brings the choice back).
      c.deletePersona(persona.id);
      publish(withBoardPersonas(c, mapRef.current));
      if (lensPersonaId === persona.id) onLensChange(null);
      setDeleteBusy(false);
      setDeleting(null);
      return;
    }
    try {
      await api.call('personas.delete', { id: persona.id });
      const m = mapRef.current;
      publish({
        ...m,
        personaId: m.personaId === persona.id ? null : m.personaId,
        personas: m.personas.filter((p) => p.id !== persona.id),
        // The server untags the notes; mirror it so the lens and counts agree.
        notes: m.notes.map((n) => (n.personaIds.includes(persona.id) ? { ...n, personaIds: n.personaIds.filter((x) => x !== persona.id) } : n)),
      });
      if (lensPersonaId === persona.id) onLensChange(null);
    } catch (err) {
      showError(err);
    } finally {
      setDeleteBusy(false);
      setDeleting(null);
    }
  };

  const onPanelKey = (e: ReactKeyboardEvent) => {
    // Escape in the delete dialog cancels the dialog only (its keys still stay off the board).
    if ((e.target as HTMLElement).closest('dialog')) return e.stopPropagation();
    sidePanelKeyDown(e, onClose);
  };

  const lensPersona = personas.find((p) => p.id === lensPersonaId) ?? null;

  return (
    <aside className="side-panel personas-panel" aria-labelledby={titleId} onKeyDown={onPanelKey} data-testid="personas-panel">
      <PanelHeader titleId={titleId} title="Personas" closeLabel="Close personas" onClose={onClose}>
        <button type="button" className="button primary personas-add" onClick={() => void add()} disabled={adding}>
          <PlusGlyph /> Add persona
        </button>
      </PanelHeader>

      {personas.length > 0 && (
        <div className="personas-map-for">
          <label htmlFor={selectId}>This map is for</label>
          <select
            id={selectId}
            value={map.personaId ?? ''}
            disabled={settingPersona}
            onChange={(e) => void setMapPersona(e.target.value || null)}
          >
            <option value="">No one in particular</option>
            {personas.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      )}

      {lensPersona && (
        <div className="personas-lens-bar" role="status">
          <span className="personas-lens-dot" style={{ background: PERSONA_BG[lensPersona.color] }} aria-hidden="true" />
          <span>
            Highlighting notes for <strong>{lensPersona.name}</strong>
          </span>
          <button type="button" className="personas-link" onClick={() => onLensChange(null)}>
            Turn off
          </button>
        </div>
      )}

      <div className="personas-list">
        {personas.length === 0 ? (
          <div className="personas-empty">
            <div className="personas-empty-art" aria-hidden="true">
              <span className="pe1" />
              <span className="pe2" />
              <span className="pe3" />
            </div>
            <h3>No personas yet</h3>
            <p>A persona says who this journey is for: their goals, needs and frustrations. Tag notes with a persona to see their path through the map.</p>
            <button type="button" className="button primary" onClick={() => void add()} disabled={adding}>
              Add the first persona
            </button>
          </div>
        ) : (
          <ul className="personas-cards">
            {personas.map((p) => (
              <PersonaCard
                key={p.id}
                persona={p}
                isMapPersona={map.personaId === p.id}
                lensOn={lensPersonaId === p.id}
                taggedCount={tagged.get(p.id) ?? 0}
                focusName={focusNameOf === p.id}
                onFocusedName={() => setFocusNameOf(null)}
                onSave={(patch) => save(p.id, patch)}
                onLens={() => onLensChange(lensPersonaId === p.id ? null : p.id)}
                onDelete={() => setDeleting(p)}
              />
            ))}
          </ul>
        )}
      </div>

      {deleting && (
        <Dialog
          title="Delete this persona?"
          confirmLabel="Delete persona"
          danger
          busy={deleteBusy}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setDeleting(null)}
        >
          <p>
            <strong>{deleting.name}</strong> will be removed from this map.{' '}
            {(tagged.get(deleting.id) ?? 0) > 0
              ? `The ${tagged.get(deleting.id) === 1 ? 'note' : `${tagged.get(deleting.id)} notes`} tagged with them stay on the board; they just lose the tag.`
              : 'No notes are tagged with them.'}
          </p>
        </Dialog>
      )}
    </aside>
  );
}

function PersonaCard({
  persona,
  isMapPersona,
  lensOn,
  taggedCount,
  focusName,
  onFocusedName,
  onSave,
  onLens,
  onDelete,
}: {
  persona: Persona;
  isMapPersona: boolean;
  lensOn: boolean;
  taggedCount: number;
  focusName: boolean;
  onFocusedName(): void;
  onSave(patch: PersonaPatch): Promise<string | null>;
  onLens(): void;
  onDelete(): void;
}) {
  const nameRef = useRef<HTMLInputElement | HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [photoBusy, setPhotoBusy] = useState(false);
  const cardLabel = useId();

  useEffect(() => {
    if (!focusName) return;
    nameRef.current?.focus();
    nameRef.current?.select();
    onFocusedName();
  }, [focusName, onFocusedName]);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setPhotoBusy(true);
    try {
      const photo = await photoDataUrl(file);
      await onSave({ photo });
    } catch (err) {
      showError(err);
    } finally {
      setPhotoBusy(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  return (
    <li className={`persona-card${lensOn ? ' lens-on' : ''}`} aria-labelledby={cardLabel} data-persona={persona.id}>
      <span id={cardLabel} className="visually-hidden">
        {persona.name}
      </span>
      <div className="persona-top">
        <button
          type="button"
          className="persona-photo-button"
          onClick={() => fileRef.current?.click()}
          onDragOver={(e) => {
            if (e.dataTransfer.types.includes('Files')) e.preventDefault();
          }}
          onDrop={(e) => {
            e.preventDefault();
            void onFile(e.dataTransfer.files[0]);
          }}
          disabled={photoBusy}
          aria-label={persona.photo ? `Change ${persona.name}’s photo` : `Add a photo of ${persona.name}, shown as ${initialsOf(persona.name)}`}
          title={persona.photo ? 'Change photo (or drop an image here)' : 'Add a photo (or drop an image here)'}
        >
          <PersonaAvatar persona={persona} size={56} />
          <span className="persona-photo-hint" aria-hidden="true">
            {photoBusy ? '…' : <CameraGlyph />}
          </span>
        </button>
        <input
          ref={fileRef}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          className="visually-hidden"
          tabIndex={-1}
          aria-label={`Photo file for ${persona.name}`}
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
        <div className="persona-id">
          <InlineField
            inputRef={nameRef}
            className="persona-name"
            label="Name"
            hideLabel
            wrap
            value={persona.name}
            placeholder="Name"
            onSave={(name) => onSave({ name })}
          />
          <InlineField className="persona-role" label="Role" hideLabel wrap value={persona.role} placeholder="Role, e.g. First-time buyer" onSave={(role) => onSave({ role })} />
          <div className="persona-badges">
            {isMapPersona && <span className="persona-badge map">This map’s persona</span>}
            <span className="persona-badge">{taggedCount === 1 ? '1 tagged note' : `${taggedCount} tagged notes`}</span>
          </div>
        </div>
        <div className="persona-tools">
          <button
            type="button"
            className={`icon-button persona-lens${lensOn ? ' on' : ''}`}
            aria-pressed={lensOn}
            aria-label={`Highlight ${persona.name}’s notes on the board`}
            title={lensOn ? 'Stop highlighting' : 'Highlight their notes'}
            onClick={onLens}
          >
            <EyeGlyph />
          </button>
          <button type="button" className="icon-button danger" aria-label={`Delete ${persona.name}`} title="Delete persona" onClick={onDelete}>
            <TrashGlyph />
          </button>
        </div>
      </div>

      <InlineField className="persona-quote" label="Quote" hideLabel multiline value={persona.quote} placeholder="A quote in their words" onSave={(quote) => onSave({ quote })} />
      <InlineField label="Goals" multiline value={persona.goals} placeholder="What they want to achieve" onSave={(goals) => onSave({ goals })} />
      <InlineField label="Needs" multiline value={persona.needs} placeholder="What they need from us" onSave={(needs) => onSave({ needs })} />
      <InlineField label="Frustrations" multiline value={persona.frustrations} placeholder="What gets in their way" onSave={(frustrations) => onSave({ frustrations })} />

      <div className="persona-foot">
        <div className="persona-colors" role="radiogroup" aria-label={`Colour for ${persona.name}`}>
          {NOTE_COLORS.map((c) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={persona.color === c}
              aria-label={COLOR_LABEL[c]}
              title={COLOR_LABEL[c]}
              tabIndex={persona.color === c ? 0 : -1}
              className="persona-swatch"
              style={{ background: PERSONA_BG[c] }}
              onClick={() => persona.color !== c && void onSave({ color: c })}
              onKeyDown={(e) => {
                const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
                if (!step) return;
                e.preventDefault();
                const next = NOTE_COLORS[(NOTE_COLORS.indexOf(c) + step + NOTE_COLORS.length) % NOTE_COLORS.length]!;
                const group = e.currentTarget.parentElement!;
                void onSave({ color: next }).then(() => (group.querySelector(`[aria-label="${COLOR_LABEL[next]}"]`) as HTMLElement | null)?.focus());
              }}
            />
          ))}
        </div>
        {persona.photo && (
          <button type="button" className="personas-link" onClick={() => void onSave({ photo: null })}>
            Remove photo
          </button>
        )}
      </div>
    </li>
  );
}

/**
 * A text field that looks like text until focused. Saves on blur when it changed (one API call);
 * Enter (Ctrl+Enter in a multi-line field) saves, Escape puts the saved text back. A refused save
 * keeps what was typed and says why under the field.
 */
function InlineField({
  label,
  hideLabel = false,
  value,
  placeholder,
  multiline = false,
  wrap = false,
  className = '',
  inputRef,
  onSave,
}: {
  label: string;
  hideLabel?: boolean;
  value: string;
  placeholder: string;
  /** Several lines: Enter breaks the line, Ctrl+Enter saves. */
  multiline?: boolean;
  /** One line of text that wraps when long (a textarea that refuses line breaks). */
  wrap?: boolean;
  className?: string;
  inputRef?: RefObject<HTMLInputElement | HTMLTextAreaElement | null>;
  onSave(value: string): Promise<string | null>;
}) {
  const id = useId();
  const errorId = useId();
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [focused, setFocused] = useState(false);
  const skipSave = useRef(false);
  const ownRef = useRef<HTMLInputElement | HTMLTextAreaElement>(null);
  const ref = inputRef ?? ownRef;

  // The saved value changed (this field's save, or elsewhere): show it unless the person is typing.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (!focused && !error) setDraft(value);
  }

  const commit = async () => {
    setFocused(false);
    if (skipSave.current) {
      skipSave.current = false;
      return;
    }
    if (draft === value) {
      setError(null);
      return;
    }
    setSaving(true);
    const refusal = await onSave(draft);
    setSaving(false);
    setError(refusal);
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      skipSave.current = true;
      setDraft(value);
      setError(null);
      e.currentTarget.blur();
    } else if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.currentTarget.blur();
    }
  };

  const common = {
    id,
    className: `inline-input${error ? ' invalid' : ''}${saving ? ' saving' : ''}`,
    value: draft,
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    onChange: (e: { target: { value: string } }) => setDraft(multiline ? e.target.value : e.target.value.replace(/[\r\n]+/g, ' ')),
    onFocus: () => setFocused(true),
    onBlur: () => void commit(),
    onKeyDown,
  };

  return (
    <div className={`inline-field ${className}`}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'inline-label'}>
        {label}
      </label>
      {multiline || wrap ? (
        <textarea ref={ref as RefObject<HTMLTextAreaElement>} rows={1} {...common} />
      ) : (
        <input ref={ref as RefObject<HTMLInputElement>} type="text" {...common} />
      )}
      {error && (
        <p id={errorId} className="inline-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function PlusGlyph() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" aria-hidden="true">
      <path d="M12 5 V19 M5 12 H19" />
    </svg>
  );
}

function EyeGlyph() {
  return (
    <svg width="17" height="17" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.9" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M2 12 C4.5 7 8 4.8 12 4.8 C16 4.8 19.5 7 22 12 C19.5 17 16 19.2 12 19.2 C8 19.2 4.5 17 2 12 Z M15 12 A3 3 0 1 1 9 12 A3 3 0 1 1 15 12 Z" />
    </svg>
  );
}

function TrashGlyph() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.9" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M4 6.5 H20 M9.5 6.5 V4.5 H14.5 V6.5 M6.5 6.5 L7.5 20 H16.5 L17.5 6.5 M10.5 10.5 V16 M13.5 10.5 V16" />
    </svg>
  );
}

function CameraGlyph() {
  return (
    <svg width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M4 7.5 H7.5 L9 5 H15 L16.5 7.5 H20 A1.5 1.5 0 0 1 21.5 9 V18 A1.5 1.5 0 0 1 20 19.5 H4 A1.5 1.5 0 0 1 2.5 18 V9 A1.5 1.5 0 0 1 4 7.5 Z M15.5 13 A3.5 3.5 0 1 1 8.5 13 A3.5 3.5 0 1 1 15.5 13 Z" />
    </svg>
  );
}
