// File > Open Recent and the OS's recent documents: the .journey files last opened or saved, kept
// as a small JSON list in the user-data folder. Only a type import from 'electron': the list is
// plain Node, unit-tested without Electron; main.ts feeds it to the menu and app.addRecentDocument.
import fs from 'node:fs';
import path from 'node:path';
import { JOURNEY_EXTENSION } from './args';
import { readJson, writeJsonAtomic } from './jsonFile';

/** How many files File > Open Recent lists. */
export const RECENT_MAX = 10;
export const RECENT_FILE = 'recent-files.json';

/** Reads the list, keeping only absolute .journey paths that still exist (newest first). */
export function readRecentFiles(userData: string, exists: (file: string) => boolean = fs.existsSync): string[] {
  // None yet, or unreadable: start a new list rather than refuse to start.
  const parsed = readJson(path.join(userData, RECENT_FILE));
  const files = parsed !== null && typeof parsed === 'object' && Array.isArray((parsed as { files?: unknown }).files) ? (parsed as { files: unknown[] }).files : [];
  const out: string[] = [];
  for (const file of files) {
    if (typeof file !== 'string' || file.includes('\0') || !path.isAbsolute(file)) continue;
    if (!file.toLowerCase().endsWith(JOURNEY_EXTENSION) || out.includes(file) || !exists(file)) continue;
    out.push(file);
    if (out.length === RECENT_MAX) break;
  }
  return out;
}

/** The recent list in memory and on disk. `changed` runs after every change (to rebuild the menu). */
export function createRecentFiles(userData: string, changed: (files: string[]) => void = () => {}) {
  let files = readRecentFiles(userData);

  function save(): void {
    try {
      writeJsonAtomic(path.join(userData, RECENT_FILE), { version: 1, files });
    } catch (err) {
      // The list is a convenience: a full disk must not stop the file itself from opening.
      console.error('Journeyboard: could not save the recent files list:', err);
    }
    changed(files);
  }

  return {
    list: (): string[] => [...files],
    /** Puts `file` first; only .journey files are remembered. Returns whether it was added. */
    add(file: string): boolean {
      if (!path.isAbsolute(file) || !file.toLowerCase().endsWith(JOURNEY_EXTENSION)) return false;
      files = [file, ...files.filter((f) => f !== file)].slice(0, RECENT_MAX);
      save();
      return true;
    },
    remove(file: string): void {
      if (!files.includes(file)) return;
      files = files.filter((f) => f !== file);
      save();
    },
    clear(): void {
      files = [];
      save();
    },
    /** Drops files deleted or moved since they were listed. */
    prune(exists: (file: string) => boolean = fs.existsSync): void {
      const kept = files.filter((f) => exists(f));
      if (kept.length !== files.length) {
        files = kept;
        save();
      }
    },
  };
}

export type RecentFiles = ReturnType<typeof createRecentFiles>;
