/**
 * A spatial index of rectangles (rbush, an R-tree) for "what is in view" and "what is under the
 * pointer". Items carry a paint order so hits come back topmost first.
 */
import RBush from 'rbush';
import type { Point, Rect } from './camera';

export interface SpatialItem {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Entry {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  id: string;
  order: number;
}

/** An rbush wrapper keyed by id. Paint order is insertion order unless given. */
export class SpatialIndex {
  private tree = new RBush<Entry>(16);
  private entries = new Map<string, Entry>();
  private nextOrder = 0;

  get size(): number {
    return this.entries.size;
  }

  /** Replaces everything with `items`, painted in the order given (bulk load: fast). */
  load(items: Iterable<SpatialItem>): void {
    this.tree.clear();
    this.entries.clear();
    const list: Entry[] = [];
    for (const item of items) {
      const e = toEntry(item, this.nextOrder++);
      this.entries.set(item.id, e);
      list.push(e);
    }
    this.tree.load(list);
  }

  /** Adds or moves an item; a new item is painted on top, a moved one keeps its order. */
  upsert(item: SpatialItem): void {
    const old = this.entries.get(item.id);
    if (old) {
      if (old.minX === item.x && old.minY === item.y && old.maxX === item.x + item.width && old.maxY === item.y + item.height) return;
      this.tree.remove(old);
    }
    const e = toEntry(item, old ? old.order : this.nextOrder++);
    this.entries.set(item.id, e);
    this.tree.insert(e);
  }

  remove(id: string): void {
    const old = this.entries.get(id);
    if (!old) return;
    this.tree.remove(old);
    this.entries.delete(id);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Paint order of an item (higher is on top); -1 if absent. */
  order(id: string): number {
    return this.entries.get(id)?.order ?? -1;
  }

  /** Ids of items intersecting `rect`, bottom to top. */
  query(rect: Rect): string[] {
    const hits = this.tree.search({ minX: rect.x, minY: rect.y, maxX: rect.x + rect.width, maxY: rect.y + rect.height });
    hits.sort((a, b) => a.order - b.order);
    return hits.map((e) => e.id);
  }

  /** Ids of items lying wholly inside `rect` (a marquee selects these), bottom to top. */
  queryContained(rect: Rect): string[] {
    const maxX = rect.x + rect.width;
    const maxY = rect.y + rect.height;
    const hits = this.tree
      .search({ minX: rect.x, minY: rect.y, maxX, maxY })
      .filter((e) => e.minX >= rect.x && e.minY >= rect.y && e.maxX <= maxX && e.maxY <= maxY);
    hits.sort((a, b) => a.order - b.order);
    return hits.map((e) => e.id);
  }

  /** The topmost item under a point, or null. */
  hitTest(p: Point): string | null {
    let best: Entry | null = null;
    for (const e of this.tree.search({ minX: p.x, minY: p.y, maxX: p.x, maxY: p.y })) {
      if (!best || e.order > best.order) best = e;
    }
    return best ? best.id : null;
  }

  /** Bounds of everything, or null when empty. */
  bounds(): Rect | null {
    if (this.entries.size === 0) return null;
    const b = this.tree.toJSON() as { minX: number; minY: number; maxX: number; maxY: number };
    return { x: b.minX, y: b.minY, width: b.maxX - b.minX, height: b.maxY - b.minY };
  }
}

function toEntry(item: SpatialItem, order: number): Entry {
  return { minX: item.x, minY: item.y, maxX: item.x + item.width, maxY: item.y + item.height, id: item.id, order };
}
