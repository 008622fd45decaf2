import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayProblem, electronBinaryPath, fallbackLine, QUICK_TIMEOUT_MS } from '../../../scripts/start.mjs';

describe('npm start', () => {
  it('says why in one line before starting web mode', () => {
    const line = fallbackLine('Electron is not available on this machine (could not download its binary).');
    expect(line).toBe('Electron is not available on this machine (could not download its binary); starting web mode instead.');
    expect(line).not.toContain('\n');
  });

  it('never waits long for a download that cannot happen', () => {
    expect(QUICK_TIMEOUT_MS).toBeLessThanOrEqual(30_000);
  });

  it('needs a display on Linux only', () => {
    expect(displayProblem('linux', {})).toMatch(/no display/);
    expect(displayProblem('linux', { DISPLAY: ':0' })).toBeNull();
    expect(displayProblem('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeNull();
    expect(displayProblem('darwin', {})).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const root = path.resolve('/nowhere');
    expect(electronBinaryPath(root, {})).toBeNull();
    expect(electronBinaryPath(root, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' })).toBe(path.join('/opt/electron', 'electron'));
  });
});
