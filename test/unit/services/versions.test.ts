import { afterEach, describe, expect, it } from 'vitest';
import { change } from '../../../shared/records/changes';
import { withDefaults } from '../../../shared/records/records';
import { HOURLY_MS, saveAutoVersion } from '../../../electron/services/versions';
import { createRepos } from '../../../electron/store/repos';
import { RESOURCES, testCore } from '../helpers';

let core: ReturnType<typeof testCore>;
afterEach(() => core?.close());

function mapWithNotes(texts: string[]) {
  core = testCore();
  const map = core.call('maps.create', { title: 'Kickoff', template: 'blank' });
  const notes = core.call('notes.createMany', { mapId: map.id, notes: texts.map((text, i) => ({ text, x: i * 200, y: 0 })) });
  return { mapId: map.id, notes };
}

const textsOf = (mapId: string) => core.call('maps.get', { id: mapId }).notes.map((n) => n.text).sort();

describe('versions', () => {
  it('saves a labelled version and lists it newest first with its counts', () => {
    const { mapId } = mapWithNotes(['Slow login', 'Great onboarding']);
    const first = core.call('versions.save', { mapId, label: 'Before workshop' });
    expect(first).toMatchObject({ label: 'Before workshop' });
    core.tick(60_000);
    core.call('notes.create', { mapId, text: 'Confusing fees', x: 0, y: 400, kind: 'pain_point' });
    const second = core.call('versions.save', { mapId, label: 'After workshop' });
    const list = core.call('versions.list', { mapId });
    expect(list.map((v) => v.id)).toEqual([second.id, first.id]);
    expect(list[0]).toMatchObject({ label: 'After workshop', auto: false, noteCount: 3, painPointCount: 1, voteCount: 0, reason: 'Saved by hand' });
    expect(list[1]).toMatchObject({ noteCount: 2, painPointCount: 0 });
    // Each version reads back as the map it was.
    expect(core.call('versions.get', { id: first.id }).map.notes.map((n) => n.text).sort()).toEqual(['Great onboarding', 'Slow login']);
    expect(core.call('versions.get', { id: second.id }).map.notes).toHaveLength(3);
  });

  it('refuses an empty label and an unknown map, and changes nothing', () => {
    const { mapId } = mapWithNotes(['a']);
    expect(core.fail('versions.save', { mapId, label: '  ' }).message).toMatch(/label/);
    expect(core.fail('versions.save', { mapId: 'nope', label: 'x' }).code).toBe('not_found');
    expect(core.call('versions.list', { mapId })).toEqual([]);
  });

  it('compares a version with now: added, removed, moved and edited notes', () => {
    const { mapId, notes } = mapWithNotes(['Slow login', 'Great onboarding', 'Fees unclear']);
    const map = core.call('maps.get', { id: mapId });
    const v = core.call('versions.save', { mapId, label: 'v1' });
    core.call('changes.apply', {
      mapId,
      changes: [
        change.update('note', notes[0]!.id, { text: 'Very slow login' }),
        change.update('note', notes[1]!.id, { stageId: null, laneId: map.lanes[0]!.id }),
        change.delete('note', notes[2]!.id),
        change.create('note', 'new-note', withDefaults('note', { text: 'Chat helps', x: 0, y: 600 }) as never),
      ],
    });
    const diff = core.call('versions.compare', { mapId, fromId: v.id, toId: null });
    expect(diff.added).toEqual(['new-note']);
    expect(diff.removed).toEqual([notes[2]!.id]);
    expect(diff.edited).toEqual([notes[0]!.id]);
    expect(diff.moved).toEqual([notes[1]!.id]);
    const edited = diff.notes.find((n) => n.id === notes[0]!.id)!;
    expect(edited.textDiff!.filter((p) => p.removed).map((p) => p.value)).toEqual(['Slow']);
    expect(edited.textDiff!.filter((p) => p.added).map((p) => p.value)).toEqual(['Very slow']);
  });

  it('restores a version as a new map and leaves the map as it is', () => {
    const { mapId, notes } = mapWithNotes(['Slow login', 'Great onboarding']);
    const v = core.call('versions.save', { mapId, label: 'v1' });
    core.call('notes.deleteMany', { mapId, ids: [notes[0]!.id] });
    const restored = core.call('versions.restore', { id: v.id, mode: 'new' });
    expect(restored.id).not.toBe(mapId);
    expect(restored.noteCount).toBe(2);
    expect(restored.title).toBe('Kickoff (copy)');
    expect(textsOf(mapId)).toEqual(['Great onboarding']);
    expect(textsOf(restored.id)).toEqual(['Great onboarding', 'Slow login']);
  });

  it('restores over the map after saving the map as it was as an automatic version, so the restore can be undone', () => {
    const { mapId, notes } = mapWithNotes(['Slow login', 'Great onboarding']);
    const v = core.call('versions.save', { mapId, label: 'v1' });
    core.tick(60_000);
    core.call('notes.deleteMany', { mapId, ids: [notes[0]!.id] });
    core.call('notes.create', { mapId, text: 'Added later', x: 0, y: 300 });
    core.tick(60_000);
    const restored = core.call('versions.restore', { id: v.id, mode: 'over' });
    expect(restored.id).toBe(mapId);
    expect(textsOf(mapId)).toEqual(['Great onboarding', 'Slow login']);
    const list = core.call('versions.list', { mapId });
    expect(list[0]).toMatchObject({ id: restored.savedVersionId, auto: true, noteCount: 2 });
    expect(list[0]!.reason).toMatch(/Before restoring “v1”/);
    // Undo the restore: restore the automatic version.
    core.tick(60_000);
    core.call('versions.restore', { id: restored.savedVersionId!, mode: 'over' });
    expect(textsOf(mapId)).toEqual(['Added later', 'Great onboarding']);
    // Every version still reads back whole.
    for (const item of core.call('versions.list', { mapId })) expect(core.call('versions.get', { id: item.id }).map.id).toBe(mapId);
  });

  it('brings single notes back from a version, and refuses notes the version lacks', () => {
    const { mapId, notes } = mapWithNotes(['Slow login', 'Great onboarding']);
    const v = core.call('versions.save', { mapId, label: 'v1' });
    core.call('notes.deleteMany', { mapId, ids: [notes[0]!.id] });
    core.call('notes.updateMany', { mapId, notes: [{ id: notes[1]!.id, text: 'Onboarding' }] });
    expect(core.call('versions.restoreNotes', { id: v.id, noteIds: [notes[0]!.id, notes[1]!.id] })).toEqual({ restored: 2 });
    expect(textsOf(mapId)).toEqual(['Great onboarding', 'Slow login']);
    expect(core.fail('versions.restoreNotes', { id: v.id, noteIds: ['nope'] }).code).toBe('not_found');
  });

  it('saves an automatic version before the first change of each hour, never when nothing changed', () => {
    const { mapId, notes } = mapWithNotes(['a']);
    const edit = (text: string) => core.call('changes.apply', { mapId, changes: [change.update('note', notes[0]!.id, { text })] });
    edit('b');
    expect(core.call('versions.list', { mapId })).toHaveLength(1);
    core.tick(10 * 60_000);
    edit('c');
    expect(core.call('versions.list', { mapId })).toHaveLength(1);
    core.tick(HOURLY_MS);
    edit('d');
    const list = core.call('versions.list', { mapId });
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ auto: true, label: null });
    expect(core.call('versions.get', { id: list[0]!.id }).map.notes[0]!.text).toBe('c');
  });

  it('keeps versions as changes from the one before: all but the first are far smaller than the whole map', () => {
    const { mapId, notes } = mapWithNotes(Array.from({ length: 300 }, (_, i) => `Note number ${i} about the journey`));
    for (let round = 0; round < 5; round++) {
      core.tick(60_000);
      core.call('notes.updateMany', { mapId, notes: [{ id: notes[round]!.id, text: `Edited ${round}` }] });
      core.call('versions.save', { mapId, label: `v${round}` });
    }
    const list = core.call('versions.list', { mapId });
    expect(list).toHaveLength(5);
    // The first version is whole; each later one only the changes from the one before.
    const whole = list[4]!.storedBytes;
    for (const later of list.slice(0, 4)) expect(later.storedBytes).toBeLessThan(whole / 5);
    expect(core.call('versions.get', { id: list[0]!.id }).map.notes.find((n) => n.id === notes[4]!.id)!.text).toBe('Edited 4');
    expect(core.call('versions.get', { id: list[4]!.id }).map.notes.find((n) => n.id === notes[0]!.id)!.text).toBe('Edited 0');
    expect(core.call('versions.get', { id: list[4]!.id }).map.notes.find((n) => n.id === notes[1]!.id)!.text).toBe('Note number 1 about the journey');
  });

  it('thins automatic versions as they age, keeps labelled ones, and every version left reads back whole', () => {
    const { mapId, notes } = mapWithNotes(['a', 'b']);
    const saved = new Map<number, string>();
    for (let i = 0; i < 40; i++) {
      core.tick(6 * HOURLY_MS); // four versions a day for ten days
      core.call('changes.apply', { mapId, changes: [change.update('note', notes[0]!.id, { text: `t${i}` })] });
      if (i === 10) saved.set(i, core.call('versions.save', { mapId, label: 'Kept for good' }).id);
    }
    const list = core.call('versions.list', { mapId });
    expect(list.length).toBeLessThan(20);
    expect(list.some((v) => v.id === saved.get(10))).toBe(true);
    expect(core.call('versions.get', { id: saved.get(10)! }).map.notes[0]!.text).toBe('t10');
    // Each automatic version is the map as it was before the change that made it.
    for (const v of list.filter((x) => x.auto)) {
      const text = core.call('versions.get', { id: v.id }).map.notes[0]!.text;
      expect(text === 'a' || /^t\d+$/.test(text)).toBe(true);
    }
    expect(core.call('versions.get', { id: list[0]!.id }).map.notes[0]!.text).toBe('t38');
  });

  it('sets the living-document status and lists the next review date', () => {
    const { mapId } = mapWithNotes(['a']);
    expect(core.call('maps.setStatus', { id: mapId, owner: 'Dana', reviewedAt: '2026-01-01', nextReviewAt: '2026-04-01' })).toEqual({
      id: mapId,
      owner: 'Dana',
      reviewedAt: '2026-01-01',
      nextReviewAt: '2026-04-01',
    });
    expect(core.call('maps.get', { id: mapId })).toMatchObject({ owner: 'Dana', nextReviewAt: '2026-04-01' });
    expect(core.call('maps.list', {}).find((m) => m.id === mapId)!.nextReviewAt).toBe('2026-04-01');
    core.call('maps.setStatus', { id: mapId, owner: null });
    expect(core.call('maps.get', { id: mapId })).toMatchObject({ owner: null, reviewedAt: '2026-01-01' });
    expect(core.fail('maps.setStatus', { id: mapId, nextReviewAt: 'soon' }).code).toBe('invalid_input');
  });

  it('saveAutoVersion is there for other services and skips an unchanged map', () => {
    const { mapId } = mapWithNotes(['a']);
    const ctx = { db: core.db, repos: createRepos(core.db), now: () => Date.UTC(2026, 0, 2), newId: () => 'auto-1', resourcesDir: RESOURCES };
    const saved = core.db.transaction(() => saveAutoVersion(ctx, mapId, 'After the workshop step “Vote”'))();
    expect(saved).toMatchObject({ id: 'auto-1', auto: true, label: null, reason: 'After the workshop step “Vote”', noteCount: 1 });
    expect(core.db.transaction(() => saveAutoVersion({ ...ctx, newId: () => 'auto-2' }, mapId, 'again'))()).toBeNull();
    expect(core.call('versions.list', { mapId })).toHaveLength(1);
  });
});
