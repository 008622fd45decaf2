import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** The first `:root { ... }` block's custom properties, whitespace folded. */
function rootTokens(css: string): Map<string, string> {
  const start = css.indexOf(':root {');
  const block = css.slice(start, css.indexOf('\n}', start));
  return new Map([...block.matchAll(/(--[\w-]+):\s*([^;]*);/g)].map((m) => [m[1]!, m[2]!.replace(/\s+/g, ' ').trim()]));
}

/** A value with each light-dark(a, b) replaced by a. */
function lightSide(value: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const j = value.indexOf('light-dark(', i);
    if (j < 0) return out + value.slice(i);
    out += value.slice(i, j);
    let k = j + 'light-dark('.length;
    let depth = 1;
    let first = '';
    let inFirst = true;
    for (; depth > 0; k++) {
      const c = value[k]!;
      if (c === '(') depth++;
      if (c === ')') depth--;
      if (depth === 1 && c === ',') inFirst = false;
      else if (inFirst && depth > 0) first += c;
    }
    out += first.trim();
    i = k;
  }
}

describe('phone page palette', () => {
  it('gives browsers without light-dark() the light side of every token, as base.css and participant.css write it', () => {
    const page = read('renderer/participant/participant.css');
    const fallbackAt = page.indexOf('@supports not (color: light-dark(#000, #fff))');
    expect(fallbackAt).toBeGreaterThan(0);
    const fallback = new Map(
      [...page.slice(fallbackAt, page.indexOf('\n}', fallbackAt)).matchAll(/(--[\w-]+):\s*([^;]*);/g)].map((m) => [
        m[1]!,
        m[2]!.replace(/\s+/g, ' ').trim(),
      ]),
    );
    const twoSided = [...rootTokens(read('renderer/styles/base.css')), ...rootTokens(page)].filter(([, v]) =>
      v.includes('light-dark('),
    );
    expect(twoSided.length).toBeGreaterThan(20);
    for (const [name, value] of twoSided) expect(fallback.get(name), name).toBe(lightSide(value));
    expect(fallback.size).toBe(twoSided.length);
  });
});
