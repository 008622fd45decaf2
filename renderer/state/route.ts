import { useSyncExternalStore } from 'react';

/** Where the app is: the map list, or one map. Kept in the URL hash so a reload reopens it. */
export type Route = { screen: 'home' } | { screen: 'map'; mapId: string };

export function parseHash(hash: string): Route {
  const m = /^#\/map\/([^/?#]+)$/.exec(hash);
  return m ? { screen: 'map', mapId: decodeURIComponent(m[1]!) } : { screen: 'home' };
}

export function navigate(route: Route): void {
  // Only the hash changes (web mode's token has already left the address: see api/client.ts).
  window.location.hash = route.screen === 'map' ? `#/map/${encodeURIComponent(route.mapId)}` : '#/';
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}
