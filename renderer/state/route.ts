import { useSyncExternalStore } from 'react';

/**
 * Where the app is: the map list, one map, or a map's room view (a page of its own for the
 * projector, renderer/room). Kept in the URL hash so a reload reopens it.
 */
export type Route = { screen: 'home' } | { screen: 'map'; mapId: string } | { screen: 'room'; mapId: string };

export function parseHash(hash: string): Route {
  const m = /^#\/(map|room)\/([^/?#]+)$/.exec(hash);
  if (!m) return { screen: 'home' };
  let mapId: string;
  try {
    mapId = decodeURIComponent(m[2]!);
  } catch {
    return { screen: 'home' };
  }
  return { screen: m[1] === 'room' ? 'room' : 'map', mapId };
}

/** The hash of a map's room view. */
export function roomHash(mapId: string): string {
  return `#/room/${encodeURIComponent(mapId)}`;
}

export function navigate(route: Route): void {
  // Only the hash changes (web mode's token has already left the address: see api/client.ts).
  window.location.hash =
    route.screen === 'map' ? `#/map/${encodeURIComponent(route.mapId)}` : route.screen === 'room' ? roomHash(route.mapId) : '#/';
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}
