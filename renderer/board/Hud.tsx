import type { CSSProperties, ReactNode } from 'react';
import { useStore } from 'zustand';
import { CHANNELS, CHANNEL_LABELS, NOTE_COLORS } from '../../shared/domain';
import { allHaveChannel } from '../../shared/board/frameDrop';
import { allHavePersona, personaInitials } from '../../shared/board/personas';
import { ChannelIcon } from '../journey/ChannelIcon';
import { runAction } from '../actions/registry';
import { tooltip } from './actions';
import type { BoardController } from './BoardController';
import { StartFrameButtons } from './FrameOverlay';
import { NOTE_EDGE, NOTE_RGB, SELECTION } from './theme';

const panel: CSSProperties = {
  position: 'absolute',
  display: 'flex',
  alignItems: 'center',
  gap: 4,
  padding: 6,
  background: 'var(--surface)',
  borderRadius: 12,
  boxShadow: 'var(--shadow-2)',
  border: '1px solid var(--line)',
  font: '13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  color: 'var(--ink-2)',
  userSelect: 'none',
  zIndex: 10,
};

function IconButton(props: { testId: string; label: string; active?: boolean; disabled?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      data-testid={props.testId}
      title={props.label}
      aria-label={props.label}
      aria-pressed={props.active}
      disabled={props.disabled}
      onClick={props.onClick}
      onPointerDown={(e) => e.preventDefault()}
      style={{
        width: 34,
        height: 34,
        display: 'grid',
        placeItems: 'center',
        border: 'none',
        borderRadius: 8,
        cursor: props.disabled ? 'default' : 'pointer',
        background: props.active ? 'var(--accent-soft)' : 'transparent',
        color: props.active ? 'var(--accent-text)' : props.disabled ? 'var(--line-strong)' : 'var(--ink-2)',
        padding: 0,
      }}
    >
      {props.children}
    </button>
  );
}

const svg = (d: ReactNode) => (
  <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
    {d}
  </svg>
);

const Sep = () => <div style={{ width: 1, alignSelf: 'stretch', background: 'var(--line)', margin: '2px 4px' }} />;

/** The floating toolbar: tools, new note, colours, undo/redo. Buttons run registered actions. */
export function Toolbar({ controller }: { controller: BoardController }) {
  const tool = useStore(controller.ui, (s) => s.tool);
  const color = useStore(controller.ui, (s) => s.color);
  const canUndo = useStore(controller.ui, (s) => s.canUndo);
  const canRedo = useStore(controller.ui, (s) => s.canRedo);
  return (
    <div data-testid="board-toolbar" role="toolbar" aria-label="Board tools" style={{ ...panel, top: 14, left: '50%', transform: 'translateX(-50%)' }}>
      <IconButton testId="tool-select" label={tooltip('board.tool.select')} active={tool === 'select'} onClick={() => runAction('board.tool.select')}>
        {svg(<path d="M5 3l14 8-6 1.5L10 19z" />)}
      </IconButton>
      <IconButton testId="tool-hand" label={tooltip('board.tool.hand', undefined, 'hold Space')} active={tool === 'hand'} onClick={() => runAction('board.tool.hand')}>
        {svg(<path d="M8 12V5.5a1.5 1.5 0 013 0V11m0-6.5a1.5 1.5 0 013 0V11m0-5a1.5 1.5 0 013 0v7c0 4-2.5 7-6 7-2.5 0-4-1.2-5.5-3.5L4 13.5a1.5 1.5 0 012.4-1.8L8 13.5" />)}
      </IconButton>
      <Sep />
      <IconButton testId="tool-note" label={tooltip('board.note.new', undefined, 'double-click the board')} onClick={() => runAction('board.note.newCentered')}>
        {svg(
          <>
            <path d="M4 4h16v11l-5 5H4z" />
            <path d="M15 20v-5h5" />
          </>,
        )}
      </IconButton>
      <div style={{ display: 'flex', gap: 3, padding: '0 4px' }}>
        {NOTE_COLORS.map((c) => (
          <button
            key={c}
            type="button"
            data-testid={`color-${c}`}
            title={`Colour: ${c}`}
            aria-label={`Colour ${c}`}
            aria-pressed={color === c}
            onPointerDown={(e) => e.preventDefault()}
            onClick={() => runAction(`board.color.${c}`)}
            style={{
              width: 22,
              height: 22,
              borderRadius: 6,
              cursor: 'pointer',
              padding: 0,
              background: NOTE_RGB[c],
              border: `1px solid ${NOTE_EDGE[c]}`,
              boxShadow: color === c ? `0 0 0 2px var(--surface), 0 0 0 4px ${SELECTION}` : 'none',
              margin: 2,
            }}
          />
        ))}
      </div>
      <Sep />
      <IconButton testId="undo" label={tooltip('edit.undo')} disabled={!canUndo} onClick={() => runAction('edit.undo')}>
        {svg(<path d="M9 14L4 9l5-5M4 9h10a6 6 0 010 12h-3" />)}
      </IconButton>
      <IconButton testId="redo" label={tooltip('edit.redo')} disabled={!canRedo} onClick={() => runAction('edit.redo')}>
        {svg(<path d="M15 14l5-5-5-5M20 9H10a6 6 0 000 12h3" />)}
      </IconButton>
    </div>
  );
}

