/**
 * The journey frame as the board shows it: stage columns x lane rows laid out from the document,
 * the notes of each cell placed in it, and the emotion curve. Laid out again only when the
 * structure, cell membership, a cell note's size or position, or a sentiment changes, never per
 * camera move; a participant's emotion score (issue 14) recomputes only the emotions and the curve
 * with its room band, on the layout as it is. No DOM.
 */
import {
  emotionCurve,
  hitTest,
  mapStageEmotions,
  type EmotionCurve,
  type FrameLayout,
  type StageEmotion,
} from '../../shared/journey';
import { dropChanges, dropTargetOf, layoutBoardFrame, type DropTarget } from '../../shared/board/frameDrop';
import type { BoardNote, Change } from '../../shared/board/history';
import type { Point, Rect } from '../../shared/board/camera';
import { clampCoord, type BoardCore, type HeaderRef } from './core';

export class JourneyFrame {
  /** The laid-out frame, or null while the map has no stages or no lanes. */
  layout: FrameLayout | null = null;
  emotions: StageEmotion[] = [];
  curve: EmotionCurve | null = null;
  /** True while the layout writes note positions back (the document's listeners leave it alone). */
  laying = false;

  constructor(private readonly core: BoardCore) {}

  /**
   * Lays the frame out again and moves every note in a cell to its place. Positions the layout
   * changes are saved (they are what the store holds), but are not undo steps: undoing the change
   * that caused them lays the cells out again. `save` false (a merge of what others wrote): the
   * positions are only shown, never written, so two boards that lay out alike never write back
   * and forth over a phone's note (every board lays the same records out the same way).
   */
  relayout(save = true): void {
    const { doc } = this.core.model;
    const { notes } = doc;
    if (doc.stages.length === 0 || doc.lanes.length === 0) {
      doc.setHidden([]);
      this.layout = null;
      this.curve = null;
      this.emotions = [];
      this.changed();
      return;
    }
    const frame = layoutBoardFrame(doc.stages, doc.lanes, notes.values());
    const moved: Change[] = [];
    const hidden: string[] = [];
    const selection = this.core.editing.selection;
    for (const p of frame.placements) {
      if (p.hidden) {
        hidden.push(p.id);
        selection.delete(p.id);
        continue;
      }
      const n = notes.get(p.id)!;
      const x = clampCoord(p.x);
      const y = clampCoord(p.y);
      if (n.x !== x || n.y !== y) moved.push({ type: 'note', op: 'update', id: n.id, patch: { x, y } });
    }
    doc.setHidden(hidden);
    if (moved.length) {
      // Saved, not an undo step; the document tells every listener but this one's caller does the rest.
      this.laying = true;
      try {
        doc.apply(moved, { save });
      } finally {
        this.laying = false;
      }
      this.core.render.invalidate();
    }
    this.layout = frame;
    this.computeEmotions();
    this.changed();
  }

  /** Whether these changes alter the curve without moving anything: the room's scores (issue 14). */
  touchesEmotions(changes: readonly Change[]): boolean {
    return this.layout !== null && changes.some((c) => c.type === 'emotionScore');
  }

  /**
   * The emotions and the curve again on the current layout: a participant scored a stage (live,
   * from a phone), or a score was removed. Cheaper than {@link relayout}: no note moves.
   */
  refreshEmotions(): void {
    if (!this.layout) return;
    this.computeEmotions();
    this.changed();
  }

  /** Each stage's emotion (set by hand, else the room's mean, else the notes') and the curve with its band. */
  private computeEmotions(): void {
    const { doc } = this.core.model;
    this.emotions = mapStageEmotions(doc.stages, [...doc.notes.values()], doc.records.emotionScore.values());
    this.curve = this.layout ? emotionCurve(this.layout, this.emotions) : null;
  }

  private changed(): void {
    const core = this.core;
    core.ui.setState((s) => ({ frameVersion: s.frameVersion + 1, selectionCount: core.editing.selection.size }));
    core.render.frameChanged();
    for (const fn of core.docListeners) fn();
  }

