import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, isAppUrl, mimeType, resolveAppRequest } from '../../../electron/app/appProtocol';

const root = path.resolve('/app/dist/renderer');

describe('resolveAppRequest', () => {
  it('serves index.html for the root and files under dist/renderer', () => {
    expect(resolveAppRequest(root, 'app://journeyboard/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppRequest(root, APP_INDEX_URL)).toBe(path.join(root, 'index.html'));
    expect(resolveAppRequest(root, 'app://journeyboard/assets/index-abc.js?v=1#x')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppRequest(root, 'app://journeyboard/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it('keeps dot segments inside dist/renderer (the URL parser folds them first)', () => {
    expect(resolveAppRequest(root, 'app://journeyboard/../main.cjs')).toBe(path.join(root, 'main.cjs'));
    expect(resolveAppRequest(root, 'app://journeyboard/%2e%2e/%2e%2e/package.json')).toBe(path.join(root, 'package.json'));
  });

  it('refuses anything outside dist/renderer or not ours', () => {
    for (const url of [
      'app://journeyboard/assets/..%2f..%2f..%2fsecret',
      'app://journeyboard/a%5c..%5c..%5csecret',
      'app://journeyboard/%00',
      'app://journeyboard/%E0%A4%A',
      'app://evil/index.html',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(resolveAppRequest(root, url), url).toBeNull();
    }
  });
});

describe('isAppUrl', () => {
  it('accepts only our origin', () => {
    expect(isAppUrl('app://journeyboard/index.html')).toBe(true);
    expect(isAppUrl('app://journeyboard.evil/index.html')).toBe(false);
    expect(isAppUrl('http://journeyboard/')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('mimeType', () => {
  it('knows what vite emits', () => {
    expect(mimeType('/x/index.html')).toMatch(/^text\/html/);
    expect(mimeType('/x/a.JS')).toMatch(/^text\/javascript/);
    expect(mimeType('/x/a.css')).toMatch(/^text\/css/);
    expect(mimeType('/x/a.svg')).toBe('image/svg+xml');
    expect(mimeType('/x/a.woff2')).toBe('font/woff2');
    expect(mimeType('/x/a.bin')).toBe('application/octet-stream');
  });
});