/** Zoom out / percentage (click: 100%) / zoom in / fit all. */
export function ZoomControl({ controller }: { controller: BoardController }) {
  const zoom = useStore(controller.ui, (s) => s.camera.zoom);
  return (
    <div data-testid="zoom-control" style={{ ...panel, left: 14, bottom: 14, gap: 2, padding: 4 }}>
      <IconButton testId="zoom-out" label={tooltip('view.zoomOut')} onClick={() => runAction('view.zoomOut')}>
        {svg(<path d="M5 12h14" />)}
      </IconButton>
      <button
        type="button"
        data-testid="zoom-percent"
        title={tooltip('view.zoom100')}
        onPointerDown={(e) => e.preventDefault()}
        onClick={() => runAction('view.zoom100')}
        style={{ minWidth: 52, height: 30, border: 'none', background: 'transparent', font: 'inherit', fontVariantNumeric: 'tabular-nums', color: 'var(--ink-2)', cursor: 'pointer', borderRadius: 8 }}
      >
        {Math.round(zoom * 100)}%
      </button>
      <IconButton testId="zoom-in" label={tooltip('view.zoomIn')} onClick={() => runAction('view.zoomIn')}>
        {svg(<path d="M5 12h14M12 5v14" />)}
      </IconButton>
      <Sep />
      <IconButton testId="zoom-fit" label={tooltip('view.zoomFit')} onClick={() => runAction('view.zoomFit')}>
        {svg(<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />)}
      </IconButton>
    </div>
  );
}

/**
 * Saved / Saving… / Couldn't save — retrying; after the store refused a change for good, the one
 * sentence saying what could not be saved and why (until the next edit is being saved).
 */
export function SaveStatusPill({ controller }: { controller: BoardController }) {
  const status = useStore(controller.ui, (s) => s.saveStatus);
  const error = useStore(controller.ui, (s) => s.saveError);
  const notice = useStore(controller.ui, (s) => s.saveNotice);
  const look = {
    saved: { text: 'Saved', dot: '#12b76a', bg: 'var(--surface)', fg: 'var(--ink-2)' },
    saving: { text: 'Saving…', dot: '#f79009', bg: 'var(--surface)', fg: 'var(--ink-2)' },
    error: { text: 'Couldn’t save — retrying', dot: '#f04438', bg: 'var(--danger-soft)', fg: 'var(--danger)' },
  }[status];
  return (
    <div
      data-testid="save-status"
      data-status={status}
      role="status"
      aria-live="polite"
      title={error ?? notice ?? undefined}
      data-notice={notice && status !== 'error' ? 'refused' : undefined}
      style={{ ...panel, top: 14, right: 14, padding: '6px 12px', borderRadius: 999, gap: 8, background: look.bg, color: look.fg, maxWidth: 420 }}
    >
      <span style={{ width: 8, height: 8, borderRadius: 4, background: notice && status === 'saved' ? '#f79009' : look.dot, flex: 'none' }} />
      {notice && status !== 'error' ? notice : look.text}
    </div>
  );
}

/** What to do on an empty board, centred and quiet. */
export function EmptyHint({ controller }: { controller: BoardController }) {
  const empty = useStore(controller.ui, (s) => s.noteCount === 0 && s.editing === null);
  useStore(controller.ui, (s) => s.frameVersion);
  if (!empty || controller.frame) return null;
  return (
    <div
      data-testid="board-empty-hint"
      style={{
        position: 'absolute',
        left: '50%',
        top: '50%',
        transform: 'translate(-50%, -50%)',
        textAlign: 'center',
        color: 'var(--ink-3)',
        font: '15px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        pointerEvents: 'none',
        userSelect: 'none',
        background: 'var(--header-glass)',
        padding: '14px 22px',
        borderRadius: 14,
      }}
    >
      <div style={{ fontSize: 17, color: 'var(--ink-2)', marginBottom: 4 }}>An empty board</div>
      Double-click anywhere or press <Kbd>N</Kbd> to add a sticky note,
      <br />
      type, then <Kbd>Enter</Kbd> for the next one.
      {(controller.stages.length > 0 || controller.lanes.length > 0) && (
        <div style={{ display: 'flex', justifyContent: 'center', gap: 8, marginTop: 12, pointerEvents: 'auto' }}>
          <StartFrameButtons hasStages={controller.stages.length > 0} hasLanes={controller.lanes.length > 0} />
        </div>
      )}
    </div>
  );
}

