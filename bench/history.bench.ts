// `npm run bench -- history [--n=5000] [--versions=100] [--share=0.01]`: versions of a big map
// (issue 15). On a real store in a temporary folder: the time to save a version of an N-note map,
// to compare two versions (and a version with now), to read the oldest version back, and how much
// the store and the .journey file grow after 100 versions each changing 1 % of the notes, against
// the map's own size. One JSON line per figure on stdout; progress on stderr. Method: README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodInput, MethodName, MethodResult } from '../shared/api';
import { openCore } from '../electron/services/index';
import { makeJourneyNotes } from './lib/journeyNotes';
import { log } from './lib/log';
import { eachFlag } from './lib/options';

function emit(name: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit, ...extra }));
}

let n = 5000;
let versions = 100;
let share = 0.01;
eachFlag(process.argv.slice(2), 'npm run bench -- history [--n=5000] [--versions=100] [--share=0.01]', (flag, value) => {
  if (flag === '--n') n = Number(value());
  else if (flag === '--versions') versions = Number(value());
  else if (flag === '--share') share = Number(value());
  else return false;
  return true;
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-history-bench-'));
const core = openCore({ dataDir: dir, resourcesDir: path.resolve(import.meta.dirname, '..', 'resources') });
function call<M extends MethodName>(method: M, input: MethodInput<M>): MethodResult<M> {
  const r = core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as MethodResult<M>;
}
function timed<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

try {
  const map = call('maps.create', { title: 'History bench', template: 'classic-funnel' });
  const seeds = makeJourneyNotes(n, map);
  for (let i = 0; i < seeds.length; i += 5000) call('notes.createMany', { mapId: map.id, notes: seeds.slice(i, i + 5000) });
  const noteIds = call('maps.get', { id: map.id }).notes.map((x) => x.id);
  const own = call('maps.get', { id: map.id });
  const mapJsonBytes = Buffer.byteLength(JSON.stringify(own));
  const bare = path.join(dir, 'bare.journey');
  core.exportJourney(map.id, bare, { history: false });
  const mapFileBytes = fs.statSync(bare).size;
  emit('history.map_json_bytes', mapJsonBytes, 'bytes', { notes: n });
  emit('history.map_journey_bytes', mapFileBytes, 'bytes', { notes: n });
  log(`map of ${n} notes: ${(mapJsonBytes / 1e6).toFixed(2)} MB as JSON, ${(mapFileBytes / 1e6).toFixed(2)} MB as .journey`);

  // 100 versions, each after changing `share` of the notes' text (a different slice each time).
  const perVersion = Math.max(1, Math.round(n * share));
  const saveMs: number[] = [];
  let cursor = 0;
  for (let v = 0; v < versions; v++) {
    const edits = Array.from({ length: perVersion }, (_, i) => {
      const id = noteIds[(cursor + i * 97) % noteIds.length]!;
      return { id, text: `Edited in round ${v}: ${id.slice(0, 8)} still waits for an answer` };
    });
    cursor += perVersion;
    call('notes.updateMany', { mapId: map.id, notes: edits });
    saveMs.push(timed(() => call('versions.save', { mapId: map.id, label: `Round ${v}` })).ms);
    if (v % 20 === 19) log(`${v + 1} versions saved`);
  }
  const list = call('versions.list', { mapId: map.id });
  const storedBytes = list.reduce((s, v) => s + v.storedBytes, 0);
  // For scale on a busy machine: reading the same map (maps.get) now, and the load average.
  emit('history.maps_get_ms_median', median([0, 1, 2].map(() => timed(() => call('maps.get', { id: map.id })).ms)), 'ms', { notes: n });
  emit('history.load_average_1min', os.loadavg()[0]!, 'load');
  emit('history.save_ms_median', median(saveMs), 'ms', { notes: n, versions });
  emit('history.save_ms_max', Math.max(...saveMs), 'ms', { notes: n, versions });
  emit('history.versions_kept', list.length, 'versions');
  emit('history.stored_bytes', storedBytes, 'bytes', { versions, changedPerVersion: perVersion });
  emit('history.stored_vs_map_json', storedBytes / mapJsonBytes, 'ratio');
  emit('history.full_versions', core.db.prepare('SELECT count(*) AS c FROM versions WHERE base_id IS NULL').pluck().get() as number, 'versions');

  const withHistory = path.join(dir, 'history.journey');
  core.exportJourney(map.id, withHistory);
  const fileGrowth = fs.statSync(withHistory).size - mapFileBytes;
  emit('history.journey_growth_bytes', fileGrowth, 'bytes', { versions });
  emit('history.journey_growth_vs_map_file', fileGrowth / mapFileBytes, 'ratio');

  const newest = list[0]!.id;
  const previous = list[1]!.id;
  const oldest = list[list.length - 1]!.id;
  const runs = (fn: () => unknown) => median([0, 1, 2].map(() => timed(fn).ms));
  // A fresh core for reads, so no decoded version is cached from the saves.
  core.close();
  const reader = openCore({ dataDir: dir, resourcesDir: path.resolve(import.meta.dirname, '..', 'resources') });
  const read = <M extends MethodName>(method: M, input: MethodInput<M>) => {
    const r = reader.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as MethodResult<M>;
  };
  emit('history.get_oldest_cold_ms', timed(() => read('versions.get', { id: oldest })).ms, 'ms', { notes: n });
  emit('history.compare_adjacent_ms', runs(() => read('versions.compare', { mapId: map.id, fromId: previous, toId: newest })), 'ms', { notes: n });
  emit('history.compare_with_now_ms', runs(() => read('versions.compare', { mapId: map.id, fromId: previous, toId: null })), 'ms', { notes: n });
  emit('history.compare_oldest_newest_ms', runs(() => read('versions.compare', { mapId: map.id, fromId: oldest, toId: newest })), 'ms', { notes: n });
  const diff = read('versions.compare', { mapId: map.id, fromId: oldest, toId: newest });
  log(`oldest vs newest: ${diff.edited.length} notes edited`);
  // Saving when the map is read from the store again (no cached newest version).
  read('notes.updateMany', { mapId: map.id, notes: [{ id: noteIds[0]!, text: 'One more change' }] });
  emit('history.save_cold_ms', timed(() => read('versions.save', { mapId: map.id, label: 'Cold' })).ms, 'ms', { notes: n });
  reader.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
