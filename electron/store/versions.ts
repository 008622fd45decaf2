/**
 * The versions table (migration 005): statements and the payload codec. A payload is JSON, either
 * `{"full": MapDocument}` or `{"delta": Delta}`, compressed with raw deflate (node:zlib).
 */
import zlib from 'node:zlib';
import type { Db } from './db';

export interface DbVersion {
  id: string;
  map_id: string;
  label: string | null;
  auto: number;
  reason: string;
  created_at: number;
  note_count: number;
  pain_point_count: number;
  vote_count: number;
  /** Null: the payload is the whole document. Otherwise a delta that turns the base version's document into this one's. */
  base_id: string | null;
  payload: Buffer;
  raw_bytes: number;
}

/** A version without its payload (lists, chains). */
export type DbVersionMeta = Omit<DbVersion, 'payload'> & { stored_bytes: number };

const META = `id, map_id, label, auto, reason, created_at, note_count, pain_point_count, vote_count, base_id, raw_bytes, length(payload) AS stored_bytes`;
const COLUMNS = ['id', 'map_id', 'label', 'auto', 'reason', 'created_at', 'note_count', 'pain_point_count', 'vote_count', 'base_id', 'payload', 'raw_bytes'];

export function createVersionRepo(db: Db) {
  return {
    /** Newest first (ties by insertion order). */
    metaOfMap: db.prepare<[string], DbVersionMeta>(`SELECT ${META} FROM versions WHERE map_id = ? ORDER BY created_at DESC, rowid DESC`),
    newestOfMap: db.prepare<[string], DbVersionMeta>(`SELECT ${META} FROM versions WHERE map_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`),
    newestTime: db.prepare<[string], { t: number | null }>('SELECT max(created_at) AS t FROM versions WHERE map_id = ?'),
    get: db.prepare<[string], DbVersion>('SELECT * FROM versions WHERE id = ?'),
    meta: db.prepare<[string], DbVersionMeta>(`SELECT ${META} FROM versions WHERE id = ?`),
    /** Every row of a map, oldest first (the .journey copy). */
    allOfMap: db.prepare<[string], DbVersion>('SELECT * FROM versions WHERE map_id = ? ORDER BY created_at, rowid'),
    childrenOf: db.prepare<[string], DbVersion>('SELECT * FROM versions WHERE base_id = ?'),
    insert: db.prepare<[DbVersion]>(`INSERT INTO versions (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`),
    setPayload: db.prepare<[{ id: string; base_id: string | null; payload: Buffer; raw_bytes: number }]>(
      'UPDATE versions SET base_id = @base_id, payload = @payload, raw_bytes = @raw_bytes WHERE id = @id',
    ),
    delete: db.prepare<[string]>('DELETE FROM versions WHERE id = ?'),
  };
}

export type VersionRepo = ReturnType<typeof createVersionRepo>;

/** Largest payload, once inflated, that Journeyboard reads (a 50,000-note map is about 30 MB). */
export const PAYLOAD_MAX_BYTES = 64 * 1024 * 1024;

export function encodePayload(value: unknown): { payload: Buffer; raw_bytes: number } {
  const raw = Buffer.from(JSON.stringify(value), 'utf8');
  return { payload: zlib.deflateRawSync(raw, { level: 6 }), raw_bytes: raw.length };
}

/**
 * A payload read back. `maxBytes` caps what inflating may produce (a decompression bomb stops
 * there with an error instead of taking the memory).
 */
export function decodePayload(payload: Buffer | Uint8Array, maxBytes = PAYLOAD_MAX_BYTES): unknown {
  return JSON.parse(inflatePayload(payload, maxBytes).toString('utf8'));
}

/** A payload's JSON bytes, inflated to at most `maxBytes` (more fails with ERR_BUFFER_TOO_LARGE). */
export function inflatePayload(payload: Buffer | Uint8Array, maxBytes = PAYLOAD_MAX_BYTES): Buffer {
  return zlib.inflateRawSync(payload, { maxOutputLength: Math.max(1, Math.min(maxBytes, PAYLOAD_MAX_BYTES)) });
}
