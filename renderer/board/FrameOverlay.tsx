import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { ADD_STAGE_GAP, FRAME_BELOW_GAP } from '../../shared/board/fit';
import { FRAME_ORIGIN } from '../../shared/journey';
import { runAction } from '../actions/registry';
import type { Rect } from '../../shared/board/camera';
import type { BoardController, HeaderRef } from './BoardController';
import { SELECTION } from './theme';
import { useWorldLayer } from './worldLayer';

/** The least screen gap (px) between "+ Stage" and the last stage's header, at any zoom. */
export const ADD_STAGE_GAP_PX = 12;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif';

/** Counter-scaled: the element keeps its screen size at any zoom (`--inv` is 1 / zoom). */
const fixedSize: CSSProperties = { position: 'absolute', transform: 'scale(var(--inv))', transformOrigin: '0 0', pointerEvents: 'auto' };

const pill: CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  gap: 6,
  height: 32,
  padding: '0 12px',
  border: '1px dashed var(--accent)',
  borderRadius: 999,
  background: 'var(--surface)',
  color: 'var(--accent-text)',
  font: `600 13px ${FONT}`,
  cursor: 'pointer',
  whiteSpace: 'nowrap',
};

/**
 * DOM parts of the journey frame that sit on the board: "+ Stage" at the end of the header row,
 * "+ Lane" under the last lane, a header's menu and the in-place editor of a header's name or
 * description. Everything is placed in board units inside one element that follows the camera
 * (its transform is set on every camera move, with no React render); buttons and the menu are
 * counter-scaled so they keep their size, the editor scales with the header it covers.
 */
export function FrameOverlay({ controller }: { controller: BoardController }) {
  useStore(controller.ui, (s) => s.frameVersion);
  const menu = useStore(controller.ui, (s) => s.headerMenu);
  const edit = useStore(controller.ui, (s) => s.headerEdit);
  // On an empty board the empty-board hint (Hud.tsx) holds these buttons, under its text.
  const hintShown = useStore(controller.ui, (s) => s.noteCount === 0 && s.editing === null);

  const root = useWorldLayer<HTMLDivElement>(controller);

  const frame = controller.frame;
  const hasStages = controller.stages.length > 0;
  const hasLanes = controller.lanes.length > 0;

  return (
    <div ref={root} data-testid="frame-overlay" style={{ position: 'absolute', left: 0, top: 0, width: 0, height: 0, transformOrigin: '0 0', pointerEvents: 'none', zIndex: 4 }}>
      {frame ? (
        <>
          {frame.columns.map((col) => (
            <HeaderButton key={col.stageId} controller={controller} target={{ type: 'stage', id: col.stageId }} rect={col.header} open={menu?.type === 'stage' && menu.id === col.stageId} />
          ))}
          {frame.rows.map((row) => (
            <HeaderButton key={row.laneId} controller={controller} target={{ type: 'lane', id: row.laneId }} rect={row.header} open={menu?.type === 'lane' && menu.id === row.laneId} />
          ))}
          <button
            type="button"
            data-testid="frame-add-stage"
            title="Add a stage at the end of the journey"
            onClick={() => runAction('board.stage.add')}
            // At least ADD_STAGE_GAP_PX on screen from the last stage's header: far out (12 %) the
            // board-unit gap alone shrank to 2 px and the pill sat against the headers.
            style={{ ...fixedSize, ...pill, left: `calc(${frame.rect.x + frame.rect.width}px + max(${ADD_STAGE_GAP}px, ${ADD_STAGE_GAP_PX}px * var(--inv)))`, top: frame.rect.y + frame.stageHeaderHeight / 2, transform: 'scale(var(--inv)) translateY(-50%)' }}
          >
            + Stage
          </button>
          <button
            type="button"
            data-testid="frame-add-lane"
            title="Add a lane under the last one"
            onClick={() => runAction('board.lane.add')}
            style={{ ...fixedSize, ...pill, left: frame.rect.x + 12, top: frame.rect.y + frame.rect.height + FRAME_BELOW_GAP }}
          >
            + Lane
          </button>
        </>
      ) : (hasStages || hasLanes) && !hintShown ? (
        <div style={{ ...fixedSize, left: FRAME_ORIGIN.x, top: FRAME_ORIGIN.y, display: 'flex', gap: 8 }}>
          <StartFrameButtons hasStages={hasStages} hasLanes={hasLanes} />
        </div>
      ) : null}
      {menu && <HeaderMenu key={`${menu.type}:${menu.id}`} controller={controller} target={menu} />}
      {edit && <HeaderEditor key={`${edit.type}:${edit.id}:${edit.field}`} controller={controller} target={edit} field={edit.field} />}
    </div>
  );
}

