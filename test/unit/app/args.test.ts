import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forwardedJourneyFile, isJourneyPath, parseAppArgs, userArgv } from '../../../electron/app/args';

const cwd = path.resolve('/home/ana/workshops');

describe('userArgv', () => {
  it('drops the executable, and the app folder when started as `electron .`', () => {
    expect(userArgv(['/opt/Journeyboard/journeyboard', 'a.journey'], false)).toEqual(['a.journey']);
    expect(userArgv(['/x/electron', '/repo', '--data-dir', 'd'], true)).toEqual(['--data-dir', 'd']);
  });
});

describe('parseAppArgs', () => {
  it('reads --data-dir in both spellings, resolved against cwd', () => {
    expect(parseAppArgs(['--data-dir', 'data'], cwd)).toEqual({ ok: true, args: { dataDir: path.join(cwd, 'data') } });
    expect(parseAppArgs(['--data-dir=/tmp/jb'], cwd)).toEqual({ ok: true, args: { dataDir: path.resolve('/tmp/jb') } });
  });

  it('refuses --data-dir with no folder', () => {
    for (const argv of [['--data-dir'], ['--data-dir='], ['--data-dir', '--enable-logging']]) {
      const parsed = parseAppArgs(argv, cwd);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/--data-dir needs a folder/);
    }
  });

  it('takes the first .journey path and ignores Chromium switches and other files', () => {
    const parsed = parseAppArgs(['--enable-logging', 'notes.txt', 'Kickoff.JOURNEY', 'b.journey'], cwd);
    expect(parsed).toEqual({ ok: true, args: { openFile: path.join(cwd, 'Kickoff.JOURNEY') } });
  });

  it('gives nothing for no arguments', () => {
    expect(parseAppArgs([], cwd)).toEqual({ ok: true, args: {} });
  });
});

describe('isJourneyPath', () => {
  it('matches the extension case-insensitively, never a switch', () => {
    expect(isJourneyPath('a.journey')).toBe(true);
    expect(isJourneyPath('A.Journey')).toBe(true);
    expect(isJourneyPath('a.journey.bak')).toBe(false);
    expect(isJourneyPath('--x=a.journey')).toBe(false);
  });
});

describe('forwardedJourneyFile (second launch)', () => {
  it('prefers the additionalData the second instance sent', () => {
    expect(forwardedJourneyFile({ openFile: '/maps/a.journey' }, ['/exe', 'other.journey'], cwd)).toBe(path.resolve('/maps/a.journey'));
  });

  it('falls back to its argv, resolved against its own working directory', () => {
    expect(forwardedJourneyFile({}, ['/exe', '--some-switch', 'b.journey'], '/elsewhere')).toBe(path.resolve('/elsewhere', 'b.journey'));
    expect(forwardedJourneyFile(null, ['/exe'], cwd)).toBeUndefined();
    expect(forwardedJourneyFile({ openFile: 42 }, ['/exe'], cwd)).toBeUndefined();
  });
});
