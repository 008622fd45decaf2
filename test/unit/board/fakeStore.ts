/**
 * An in-memory store behind a fake API, for the save queue and sync tests: `changes.apply` in one
 * transaction (all or nothing, the failing change's `index` in the error), the web server's body
 * limit in UTF-8 bytes, `maps.get` and `maps.setCamera`. `fail` injects an error before a call.
 */
import type { JourneyboardApi, MethodName } from '../../../shared/api';
import { applyChanges, emptyRecords, type BoardRecord, type Change, type Records, type RecordType } from '../../../shared/board/history';
import type { Camera, JourneyMap } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import { API_BODY_MAX_BYTES } from '../../../shared/limits';

export const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

function copyRecords(r: Records): Records {
  const out = emptyRecords();
  for (const type of Object.keys(r) as RecordType[]) {
    for (const [id, v] of r[type]) (out[type] as Map<string, BoardRecord<RecordType>>).set(id, structuredClone(v));
  }
  return out;
}

export class FakeStore {
  records = emptyRecords();
  camera: Camera | null = null;
  /** Every `changes.apply` batch received (landed or not), and the body size in bytes. */
  batches: { changes: Change[]; bytes: number; ok: boolean }[] = [];
  calls: MethodName[] = [];
  /** Throw this (once per entry) before handling the next call of that method. */
  fail: { method: MethodName; error: unknown }[] = [];

  constructor(readonly mapId = 'm1') {}

  /** Another window's edit: written to the store directly. */
  elsewhere(changes: Change[]): void {
    applyChanges(this.records, changes);
  }

  map(): JourneyMap {
    const withMap = <T extends RecordType>(type: T) => [...this.records[type].values()].map((r) => ({ ...structuredClone(r), mapId: this.mapId }));
    return {
      id: this.mapId,
      title: 'Map',
      createdAt: 0,
      updatedAt: 0,
      camera: this.camera,
      personaId: null,
      notes: withMap('note').map((n) => ({ ...n, createdAt: 0, updatedAt: 0 })),
      stages: withMap('stage'),
      lanes: withMap('lane'),
      personas: withMap('persona'),
    } as JourneyMap;
  }

  readonly api: JourneyboardApi = {
    call: async (method, input) => {
      await Promise.resolve();
      this.calls.push(method);
      const i = this.fail.findIndex((f) => f.method === method);
      if (i >= 0) {
        const [f] = this.fail.splice(i, 1);
        if (method === 'changes.apply') this.batches.push({ changes: structuredClone((input as { changes: Change[] }).changes), bytes: bytesOf(input), ok: false });
        throw f!.error;
      }
      if (method === 'changes.apply') return this.apply(input as { mapId: string; changes: Change[] }) as never;
      if (method === 'maps.get') return this.map() as never;
      if (method === 'maps.setCamera') {
        this.camera = (input as { camera: Camera }).camera;
        return { id: this.mapId } as never;
      }
      throw new ApiError('unknown_method', `The fake store has no ${method}.`);
    },
  };

  private apply(input: { mapId: string; changes: Change[] }): { applied: number } {
    const bytes = bytesOf(input);
    const batch = { changes: structuredClone(input.changes), bytes, ok: false };
    this.batches.push(batch);
    if (bytes > API_BODY_MAX_BYTES) throw new ApiError('too_large', `The request is larger than ${API_BODY_MAX_BYTES} bytes.`);
    const next = copyRecords(this.records);
    input.changes.forEach((c, index) => {
      const exists = next[c.type].has(c.id);
      if (c.op === 'create' && exists) throw new ApiError('conflict', `A ${c.type} with id "${c.id}" already exists.`, index);
      if (c.op !== 'create' && !exists) throw new ApiError('not_found', `changes.${index}: no ${c.type} "${c.id}" in this map. It may have been deleted.`, index);
      // A note's stage and lane must be in the map (as the real store checks every reference).
      const fields = c.op === 'create' ? c.value : c.op === 'update' ? c.patch : {};
      for (const [field, to] of [['stageId', 'stage'], ['laneId', 'lane']] as const) {
        const target = c.type === 'note' ? (fields as Record<string, unknown>)[field] : undefined;
        if (typeof target === 'string' && !next[to].has(target)) {
          throw new ApiError('not_found', `changes.${index}.${c.op === 'create' ? 'value' : 'patch'}.${field}: no ${to} "${target}" in this map.`, index);
        }
      }
      applyChanges(next, [c]);
    });
    this.records = next;
    batch.ok = true;
    return { applied: input.changes.length };
  }
}

/** A manual clock: timers run only when the test says so (`runAll`), or all of them until none are left (`drain`). */
export function manualClock() {
  let seq = 0;
  const timers = new Map<number, { fn: () => void; ms: number }>();
  const runAll = () => {
    const list = [...timers.values()];
    timers.clear();
    for (const t of list) t.fn();
  };
  return {
    setTimeout(fn: () => void, ms: number): unknown {
      timers.set(++seq, { fn, ms });
      return seq;
    },
    clearTimeout(h: unknown): void {
      timers.delete(h as number);
    },
    runAll,
    delays: () => [...timers.values()].map((t) => t.ms),
    /** Runs timers and lets promises settle until no timer is left (bounded). */
    async drain(rounds = 100): Promise<void> {
      for (let i = 0; i < rounds; i++) {
        for (let k = 0; k < 5; k++) await new Promise((r) => setTimeout(r, 0));
        if (timers.size === 0) return;
        runAll();
      }
      throw new Error('timers kept coming');
    },
  };
}