  /** Whether these note changes can move the frame or what is in its cells (deletes are checked by the caller). */
  touches(changes: readonly Change[]): boolean {
    const { doc } = this.core.model;
    if (doc.stages.length === 0 || doc.lanes.length === 0) return false;
    for (const c of changes) {
      if (c.type !== 'note') continue;
      if (c.op === 'create') {
        if (c.value.stageId !== null) return true;
      } else if (c.op === 'update') {
        const p = c.patch;
        if ('stageId' in p || 'laneId' in p || 'sentiment' in p) return true;
        // Text, colour or channels of a note in a cell change nothing in the layout.
        if (!('x' in p || 'y' in p || 'width' in p || 'height' in p)) continue;
        const n = doc.notes.get(c.id);
        if (n && n.stageId !== null && n.laneId !== null) return true;
      }
    }
    return false;
  }

  /** What a drop at a board point does: join a cell, free the notes, or only move them. */
  dropTargetAt(p: Point): DropTarget {
    if (!this.layout) return { type: 'none' };
    return dropTargetOf(hitTest(this.layout, p), (id) => this.core.model.lanes.find((l) => l.id === id)?.kind);
  }

  /** A note made at a point inside an expanded cell belongs to that cell. */
  cellFieldsAt(p: Point): Pick<BoardNote, 'stageId' | 'laneId' | 'kind'> | Record<string, never> {
    if (!this.layout) return {};
    const target = this.dropTargetAt(p);
    if (target.type !== 'cell') return {};
    const hit = hitTest(this.layout, p);
    if (hit?.type === 'cell' && hit.collapsed) return {};
    const [change] = dropChanges([{ id: '', x: 0, y: 0, stageId: null, laneId: null, kind: null }], 0, 0, target);
    const patch = change?.op === 'update' ? change.patch : {};
    return { stageId: patch.stageId ?? null, laneId: patch.laneId ?? null, kind: patch.kind ?? null };
  }

  /** The stage whose emotion point (or "no score yet" mark) is under a board point. */
  emotionPointAt(b: Point): string | null {
    const frame = this.layout;
    const curve = this.curve;
    if (!frame || !curve) return null;
    const row = frame.rows.find((r) => r.laneId === curve.laneId);
    if (!row || row.collapsed || b.y < row.y || b.y > row.y + row.height) return null;
    const radius = Math.max(14 / this.core.camera.camera.zoom, 20);
    const scored = new Map(curve.points.map((p) => [p.stageId, p]));
    const zeroY = (curve.top + curve.bottom) / 2;
    for (const col of frame.columns) {
      const p = scored.get(col.stageId);
      const x = col.x + col.width / 2;
      const y = p ? p.y : zeroY;
      if (Math.hypot(b.x - x, b.y - y) <= radius) return col.stageId;
    }
    return null;
  }

  /** Where a stage's emotion point is on the board. */
  emotionPoint(stageId: string): Point | null {
    const frame = this.layout;
    const curve = this.curve;
    if (!frame || !curve) return null;
    const col = frame.columns.find((c) => c.stageId === stageId);
    if (!col) return null;
    const p = curve.points.find((q) => q.stageId === stageId);
    return { x: col.x + col.width / 2, y: p ? p.y : (curve.top + curve.bottom) / 2 };
  }

  /** A header's rectangle on the board. */
  headerRect(ref: HeaderRef): Rect | null {
    const frame = this.layout;
    if (!frame) return null;
    if (ref.type === 'stage') return frame.columns.find((c) => c.stageId === ref.id)?.header ?? null;
    return frame.rows.find((r) => r.laneId === ref.id)?.header ?? null;
  }

  /** The emotions and curve as shown: with the dragged point's score while one is dragged. */
  shownEmotions(): { emotions: StageEmotion[]; curve: EmotionCurve | null } {
    const preview = this.core.tools.emotionPreview();
    if (!preview || !this.layout) return { emotions: this.emotions, curve: this.curve };
    const emotions = this.emotions.map((e) => (e.stageId === preview.stageId ? { ...e, score: preview.score, manual: true } : e));
    return { emotions, curve: emotionCurve(this.layout, emotions) };
  }
}
