/**
 * The board's camera (session state): where the view is, the viewport's size, zoom and fit, and
 * the dotted grid that follows it. Sync saves it to the map 400 ms after it stops.
 */
import { COORD_LIMIT, type Camera, type JourneyMap } from '../../shared/domain';
import {
  clampZoom,
  containsRect,
  fitRect,
  padRect,
  screenToBoard,
  stepZoom,
  viewRect,
  zoomAt,
  type Point,
  type Rect,
} from '../../shared/board/camera';
import { fitAllCamera } from '../../shared/board/fit';
import type { BoardNote } from '../../shared/board/history';
import type { BoardCore } from './core';
import { boardPalette, MINIMAP_CORNER } from './theme';

export class BoardCamera {
  camera: Camera;
  viewport = { width: 0, height: 0 };
  private needsFit: boolean;
  /** The camera of the first automatic fit, while nobody has moved it. */
  private autoFitted: Camera | null = null;
  /** The grid's spacing, dot size and view size as last drawn. */
  private gridKey = '';
  readonly listeners = new Set<() => void>();

  constructor(
    private readonly core: BoardCore,
    map: JourneyMap,
  ) {
    this.needsFit = !map.camera;
    this.camera = map.camera ? { ...map.camera, zoom: clampZoom(map.camera.zoom) } : { x: 0, y: 0, zoom: 1 };
    // The metrics row is measured after the first fit (it mounts once the board has): fit again if nothing moved since.
    core.ui.subscribe((s, prev) => {
      if (s.metricsRowHeight !== prev.metricsRowHeight && this.autoFitted === this.camera) {
        this.fitAll();
        this.autoFitted = this.camera;
      }
    });
  }

  /** The board region in view. */
  view(): Rect {
    return viewRect(this.camera, this.viewport);
  }

  setCamera(next: Camera): void {
    if (!Number.isFinite(next.x) || !Number.isFinite(next.y)) return;
    const limit = (n: number) => Math.max(-COORD_LIMIT, Math.min(COORD_LIMIT, n));
    this.camera = { x: limit(next.x), y: limit(next.y), zoom: clampZoom(next.zoom) };
    this.apply();
    this.scheduleSave();
  }

  /** Shows the current camera: the canvases, the grid, the HUD and every listener follow. */
  apply(): void {
    this.core.render.cameraMoved();
    this.updateGrid();
    this.core.ui.setState({ camera: this.camera });
    for (const fn of this.listeners) fn();
  }

  setViewport(width: number, height: number): void {
    if (width === this.viewport.width && height === this.viewport.height) return;
    const first = this.viewport.width === 0 || this.viewport.height === 0;
    this.viewport = { width, height };
    if (first && this.needsFit && width > 0 && height > 0) {
      this.needsFit = false;
      // Remember this first view, so a reload shows the same board even if nobody moves.
      this.fitAll();
      this.autoFitted = this.camera;
      return;
    }
    this.core.render.viewportChanged();
  }

  /**
   * The dotted grid is one element a little larger than the view, moved by a CSS transform: a
   * pan is a compositor move, not a repaint of the whole board's background each frame. Its dots
   * are drawn again only when the zoom changes their spacing or size, or the view is resized.
   */
  /** The theme changed: the grid's dots take the new colour. */
  restyleGrid(): void {
    this.updateGrid();
  }

  private updateGrid(): void {
    const grid = this.core.grid;
    if (!grid) return;
    const { x, y, zoom } = this.camera;
    let spacing = 24 * zoom;
    while (spacing < 14) spacing *= 4;
    const dot = Math.max(0.8, Math.min(1.6, zoom * 1.4));
    const { gridDot } = boardPalette();
    const key = `${spacing}|${dot}|${this.viewport.width}|${this.viewport.height}|${gridDot}`;
    if (key !== this.gridKey) {
      this.gridKey = key;
      const style = grid.style;
      style.backgroundImage = `radial-gradient(circle, ${gridDot} ${dot}px, transparent ${dot + 0.4}px)`;
      style.backgroundSize = `${spacing}px ${spacing}px`;
      style.width = `${this.viewport.width + 2 * spacing}px`;
      style.height = `${this.viewport.height + 2 * spacing}px`;
    }
    const ox = (((-x * zoom) % spacing) + spacing) % spacing;
    const oy = (((-y * zoom) % spacing) + spacing) % spacing;
    grid.style.transform = `translate(${ox - 1.5 * spacing}px, ${oy - 1.5 * spacing}px)`;
  }

  private scheduleSave(): void {
    this.core.model.sync.saveCamera(this.camera);
  }

  /** Saves the camera now if it moved since the last save. */
  saveNow(): void {
    this.core.model.sync.saveCamera(this.camera);
    this.core.model.sync.saveCameraNow();
  }

  private center(): Point {
    return { x: this.viewport.width / 2, y: this.viewport.height / 2 };
  }

  zoomBy(factor: number, anchor?: Point): void {
    this.setCamera(zoomAt(this.camera, this.camera.zoom * factor, anchor ?? this.center()));
  }

  zoomStep(direction: 1 | -1): void {
    this.setCamera(zoomAt(this.camera, stepZoom(this.camera.zoom, direction), this.center()));
  }

  zoomTo100(): void {
    this.setCamera(zoomAt(this.camera, 1, this.center()));
  }

  fitAll(save = true): void {
    const { frame, model } = this.core;
    this.camera = fitAllCamera({
      notes: model.index.bounds(),
      frame: frame.layout,
      curve: frame.curve,
      metricsRowHeight: this.core.ui.getState().metricsRowHeight,
      viewport: this.viewport,
      corner: MINIMAP_CORNER,
    });
    this.apply();
    if (save) this.scheduleSave();
  }

  fitRect(rect: Rect | null): void {
    if (!rect) return;
    this.setCamera(fitRect(rect, this.viewport, { padding: 96, maxZoom: 2 }));
  }

  /** Board point at the middle of the view. */
  viewCenter(): Point {
    return screenToBoard(this.camera, this.center());
  }

  /** Pans (same zoom) so a note is fully in view, if it is not. */
  ensureVisible(n: BoardNote): void {
    if (this.viewport.width === 0) return;
    const view = this.view();
    const margin = 24 / this.camera.zoom;
    if (containsRect(view, padRect(n, 0)) && n.y + n.height + margin < view.y + view.height) return;
    let { x, y } = this.camera;
    if (n.x < view.x) x = n.x - margin;
    else if (n.x + n.width > view.x + view.width) x = n.x + n.width + margin - view.width;
    if (n.y < view.y) y = n.y - margin;
    else if (n.y + n.height + margin > view.y + view.height) y = n.y + n.height + margin - view.height;
    if (x !== this.camera.x || y !== this.camera.y) this.setCamera({ x, y, zoom: this.camera.zoom });
  }
}
