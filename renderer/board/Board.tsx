import { useEffect, useRef, useState } from 'react';
import type Konva from 'konva';
import { Layer, Rect, Shape, Stage, Transformer } from 'react-konva';
import type { JourneyboardApi } from '../../shared/api';
import type { JourneyMap, Persona } from '../../shared/domain';
import { api as defaultApi } from '../api/client';
import { registerActions, runAction } from '../actions/registry';
import { actionForKey, boardActions, isTextTarget, nudgeForKey } from './actions';
import { BoardController, type BoardTestHook } from './BoardController';
import { ChannelPicker, EmptyHint, PersonaPicker, SaveStatusPill, Toolbar, ZoomControl } from './Hud';
import { CellPicker } from './CellPicker';
import { FrameOverlay } from './FrameOverlay';
import { Minimap } from './Minimap';
import { NoteEditor } from './NoteEditor';
import { useDark } from '../styles/theme';
import { boardPalette, SELECTION, setBoardDark } from './theme';

declare global {
  interface Window {
    /** The mounted board's test hook (renderer/board/README.md). */
    __journeyboardBoard?: BoardTestHook;
  }
}

/**
 * The infinite whiteboard for one map. Fills its absolutely-positioned parent. The map screen
 * keys it by map id, so one instance shows one map for its whole life.
 */
