import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { HTML_EXPORT_CSP, htmlText, mapToHtml } from '../../../shared/export/index';
import { HTML_EXPORT_SCRIPT_HASH } from '../../../shared/export/html';
import { layoutFrame } from '../../../shared/journey/index';
import { bigMap } from './bigMap';
import { goldenMap } from './fixture';
import { roomScoredMap } from './roomFixture';

const evil: JourneyMap = {
  ...goldenMap,
  title: '</title><script>alert(0)</script>',
  lanes: [...goldenMap.lanes, { id: 'l4', mapId: 'm1', name: 'Emotions <i>', kind: 'emotions', position: 3, collapsed: true }],
  notes: [
    ...goldenMap.notes,
    { ...goldenMap.notes[1]!, id: 'x1', text: '<script>alert(1)</script>' },
    { ...goldenMap.notes[1]!, id: 'x2', text: '<img src=x onerror=alert(2)> " onmouseover="alert(3)', author: "O'Brien" },
    { ...goldenMap.notes[1]!, id: 'x3', text: 'glad', sentiment: 2, laneId: 'l4', kind: 'emotion' },
  ],
};

describe('HTML export', () => {
  it('escapes every text: no markup a participant typed survives', () => {
    const html = mapToHtml(evil);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('" onmouseover="');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;alert(0)&lt;/script&gt;');
    expect(html).toContain('O&#39;Brien');
    expect(html.match(/<script>/g)).toHaveLength(1); // only the pan/zoom script
    expect(htmlText('a & <b> "c" \'d\'\u0000')).toBe('a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;');
  });

  it('loads nothing from anywhere: no URL in src, href or url(), and a strict CSP', () => {
    const html = mapToHtml(evil);
    expect(html).not.toMatch(/\b(src|href|action|srcset|poster|data)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|<link\b|<iframe\b|<object\b|<embed\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(?!data:)[a-z]+:/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${HTML_EXPORT_CSP}">`);
    expect(HTML_EXPORT_CSP).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/]{43}='; img-src data:/);
    expect(HTML_EXPORT_CSP).not.toContain("script-src 'unsafe-inline'");
  });

  it("allows exactly its own script: the CSP's hash is the SHA-256 of the page's one inline script", () => {
    const html = mapToHtml(evil);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    // The hash CSP checks: of the script element's text exactly as the browser reads it.
    const digest = `sha256-${createHash('sha256').update(scripts[0]!, 'utf8').digest('base64')}`;
    expect(HTML_EXPORT_SCRIPT_HASH, 'the pan/zoom script changed: set HTML_EXPORT_SCRIPT_HASH in shared/export/html.ts to this value').toBe(digest);
    expect(HTML_EXPORT_CSP).toContain(`script-src '${digest}'`);
    // The same script whatever the map: the hash does not depend on what people typed.
    expect(mapToHtml(goldenMap)).toContain(`<script>${scripts[0]}</script>`);
    // The browser's HTML parser turns CR LF into LF before hashing: the script has no CR to lose.
    expect(scripts[0]).not.toContain('\r');
  });

  it('shows the frame: stage headers, lane rows, notes in their cells, free notes beside it, the curve', () => {
    const html = mapToHtml(evil);
    expect(html).toContain('1. Join');
    expect(html).toContain('Signs up online');
    expect(html).toContain('Emotions &lt;i&gt;');
    expect(html).toContain('Not yet placed');
    expect(html).toContain('# not a heading');
    expect(html).toMatch(/<svg class="curve"[^>]*>.*<path d="M [\d.]+ [\d.]+ C /s);
    // Each note card sits where the frame puts it (collapsed lanes shown expanded).
    const frame = layoutFrame({
      origin: { x: 0, y: 0 },
      stages: evil.stages,
      lanes: evil.lanes.map((l) => ({ ...l, collapsed: false })),
      notes: [...evil.notes].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)),
    });
    const n1 = frame.placements.find((p) => p.id === 'n1')!;
    expect(html).toContain(`left:${n1.x}px;top:${n1.y}px;width:160px;height:160px`);
  });

  it("shows the persona's photo only as an allowed data: image", () => {
    const withPhoto = (photo: string) => ({ ...goldenMap, personas: goldenMap.personas.map((p) => ({ ...p, photo })) });
    expect(mapToHtml(withPhoto('data:image/png;base64,iVBORw0KGgo='))).toContain('<img class="av" alt="" src="data:image/png;base64,iVBORw0KGgo=">');
    const bad = mapToHtml(withPhoto('https://example.com/x.png'));
    expect(bad).not.toContain('example.com');
    expect(bad).toContain('<span class="av"'); // initials instead
    expect(mapToHtml(withPhoto('data:image/svg+xml;base64,PHN2Zz4='))).not.toContain('svg+xml');
  });

  it('has pan and zoom controls', () => {
    const html = mapToHtml(goldenMap);
    expect(html).toContain('id="zi"');
    expect(html).toContain('id="zo"');
    expect(html).toContain('id="zf"');
    expect(html).toContain("addEventListener('wheel'");
    expect(html).toContain("addEventListener('pointerdown'");
  });

  it('is deterministic and exports 5,000 notes quickly', () => {
    expect(mapToHtml(goldenMap)).toBe(mapToHtml(goldenMap));
    const html = mapToHtml(bigMap(5000));
    expect(html.match(/class="n"/g)).toHaveLength(5000);
  });
});

describe('HTML export faces', () => {
  it('draws emotion faces as SVG shapes, never emoji (a stock Debian font has no slightly-frowning face)', () => {
    const html = mapToHtml(evil);
    expect(html).not.toMatch(/\p{Extended_Pictographic}/u);
    // The stage header's face names its feeling for a screen reader; the curve has one face per stage.
    expect(html).toMatch(/<svg class="face"[^>]*role="img" aria-label="[A-Z][a-z ]+ \([+-]?\d\.\d/);
    expect(html).toMatch(/<g transform="translate\([\d.]+ [\d.]+\)"><circle class="fh"/);
    expect(html).toMatch(/<path class="fm"[^>]*d="M -?[\d.]+ -?[\d.]+ Q 0 /);
  });
});

describe('HTML export with the room\'s emotion scores (issue 14)', () => {
  it('draws the band of the room\'s spread under the curve, n under each scored stage, and the figures in the face\'s label', () => {
    const html = mapToHtml(roomScoredMap());
    // One band over both stages (neighbours), before the curve itself.
    const svg = /<svg class="curve"[^>]*>(.*?)<\/svg>/s.exec(html)![1]!;
    expect(svg.match(/<path class="band" d="M [^"]+ Z"\/>/g)).toHaveLength(1);
    expect(svg.indexOf('class="band"')).toBeLessThan(svg.search(/<path d="M /));
    expect(svg).toContain('>n = 7</text>');
    expect(svg).toContain('>n = 2</text>');
    expect(html).toContain('the room: mean −0.3 (−2 to +1, middle half −1 to +0.5), n = 7');
    // The facilitator's -2 wins over the room's mean of -0.5; the room's figures are still told.
    expect(html).toContain('Very negative (-2.0, set by the facilitator; the room: mean −0.5 (−1 to 0), n = 2)');
    // Without room scores, no band.
    expect(mapToHtml(evil)).not.toContain('class="band"');
  });
});