/**
 * "+ Add a stage" / "+ Add a lane" while the map has lanes or stages but no frame yet. On an empty
 * board they sit in the empty-board hint, under its text (placed in the world at the frame's
 * origin they covered the hint's text); otherwise at the frame's origin.
 */
export function StartFrameButtons({ hasStages, hasLanes }: { hasStages: boolean; hasLanes: boolean }) {
  return (
    <>
      {!hasStages && (
        <button type="button" data-testid="frame-add-stage" style={pill} onClick={() => runAction('board.stage.add')} title="Start the journey frame with a first stage">
          + Add a stage
        </button>
      )}
      {!hasLanes && (
        <button type="button" data-testid="frame-add-lane" style={pill} onClick={() => runAction('board.lane.add')} title="Add a lane to the journey frame">
          + Add a lane
        </button>
      )}
    </>
  );
}

/**
 * A stage's or lane's header as a button for the keyboard (Tab, then Enter or Space opens the same
 * menu as a click on the header). It lies over the header drawn on the canvas, shows only its focus
 * ring, and lets the pointer through to the canvas, so dragging and clicking headers are unchanged.
 * Focus comes back to it when its menu closes with nothing else focused.
 */
function HeaderButton({ controller, target, rect, open }: { controller: BoardController; target: HeaderRef; rect: Rect; open: boolean }) {
  const ref = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(open);
  useEffect(() => {
    const active = document.activeElement;
    if (wasOpen.current && !open && (active === null || active === document.body)) ref.current?.focus({ preventScroll: true });
    wasOpen.current = open;
  }, [open]);
  const stage = target.type === 'stage' ? controller.stages.find((s) => s.id === target.id) : undefined;
  const lane = target.type === 'lane' ? controller.lanes.find((l) => l.id === target.id) : undefined;
  const name = (stage?.name ?? lane?.name ?? '').trim() || 'Untitled';
  return (
    <button
      ref={ref}
      type="button"
      data-testid={`header-button-${target.type}-${target.id}`}
      aria-label={`${target.type === 'stage' ? 'Stage' : 'Lane'}: ${name}`}
      aria-haspopup="menu"
      aria-expanded={open}
      onClick={() => controller.openHeaderMenu(open ? null : target)}
      onFocus={(e) => {
        // Tab onto a header out of view: the camera pans to it (the browser would scroll the board's box instead).
        const box = e.currentTarget.closest<HTMLElement>('[data-testid="board"]');
        if (box) box.scrollTop = box.scrollLeft = 0;
        const view = controller.viewArea();
        if (view) controller.setCamera({ ...controller.camera, ...panTo(view.rect, rect, 24 / view.zoom) });
      }}
      style={{
        position: 'absolute',
        left: rect.x,
        top: rect.y,
        width: rect.width,
        height: rect.height,
        margin: 0,
        padding: 0,
        border: 'none',
        borderRadius: 8,
        background: 'transparent',
        // The focus ring (base.css) keeps its screen width at any zoom.
        outlineWidth: 'calc(3px * var(--inv))',
        outlineOffset: 'calc(-3px * var(--inv))',
        pointerEvents: 'none',
      }}
    />
  );
}

/** The camera's top-left that shows `rect` (as much as fits, from its top-left) with the least move. */
export function panTo(view: Rect, rect: Rect, margin: number): { x: number; y: number } {
  const axis = (at: number, size: number, from: number, length: number) => {
    if (from >= at && from + length <= at + size) return at;
    if (from < at || length + 2 * margin > size) return from - margin;
    return from + length + margin - size;
  };
  return { x: axis(view.x, view.width, rect.x, rect.width), y: axis(view.y, view.height, rect.y, rect.height) };
}

