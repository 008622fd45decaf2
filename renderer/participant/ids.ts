/**
 * Ids made on the phone (a note's id, the device's id). `crypto.randomUUID` exists only in a secure
 * context (https or localhost), and a room is plain http on the local network, so the page makes a
 * version-4 UUID from `crypto.getRandomValues`, which every browser offers on http too.
 */

/** A version-4 UUID from 16 random bytes (RFC 9562 layout). */
export function uuidFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 16) throw new Error('a UUID needs 16 random bytes');
  const b = Array.from(bytes.slice(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A new random id. */
export function newId(c: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = globalThis.crypto): string {
  if (typeof c.randomUUID === 'function' && globalThis.isSecureContext !== false) return c.randomUUID();
  return uuidFromBytes(c.getRandomValues(new Uint8Array(16)));
}
