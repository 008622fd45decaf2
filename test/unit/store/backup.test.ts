import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDir, backupStore, backupTime, KEEP_BACKUPS, listBackups, scheduleBackups } from '../../../electron/store/backup';
import { openDatabase, type Db } from '../../../electron/store/db';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-backup-'));
  db = openDatabase(path.join(dir, 'journeyboard.sqlite'));
  db.prepare("INSERT INTO maps (id, title, created_at, updated_at) VALUES ('m1', 'Kickoff', 1, 1)").run();
});
afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const titlesIn = (file: string) => {
  const copy = new Database(file, { readonly: true });
  try {
    return copy.prepare('SELECT title FROM maps ORDER BY title').pluck().all();
  } finally {
    copy.close();
  }
};

describe('rolling backups', () => {
  it('writes a complete copy under a name that says when, with nothing half-written left', async () => {
    const at = Date.UTC(2026, 10, 29, 22, 4, 44, 123);
    const file = await backupStore(db, dir, { now: () => at });
    expect(path.basename(file)).toBe('journeyboard-20261129-220444-123.sqlite');
    expect(backupTime(file)).toBe(at);
    expect(titlesIn(file)).toEqual(['Kickoff']);
    expect(fs.readdirSync(backupDir(dir))).toEqual([path.basename(file)]);
  });

  it(`keeps the newest ${KEEP_BACKUPS} and removes older ones`, async () => {
    let clock = Date.UTC(2026, 0, 1);
    const made: string[] = [];
    for (let i = 0; i < KEEP_BACKUPS + 3; i++) {
      db.prepare('UPDATE maps SET title = ?').run(`Version ${String(i).padStart(2, '0')}`);
      made.push(await backupStore(db, dir, { now: () => (clock += 60_000) }));
    }
    const kept = listBackups(dir);
    expect(kept).toHaveLength(KEEP_BACKUPS);
    expect(kept).toEqual(made.slice(-KEEP_BACKUPS).reverse()); // newest first
    expect(titlesIn(kept[0]!)).toEqual(['Version 12']);
    expect(titlesIn(kept.at(-1)!)).toEqual(['Version 03']);
  });

  it('gives two backups in one millisecond different names', async () => {
    const a = await backupStore(db, dir, { now: () => 5 });
    const b = await backupStore(db, dir, { now: () => 5 });
    expect(a).not.toBe(b);
    expect(listBackups(dir)).toEqual([b, a]);
  });

  it('removes a temporary file a killed backup left behind', async () => {
    fs.mkdirSync(backupDir(dir), { recursive: true });
    const leftover = path.join(backupDir(dir), 'journeyboard-20260101-000000-000.sqlite.tmp-999999999');
    fs.writeFileSync(leftover, 'half');
    await backupStore(db, dir);
    expect(fs.existsSync(leftover)).toBe(false);
  });

  it('backs up on schedule only when something changed since the last backup', async () => {
    const schedule = scheduleBackups(db, dir, { intervalMs: 3_600_000 });
    try {
      expect(await schedule.backupIfChanged()).toBeNull();
      db.prepare("UPDATE maps SET title = 'Renamed'").run();
      const file = await schedule.backupIfChanged();
      expect(file).not.toBeNull();
      expect(titlesIn(file!)).toEqual(['Renamed']);
      expect(await schedule.backupIfChanged()).toBeNull();
    } finally {
      schedule.stop();
    }
  });
});
