import { describe, expect, it } from 'vitest';
import type { MapSummary } from '../../../shared/domain';
import { lastOpenMap, rememberOpenMap } from '../../../renderer/screens/lastMap';
import { loadSort, saveSort, visibleMaps } from '../../../renderer/screens/mapListView';

const map = (title: string, updatedAt: number) => ({ id: title, title, updatedAt, createdAt: 0, noteCount: 0 }) as unknown as MapSummary;
const maps = [map('Zebra onboarding', 3), map('café kickoff', 1), map('Map 10', 2), map('Map 9', 4)];
const titles = (list: MapSummary[]) => list.map((m) => m.title);

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (k: string) => values.get(k) ?? null,
    setItem: (k: string, v: string) => void values.set(k, v),
    removeItem: (k: string) => void values.delete(k),
  };
}

describe('home screen list', () => {
  it('sorts by last edit (newest first) or by name (numbers in order, case ignored)', () => {
    expect(titles(visibleMaps(maps, '', 'edited'))).toEqual(['Map 9', 'Zebra onboarding', 'Map 10', 'café kickoff']);
    expect(titles(visibleMaps(maps, '', 'name'))).toEqual(['café kickoff', 'Map 9', 'Map 10', 'Zebra onboarding']);
  });

  it('filters on every word typed, ignoring case and accents', () => {
    expect(titles(visibleMaps(maps, 'CAFE', 'name'))).toEqual(['café kickoff']);
    expect(titles(visibleMaps(maps, ' map  1 ', 'name'))).toEqual(['Map 10']);
    expect(visibleMaps(maps, 'nothing like it', 'name')).toEqual([]);
  });

  it('remembers the order chosen; anything else stored reads as the default', () => {
    const storage = memoryStorage();
    expect(loadSort(storage)).toBe('edited');
    saveSort('name', storage);
    expect(loadSort(storage)).toBe('name');
    storage.setItem('journeyboard.home.sort', 'bogus');
    expect(loadSort(storage)).toBe('edited');
    const broken = { getItem: () => { throw new Error('denied'); } };
    expect(loadSort(broken)).toBe('edited');
  });

  it('remembers the open map, and forgets it back on the home screen', () => {
    const storage = memoryStorage();
    expect(lastOpenMap(storage)).toBeNull();
    rememberOpenMap('m1', storage);
    expect(lastOpenMap(storage)).toBe('m1');
    rememberOpenMap(null, storage);
    expect(lastOpenMap(storage)).toBeNull();
  });
});
