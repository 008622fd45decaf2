/* global window, document, performance */
// tldraw, full window, for the board benchmark (../README.md). Every asset comes from this page's
// own origin (../lib/tldrawBuild.ts puts them in local-assets/): no request leaves the machine.
// The page exposes window.__tldrawBench and window.__benchCamera; the frame meter
// (../lib/frameMeter.browser.js) is injected by the bench before this script runs.
import { createRoot } from 'react-dom/client';
import { DEFAULT_EMBED_DEFINITIONS, Tldraw, createShapeId, iconTypes, toRichText, type Editor, type TLDefaultColorStyle, type TLNoteShape } from 'tldraw';
import 'tldraw/tldraw.css';
import type { BenchNote } from '../lib/data';
import type { Camera } from '../../shared/domain';
import '../lib/pageGlobals';

const local = new URL('./local-assets/', document.baseURI).href;
const fontFiles: Record<string, string> = {};
for (const family of ['mono', 'serif', 'sans', 'draw']) {
  for (const style of ['', '_italic', '_bold', '_italic_bold']) {
    const key = `tldraw_${family}${style}`;
    fontFiles[key] = `${local}fonts/${key}.ttf`;
  }
}
const assetUrls = {
  fonts: fontFiles,
  icons: Object.fromEntries(iconTypes.map((name) => [name, `${local}icons/icon.svg#${name}`])),
  translations: { en: `${local}translations/en.json` },
  embedIcons: Object.fromEntries(DEFAULT_EMBED_DEFINITIONS.map((d) => [d.type, `${local}icons/embed.png`])),
};
// 50,000 rather than the default 4,000, which silently refuses shapes past it.
const options = { maxShapesPerPage: 50000 };

// Journeyboard's eight note colours in tldraw's palette.
const COLORS: Record<BenchNote['color'], TLDefaultColorStyle> = {
  yellow: 'yellow',
  orange: 'orange',
  pink: 'light-red',
  purple: 'violet',
  blue: 'blue',
  teal: 'light-blue',
  green: 'light-green',
  gray: 'grey',
};

let resolveReady: (editor: Editor) => void = () => {};
const mounted = new Promise<Editor>((resolve) => (resolveReady = resolve));

/** The camera in Journeyboard's convention (top-left board point, zoom); tldraw stores -x, -y, z. */
const camera = {
  get(editor: Editor): Camera {
    const c = editor.getCamera();
    return { x: -c.x, y: -c.y, zoom: c.z };
  },
  set(editor: Editor, cam: Camera) {
    editor.setCamera({ x: -cam.x, y: -cam.y, z: cam.zoom });
  },
};

/** Every shape tldraw does not cull is in the DOM, displayed, with its text. */
function drawnState(editor: Editor) {
  const culled = editor.getCulledShapes();
  let visible = 0;
  let drawn = 0;
  for (const id of editor.getCurrentPageShapeIds()) {
    if (culled.has(id)) continue;
    visible++;
    const el = document.querySelector<HTMLElement>(`.tl-shape[data-shape-id="${id}"]`);
    if (el && el.style.display !== 'none' && el.textContent) drawn++;
  }
  return { visible, drawn };
}

function toShapes(notes: readonly BenchNote[]) {
  return notes.map((n, i) => ({
    id: createShapeId(`n${i}`),
    type: 'note' as const,
    x: n.x,
    y: n.y,
    props: { richText: toRichText(n.text), color: COLORS[n.color], font: 'sans' as const, size: 'm' as const },
  }));
}

const bench = {
  ready: mounted.then(() => undefined),
  /**
   * Puts the notes in the store with createShapes (tldraw measures each note's label as it
   * creates it) at the given camera; resolves with the ms from starting to the end of the first
   * frame in which every visible note is drawn.
   */
  async createNotes(notes: BenchNote[], cam: Camera, timeoutMs: number) {
    const editor = await mounted;
    camera.set(editor, cam);
    const t0 = performance.now();
    editor.createShapes<TLNoteShape>(toShapes(notes));
    const created = performance.now();
    const t1 = await window.__benchMeter.untilFrame(() => {
      const s = drawnState(editor);
      return s.visible > 0 && s.drawn === s.visible;
    }, timeoutMs);
    const s = drawnState(editor);
    return { ms: t1 - t0, createMs: created - t0, count: editor.getCurrentPageShapeIds().size, visible: s.visible, drawn: s.drawn };
  },
  /** The document part of a snapshot: what a saved tldraw board holds. */
  async getDocument() {
    const editor = await mounted;
    return editor.getSnapshot().document;
  },
  /**
   * Opens a saved document at the given camera and resolves with the ms from starting to put it
   * in the store to the end of the first frame in which every visible note is drawn.
   */
  async openDocument(document: ReturnType<Editor['getSnapshot']>['document'], cam: Camera, timeoutMs: number) {
    const editor = await mounted;
    const meter = window.__benchMeter;
    const t0 = performance.now();
    editor.loadSnapshot({ document });
    camera.set(editor, cam);
    const loaded = performance.now();
    const t1 = await meter.untilFrame(() => {
      const s = drawnState(editor);
      return s.visible > 0 && s.drawn === s.visible;
    }, timeoutMs);
    const s = drawnState(editor);
    return { ms: t1 - t0, loadMs: loaded - t0, count: editor.getCurrentPageShapeIds().size, visible: s.visible, drawn: s.drawn };
  },
  async state() {
    const editor = await mounted;
    return { count: editor.getCurrentPageShapeIds().size, camera: camera.get(editor), ...drawnState(editor) };
  },
};

declare global {
  interface Window {
    __tldrawBench: typeof bench;
    __tldrawEditor?: Editor;
  }
}
window.__tldrawBench = bench;

function onMount(editor: Editor) {
  window.__tldrawEditor = editor;
  window.__benchCamera = {
    get: () => camera.get(editor),
    set: (cam) => camera.set(editor, cam),
    viewport: () => {
      const b = editor.getViewportScreenBounds();
      return { width: b.w, height: b.h };
    },
  };
  resolveReady(editor);
}

createRoot(document.getElementById('root')!).render(
  <div style={{ position: 'fixed', inset: 0 }}>
    <Tldraw options={options} assetUrls={assetUrls} onMount={onMount} />
  </div>,
);
