/**
 * Which of the machine's addresses a room listens on: its private-network ones, where phones on
 * the same Wi-Fi (or the laptop's own hotspot) can reach it, and never a public one. Pure: it reads
 * the interface list it is given (os.networkInterfaces()), so it is unit-tested with made-up lists.
 */
import type { NetworkInterfaceInfo } from 'node:os';

/** One address to listen on: `host` for listen(), `urlHost` for an address bar (v6 in brackets). */
export interface RoomAddress {
  family: 'IPv4' | 'IPv6';
  host: string;
  urlHost: string;
}

function v4Octets(address: string): number[] | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  const octets = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return octets.every((o) => o >= 0 && o <= 255) ? octets : null;
}

/** RFC 1918: 10/8, 172.16/12, 192.168/16. */
export function isPrivateV4(address: string): boolean {
  const o = v4Octets(address);
  if (!o) return false;
  return o[0] === 10 || (o[0] === 172 && o[1]! >= 16 && o[1]! <= 31) || (o[0] === 192 && o[1] === 168);
}

/** 169.254/16: what a machine gives itself when no one hands out addresses. */
export function isLinkLocalV4(address: string): boolean {
  const o = v4Octets(address);
  return o !== null && o[0] === 169 && o[1] === 254;
}

/** The first 16 bits of a v6 address, or null when it is not one. */
function v6FirstWord(address: string): number | null {
  if (!address.includes(':')) return null;
  const first = address.split(':')[0]!;
  if (first === '') return 0;
  return /^[0-9a-f]{1,4}$/i.test(first) ? parseInt(first, 16) : null;
}

/** Unique local addresses, fc00::/7. */
export function isUniqueLocalV6(address: string): boolean {
  const w = v6FirstWord(address);
  return w !== null && (w & 0xfe00) === 0xfc00;
}

/** fe80::/10. */
export function isLinkLocalV6(address: string): boolean {
  const w = v6FirstWord(address);
  return w !== null && (w & 0xffc0) === 0xfe80;
}

function toRoomAddress(info: NetworkInterfaceInfo, ifname: string): RoomAddress {
  if (info.family === 'IPv4') return { family: 'IPv4', host: info.address, urlHost: info.address };
  // A link-local v6 address means nothing without its interface (the zone); a URL writes % as %25.
  const zone = isLinkLocalV6(info.address) ? `%${ifname}` : '';
  return { family: 'IPv6', host: `${info.address}${zone}`, urlHost: `[${info.address}${zone.replace('%', '%25')}]` };
}

/**
 * The addresses a room should listen on, from `os.networkInterfaces()`: every private v4 address
 * (RFC 1918) and unique-local v6 address (fc00::/7) that is not the loopback, v4 first (shorter to
 * type, and what phones reach most often). Link-local addresses (169.254/16, fe80::/10) only when
 * there is nothing else. Empty: the machine is on no private network (no Wi-Fi).
 */
export function roomAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): RoomAddress[] {
  const preferred: RoomAddress[] = [];
  const linkLocal: RoomAddress[] = [];
  const seen = new Set<string>();
  for (const [ifname, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.internal) continue;
      const family = info.family as string | number;
      const v4 = family === 'IPv4' || family === 4;
      const normalised = { ...info, family: v4 ? 'IPv4' : 'IPv6' } as NetworkInterfaceInfo;
      const address = info.address.toLowerCase();
      if (v4 ? isPrivateV4(address) : isUniqueLocalV6(address)) {
        const room = toRoomAddress({ ...normalised, address }, ifname);
        if (!seen.has(room.host)) preferred.push(room);
        seen.add(room.host);
      } else if (v4 ? isLinkLocalV4(address) : isLinkLocalV6(address)) {
        const room = toRoomAddress({ ...normalised, address }, ifname);
        if (!seen.has(room.host)) linkLocal.push(room);
        seen.add(room.host);
      }
    }
  }
  const chosen = preferred.length > 0 ? preferred : linkLocal;
  return [...chosen.filter((a) => a.family === 'IPv4'), ...chosen.filter((a) => a.family === 'IPv6')];
}

/** The one address given as `bind` (room.open, `--room-bind`). */
export function boundAddress(bind: string): RoomAddress {
  return bind.includes(':')
    ? { family: 'IPv6', host: bind, urlHost: `[${bind.replace('%', '%25')}]` }
    : { family: 'IPv4', host: bind, urlHost: bind };
}
