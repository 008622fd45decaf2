/**
 * Size limits, in one place. Every check and every message that names a limit reads it from here.
 */

/** The largest map file (.journey or JSON export) Journeyboard opens. */
export const MAP_FILE_MAX_BYTES = 200 * 1024 * 1024;
/** The same limit as it reads in a message: "200 MB". */
export const MAP_FILE_MAX_LABEL = `${MAP_FILE_MAX_BYTES / 1024 / 1024} MB`;
/** A map file sent through the API as base64 or text: 4/3 of the file, plus room for JSON escaping. */
export const MAP_FILE_MAX_CHARS = 280_000_000;
/** The web server's limit on one ordinary API request body, in bytes (UTF-8). */
export const API_BODY_MAX_BYTES = 1024 * 1024;
/** Most items in one batch call (notes.createMany, changes.apply, ...) and most records of one kind in an imported map. */
export const BATCH_MAX = 50_000;
/** `BATCH_MAX` as it reads in a message. */
export const BATCH_MAX_LABEL = '50,000';