export function Board({
  map,
  api = defaultApi,
  onController,
  personas,
  lensPersonaId = null,
}: {
  map: JourneyMap;
  /**
   * The map's personas as the panel has them now (defaults to `map.personas`). A persona missing
   * from a new list was deleted: the board drops it from its notes (the store has already).
   */
  personas?: Persona[];
  /** The persona lens: notes tagged with this persona are drawn normally, the others dimmed. */
  lensPersonaId?: string | null;
  /** Defaults to the app's api client; tests pass a fake. */
  api?: JourneyboardApi;
  /** Hands the engine to a test harness. */
  onController?: (controller: BoardController) => void;
}) {
  const [controller] = useState(() => new BoardController(map, api));
  // The canvas follows the page's theme (exports stay light: they never read the board palette).
  const dark = useDark();
  setBoardDark(dark);
  const firstTheme = useRef(true);
  useEffect(() => {
    if (firstTheme.current) {
      firstTheme.current = false;
      return;
    }
    controller.themeChanged();
  }, [controller, dark]);
  useEffect(() => {
    onController?.(controller);
  }, [controller, onController]);
  useEffect(() => {
    if (personas) controller.setPersonas(personas);
  }, [controller, personas]);
  useEffect(() => {
    controller.setLens(lensPersonaId);
  }, [controller, lensPersonaId]);
  const host = useRef<HTMLDivElement>(null);
  const stage = useRef<Konva.Stage>(null);
  const frameLayer = useRef<Konva.Layer>(null);
  const frameShape = useRef<Konva.Shape>(null);
  const staticLayer = useRef<Konva.Layer>(null);
  const staticShape = useRef<Konva.Shape>(null);
  const liveLayer = useRef<Konva.Layer>(null);
  const liftShape = useRef<Konva.Shape>(null);
  const selectionShape = useRef<Konva.Shape>(null);
  const proxy = useRef<Konva.Rect>(null);
  const transformer = useRef<Konva.Transformer>(null);
  const marquee = useRef<Konva.Rect>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const measure = () => {
      const next = { width: el.clientWidth, height: el.clientHeight };
      setSize(next);
      controller.setViewport(next.width, next.height);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [controller]);

  useEffect(() => {
    const parts = {
      stage: stage.current,
      frameLayer: frameLayer.current,
      frameShape: frameShape.current,
      staticLayer: staticLayer.current,
      staticShape: staticShape.current,
      liveLayer: liveLayer.current,
      liftShape: liftShape.current,
      selectionShape: selectionShape.current,
      proxy: proxy.current,
      transformer: transformer.current,
      marquee: marquee.current,
    };
    if (!host.current || Object.values(parts).some((p) => !p)) return;
    controller.attach(parts as { [K in keyof typeof parts]: NonNullable<(typeof parts)[K]> }, host.current);
    const unregister = registerActions(boardActions(controller));

    const boardEl = host.current;
    /** Keys and clipboard events are the board's when nothing else on the page has focus. */
    const ours = (target: EventTarget | null) => {
      if (isTextTarget(target) || controller.editingId) return false;
      if (document.querySelector('dialog[open]')) return false;
      return !(target instanceof Node) || target === document || target === document.body || target === document.documentElement || boardEl.contains(target);
    };
    const keydown = (e: KeyboardEvent) => {
      if (!ours(e.target)) return;
      // Enter and Space on a focused button or link belong to it.
      if ((e.key === 'Enter' || e.key === ' ') && e.target instanceof HTMLElement && e.target.closest('button, a[href], [role="button"]')) return;
      if (e.key === ' ' && !e.repeat) {
        controller.setSpace(true);
        e.preventDefault();
        return;
      }
      const nudge = nudgeForKey(e);
      if (nudge && controller.selection.size > 0) {
        e.preventDefault();
        controller.nudge(nudge.dx, nudge.dy);
        return;
      }
      const id = actionForKey(e);
      if (id && runAction(id)) e.preventDefault();
      else if (id && (e.ctrlKey || e.metaKey)) e.preventDefault(); // e.g. Ctrl+D would bookmark
    };
    const keyup = (e: KeyboardEvent) => {
      if (e.key === ' ') controller.setSpace(false);
    };
    const blur = () => controller.setSpace(false);
    const clip = (kind: 'copy' | 'cut' | 'paste') => (e: ClipboardEvent) => {
      if (!ours(e.target)) return;
      // Text selected elsewhere on the page is copied as text, not as notes.
      if (kind !== 'paste' && !(window.getSelection()?.isCollapsed ?? true)) return;
      if (kind === 'paste') controller.paste(e);
      else controller.copy(e, kind === 'cut');
    };
    const onCopy = clip('copy');
    const onCut = clip('cut');
    const onPaste = clip('paste');
    const flush = () => controller.flush();
    // Closing or reloading with changes that are not on their way (queued behind a write in
    // flight, or failing): the browser asks "Leave site?", Electron's main process asks natively.
    const beforeUnload = (e: BeforeUnloadEvent) => {
      controller.flush();
      if (controller.hasUnsentChanges()) e.preventDefault();
    };
    const hidden = () => {
      if (document.visibilityState === 'hidden') controller.flush();
    };
    window.addEventListener('keydown', keydown);
    window.addEventListener('keyup', keyup);
    window.addEventListener('blur', blur);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    window.addEventListener('beforeunload', beforeUnload);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', hidden);
    const hook = controller.testHook();
    window.__journeyboardBoard = hook;
    return () => {
      unregister();
      window.removeEventListener('keydown', keydown);
      window.removeEventListener('keyup', keyup);
      window.removeEventListener('blur', blur);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
      window.removeEventListener('beforeunload', beforeUnload);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', hidden);
      if (window.__journeyboardBoard === hook) delete window.__journeyboardBoard;
      controller.detach();
    };
  }, [controller]);

  return (
    <div
      ref={host}
      data-testid="board"
      data-map-id={map.id}
      style={{ position: 'absolute', inset: 0, overflow: 'hidden', background: boardPalette().background, touchAction: 'none', outline: 'none' }}
    >
      {/* The dotted grid: moved by a transform as the camera pans (camera.ts). */}
      <div data-board-grid="" aria-hidden="true" style={{ position: 'absolute', left: 0, top: 0, pointerEvents: 'none', willChange: 'transform' }} />
      <div data-testid="board-canvas" style={{ position: 'absolute', inset: 0 }}>
        <Stage ref={stage} width={size.width} height={size.height}>
          {/* The journey frame (stages x lanes), under the notes: one shape painted by drawFrame. */}
          <Layer ref={frameLayer} listening={false} name="frame">
            <Shape ref={frameShape} sceneFunc={controller.scenes.frame} listening={false} perfectDrawEnabled={false} />
          </Layer>
          <Layer ref={staticLayer} listening={false} name="notes">
            <Shape ref={staticShape} sceneFunc={controller.scenes.notes} listening={false} perfectDrawEnabled={false} />
          </Layer>
          <Layer ref={liveLayer} name="interaction">
            <Shape ref={liftShape} sceneFunc={controller.scenes.lifted} listening={false} perfectDrawEnabled={false} />
            <Shape ref={selectionShape} sceneFunc={controller.scenes.selection} listening={false} perfectDrawEnabled={false} />
            <Rect ref={proxy} listening={false} width={1} height={1} />
            <Rect ref={marquee} visible={false} listening={false} fill="rgba(47,107,255,0.08)" stroke={SELECTION} />
            <Transformer
              ref={transformer}
              rotateEnabled={false}
              flipEnabled={false}
              ignoreStroke
              borderStroke={SELECTION}
              borderDash={[4, 4]}
              anchorSize={9}
              anchorCornerRadius={2}
              anchorStroke={SELECTION}
              anchorFill="#ffffff"
              anchorStrokeWidth={1.5}
              padding={3}
            />
          </Layer>
        </Stage>
      </div>
      <FrameOverlay controller={controller} />
      <EmptyHint controller={controller} />
      <NoteEditor controller={controller} />
      <Toolbar controller={controller} />
      <ZoomControl controller={controller} />
      <SaveStatusPill controller={controller} />
      <ChannelPicker controller={controller} />
      <PersonaPicker controller={controller} />
      <CellPicker controller={controller} />
      <Minimap controller={controller} dark={dark} />
    </div>
  );
}
