// What the home screen shows of the map list: filtered by a search as you type, sorted by name or
// by last edit. Pure, so it is tested without a page.
import type { MapSummary } from '../../shared/domain';

export type MapSort = 'edited' | 'name';
export const MAP_SORTS: ReadonlyArray<{ id: MapSort; label: string }> = [
  { id: 'edited', label: 'Last edited' },
  { id: 'name', label: 'Name' },
];

const SORT_KEY = 'journeyboard.home.sort';

/** Case- and accent-insensitive form for matching ("Café" matches "cafe"). */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The maps whose title holds every word of `query`, in the chosen order. */
export function visibleMaps(maps: readonly MapSummary[], query: string, sort: MapSort): MapSummary[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const shown = words.length === 0 ? [...maps] : maps.filter((m) => words.every((w) => fold(m.title).includes(w)));
  return shown.sort((a, b) =>
    sort === 'name' ? collator.compare(a.title, b.title) || b.updatedAt - a.updatedAt : b.updatedAt - a.updatedAt || collator.compare(a.title, b.title),
  );
}

export function loadSort(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): MapSort {
  try {
    return storage?.getItem(SORT_KEY) === 'name' ? 'name' : 'edited';
  } catch {
    return 'edited'; // storage switched off: the default order
  }
}

export function saveSort(sort: MapSort, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(SORT_KEY, sort);
  } catch {
    // Not remembered; the order still changes for this visit.
  }
}