function MenuItem({ testId, onClick, danger, children }: { testId: string; onClick: () => void; danger?: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      role="menuitem"
      data-testid={testId}
      onClick={onClick}
      style={{
        display: 'block',
        width: '100%',
        textAlign: 'left',
        padding: '7px 12px',
        border: 'none',
        borderRadius: 6,
        background: 'transparent',
        font: `500 13px ${FONT}`,
        color: danger ? 'var(--danger)' : 'var(--ink-2)',
        cursor: 'pointer',
      }}
      onMouseEnter={(e) => (e.currentTarget.style.background = danger ? 'var(--danger-soft)' : 'var(--hover)')}
      onMouseLeave={(e) => (e.currentTarget.style.background = 'transparent')}
    >
      {children}
    </button>
  );
}

/** A header's menu, under the header: rename, description, add, collapse, emotion, delete. */
function HeaderMenu({ controller, target }: { controller: BoardController; target: HeaderRef }) {
  const [confirming, setConfirming] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, [confirming]);
  const rect = controller.headerRect(target);
  const stage = target.type === 'stage' ? controller.stages.find((s) => s.id === target.id) : undefined;
  const lane = target.type === 'lane' ? controller.lanes.find((l) => l.id === target.id) : undefined;
  if (!rect || (!stage && !lane)) return null;
  const name = stage?.name ?? lane?.name ?? '';
  const close = () => controller.openHeaderMenu(null);
  const freed = controller.notesIn(target);
  const what = target.type === 'stage' ? 'stage' : 'lane';
  return (
    <div
      ref={ref}
      // The delete confirmation is a small alert dialog in the same place, not menu items.
      role={confirming ? 'alertdialog' : 'menu'}
      tabIndex={-1}
      data-testid="header-menu"
      aria-label={confirming ? `Delete ${what} “${name}”?` : `${what === 'stage' ? 'Stage' : 'Lane'} ${name}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
      onPointerDown={(e) => e.stopPropagation()}
      style={{
        ...fixedSize,
        left: target.type === 'stage' ? rect.x + 8 : rect.x + rect.width - 12,
        top: target.type === 'stage' ? rect.y + rect.height - 4 : rect.y + 8,
        minWidth: 210,
        maxWidth: 280,
        padding: 6,
        background: 'var(--surface)',
        border: '1px solid var(--line)',
        borderRadius: 10,
        boxShadow: 'var(--shadow-2)',
        outline: 'none',
        zIndex: 8,
      }}
    >
      {confirming ? (
        <div style={{ padding: '6px 8px', font: `13px/1.45 ${FONT}`, color: 'var(--ink-2)' }}>
          <div style={{ fontWeight: 600, marginBottom: 4 }}>
            Delete {what} “{name}”?
          </div>
          <div style={{ color: 'var(--ink-3)', marginBottom: 10 }}>
            {freed === 0 ? `It has no notes.` : `Its ${freed === 1 ? 'note goes' : `${freed} notes go`} back to the free board beside the frame.`}
          </div>
          <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
            <button type="button" data-testid="header-menu-cancel" onClick={close} style={{ ...pill, border: '1px solid var(--line-strong)', background: 'var(--surface)', color: 'var(--ink-2)', height: 30 }}>
              Cancel
            </button>
            <button
              type="button"
              data-testid="header-menu-confirm-delete"
              onClick={() => runAction('board.header.delete')}
              style={{ ...pill, border: 'none', background: 'var(--danger)', color: 'var(--danger-ink)', height: 30 }}
            >
              Delete {what}
            </button>
          </div>
        </div>
      ) : (
        <>
          <MenuItem testId="header-menu-rename" onClick={() => runAction('board.header.rename')}>
            Rename
          </MenuItem>
          {stage && (
            <MenuItem testId="header-menu-description" onClick={() => runAction('board.header.describe')}>
              {stage.description ? 'Edit description' : 'Add a description'}
            </MenuItem>
          )}
          {stage && (
            <MenuItem testId="header-menu-goal" onClick={() => controller.editHeader({ type: 'stage', id: stage.id }, 'goal')}>
              {stage.goal ? 'Edit customer’s goal' : 'Add the customer’s goal'}
            </MenuItem>
          )}
          {stage ? (
            <MenuItem
              testId="header-menu-add"
              onClick={() => runAction('board.header.addAfter')}
            >
              Add stage after
            </MenuItem>
          ) : (
            <MenuItem
              testId="header-menu-add"
              onClick={() => runAction('board.header.addAfter')}
            >
              Add lane below
            </MenuItem>
          )}
          {lane && (
            <MenuItem
              testId="header-menu-collapse"
              onClick={() => runAction('board.header.collapse')}
            >
              {lane.collapsed ? 'Expand lane' : 'Collapse lane'}
            </MenuItem>
          )}
          {stage && stage.emotion !== null && (
            <MenuItem
              testId="header-menu-reset-emotion"
              onClick={() => runAction('board.header.resetEmotion')}
            >
              {/* Back to the room's mean when participants scored the stage, else to the notes' (issue 14). */}
              {controller.emotions.some((e) => e.stageId === stage.id && e.room) ? 'Reset emotion to the room’s mean' : 'Reset emotion to derived'}
            </MenuItem>
          )}
          <div style={{ height: 1, background: 'var(--line)', margin: '4px 2px' }} />
          <MenuItem testId="header-menu-delete" danger onClick={() => setConfirming(true)}>
            Delete {what}…
          </MenuItem>
        </>
      )}
    </div>
  );
}

/** An input over a header's name (or a stage's description). Enter or leaving saves, Escape cancels. */
function HeaderEditor({ controller, target, field }: { controller: BoardController; target: HeaderRef; field: 'name' | 'description' | 'goal' }) {
  const stage = target.type === 'stage' ? controller.stages.find((s) => s.id === target.id) : undefined;
  const lane = target.type === 'lane' ? controller.lanes.find((l) => l.id === target.id) : undefined;
  const initial = (field === 'description' ? stage?.description : field === 'goal' ? stage?.goal : (stage?.name ?? lane?.name)) ?? '';
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus({ preventScroll: true });
    input.current?.select();
  }, []);
  const rect = controller.headerRect(target);
  if (!rect || (!stage && !lane)) return null;
  const finish = (save: boolean) => {
    if (done.current) return;
    done.current = true;
    controller.ui.setState({ headerEdit: null });
    if (save && value !== initial) void controller.renameHeader(target, field, value);
  };
  // Where drawFrame writes the text: after the chevron's notch on every stage but the first.
  const inset = stage && controller.stages.indexOf(stage) > 0 ? 28 : 14;
  const box: CSSProperties =
    target.type === 'stage'
      ? field === 'name'
        ? { left: rect.x + inset, top: rect.y + 30, width: rect.width - inset - 30, height: 26, font: `650 17px ${FONT}` }
        : field === 'goal'
          ? { left: rect.x + inset, top: rect.y + rect.height - 30, width: rect.width - inset - 30, height: 22, font: `600 12px ${FONT}` }
          : { left: rect.x + inset, top: rect.y + 54, width: rect.width - inset - 30, height: 22, font: `400 12px ${FONT}` }
      : { left: rect.x + 14, top: rect.y + 12, width: rect.width - 26, height: 28, font: `650 15px ${FONT}` };
  return (
    <input
      ref={input}
      data-testid="header-editor"
      aria-label={field === 'description' ? 'Stage description' : field === 'goal' ? 'Customer’s goal at this stage' : target.type === 'stage' ? 'Stage name' : 'Lane name'}
      value={value}
      maxLength={field === 'description' ? 300 : field === 'goal' ? 500 : 100}
      placeholder={field === 'description' ? 'One line about this stage' : field === 'goal' ? 'What the customer wants here' : 'Name'}
      spellCheck={false}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
          e.preventDefault();
          finish(true);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          finish(false);
        }
      }}
      onBlur={() => finish(true)}
      onPointerDown={(e) => e.stopPropagation()}
      style={{
        position: 'absolute',
        ...box,
        boxSizing: 'border-box',
        padding: '0 6px',
        margin: 0,
        border: 'none',
        borderRadius: 6,
        outline: `2px solid ${SELECTION}`,
        background: 'var(--surface)',
        color: 'var(--ink)',
        pointerEvents: 'auto',
        zIndex: 9,
      }}
    />
  );
}