function Kbd({ children }: { children: ReactNode }) {
  return (
    <kbd style={{ font: '12px ui-monospace, monospace', padding: '1px 6px', border: '1px solid var(--line-strong)', borderBottomWidth: 2, borderRadius: 5, background: 'var(--surface)', color: 'var(--ink-2)' }}>
      {children}
    </kbd>
  );
}

/** With notes selected: toggle the channels they happen in (one undo step per click). */
export function ChannelPicker({ controller }: { controller: BoardController }) {
  const count = useStore(controller.ui, (s) => s.selectionCount);
  const editing = useStore(controller.ui, (s) => s.editing);
  useStore(controller.ui, (s) => s.docVersion);
  if (count === 0 || editing) return null;
  const notes = controller.selectedNotes();
  return (
    <div data-testid="channel-picker" role="toolbar" aria-label="Channels of the selected notes" style={{ ...panel, bottom: 14, left: '50%', transform: 'translateX(-50%)', gap: 2, padding: 4 }}>
      <span style={{ padding: '0 8px 0 6px', color: 'var(--ink-3)', fontSize: 12 }}>Channels</span>
      {CHANNELS.map((ch) => {
        const on = allHaveChannel(notes, ch);
        const some = !on && notes.some((n) => n.channels.includes(ch));
        return (
          <IconButton key={ch} testId={`channel-${ch}`} label={`${CHANNEL_LABELS[ch]}${on ? ' (on)' : some ? ' (some)' : ''}`} active={on} onClick={() => controller.toggleChannel(ch)}>
            <span style={{ display: 'grid', placeItems: 'center', opacity: on || some ? 1 : 0.55 }}>
              <ChannelIcon channel={ch} size={18} />
            </span>
          </IconButton>
        );
      })}
      {controller.frame && (
        <button
          type="button"
          data-testid="move-to-cell"
          title={tooltip('board.note.moveToCell')}
          aria-haspopup="dialog"
          onClick={() => runAction('board.note.moveToCell')}
          style={{ height: 34, padding: '0 10px', marginLeft: 4, border: 'none', borderRadius: 8, cursor: 'pointer', background: 'transparent', color: 'var(--ink-2)', font: 'inherit', whiteSpace: 'nowrap' }}
        >
          Move to cell…
        </button>
      )}
    </div>
  );
}

/**
 * With notes selected and the map having personas: one button per persona (initials on its colour
 * and its name) that toggles it on all the selected notes, one undo step.
 */
export function PersonaPicker({ controller }: { controller: BoardController }) {
  const count = useStore(controller.ui, (s) => s.selectionCount);
  const editing = useStore(controller.ui, (s) => s.editing);
  const personas = useStore(controller.ui, (s) => s.personas);
  useStore(controller.ui, (s) => s.docVersion);
  if (count === 0 || editing || personas.length === 0) return null;
  const notes = controller.selectedNotes();
  return (
    <div
      data-testid="persona-picker"
      role="toolbar"
      aria-label="Personas of the selected notes"
      style={{ ...panel, bottom: 62, left: '50%', transform: 'translateX(-50%)', gap: 2, padding: 4, maxWidth: 'calc(100% - 280px)', overflowX: 'auto' }}
    >
      <span style={{ padding: '0 8px 0 6px', color: 'var(--ink-3)', fontSize: 12 }}>Personas</span>
      {personas.map((p) => {
        const on = allHavePersona(notes, p.id);
        const some = !on && notes.some((n) => n.personaIds.includes(p.id));
        const name = p.name.trim() || 'Unnamed persona';
        return (
          <button
            key={p.id}
            type="button"
            data-testid={`persona-${p.id}`}
            title={`${name}${on ? ' (on)' : some ? ' (some)' : ''}`}
            aria-pressed={on}
            onClick={() => controller.togglePersona(p.id)}
            onPointerDown={(e) => e.preventDefault()}
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 6,
              height: 34,
              padding: '0 10px 0 4px',
              border: 'none',
              borderRadius: 8,
              cursor: 'pointer',
              background: on ? 'var(--accent-soft)' : 'transparent',
              color: on ? 'var(--accent-text)' : 'var(--ink-2)',
              font: 'inherit',
              whiteSpace: 'nowrap',
              opacity: on || some ? 1 : 0.7,
            }}
          >
            <span
              aria-hidden
              style={{
                width: 24,
                height: 24,
                borderRadius: '50%',
                display: 'grid',
                placeItems: 'center',
                background: NOTE_RGB[p.color] ?? NOTE_RGB.gray,
                border: `1px solid ${NOTE_EDGE[p.color] ?? NOTE_EDGE.gray}`,
                color: '#22262b',
                fontSize: 10,
                fontWeight: 600,
                boxShadow: on ? `0 0 0 2px ${SELECTION}` : some ? `0 0 0 2px #b8c9f5` : 'none',
              }}
            >
              {personaInitials(name)}
            </span>
            <span style={{ maxWidth: 120, overflow: 'hidden', textOverflow: 'ellipsis' }}>{name}</span>
          </button>
        );
      })}
    </div>
  );
}
