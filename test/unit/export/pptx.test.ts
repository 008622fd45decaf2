import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { mapToPptx } from '../../../shared/export/index';
import { bigMap } from './bigMap';
import { goldenMap } from './fixture';
import { roomScoredMap } from './roomFixture';

async function slides(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files)
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
  return Promise.all(names.map((n) => zip.file(n)!.async('string')));
}

describe('PowerPoint export', () => {
  it('has a title slide with the persona, an overview, a table of counts, a slide per stage, then top pain points and opportunities', async () => {
    const xml = await slides(await mapToPptx(goldenMap));
    expect(xml).toHaveLength(3 + goldenMap.stages.length + 2);
    expect(xml[0]).toContain('Gym membership – as-is');
    expect(xml[0]).toContain('Customer journey map');
    expect(xml[0]).toContain('>Sam<');
    expect(xml[0]).toContain('Night-shift nurse');
    expect(xml[1]).toContain('The journey at a glance');
    expect(xml[2]).toContain('Notes per stage and lane');
    expect(xml[2]).toContain('1. Join');
    expect(xml[2]).toContain('Very negative'); // Cancel is set to -2
    expect(xml[3]).toContain('1. Join');
    expect(xml[4]).toContain('2. Cancel');
    expect(xml[5]).toContain('Top pain points');
    expect(xml[6]).toContain('Opportunities');
  });

  it('draws emotion faces as shapes (no emoji anywhere in the deck) and the curve as a native line chart', async () => {
    const bytes = await mapToPptx(goldenMap);
    const xml = await slides(bytes);
    expect(xml.join('')).not.toMatch(/\p{Extended_Pictographic}/u);
    // Cancel (-2): a head, two eyes and a frowning arc beside the stage title.
    expect(xml[4]).toContain('name="2. Cancel face"');
    expect(xml[4]).toMatch(/prstGeom prst="arc"/);
    const zip = await JSZip.loadAsync(bytes);
    const charts = Object.keys(zip.files).filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(1);
    const chart = await zip.file(charts[0]!)!.async('string');
    expect(chart).toContain('<c:lineChart>');
    expect(chart).toContain('1. Join');
    expect(chart).toContain('<c:v>-2</c:v>');
    expect(await zip.file('ppt/slides/_rels/slide2.xml.rels')!.async('string')).toMatch(/relationships\/chart"/);
  });

  it('puts the picture of the map it is given on the overview slide', async () => {
    // A 2 × 1 PNG (the worker passes a real picture of the board; see test/browser/files/pptxExport.test.ts).
    const png = Uint8Array.from(
      atob('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR42mP8z8Dwn4EIwDiqEAD7FgL/3ULP1QAAAABJRU5ErkJggg=='),
      (c) => c.charCodeAt(0),
    );
    const zip = await JSZip.loadAsync(await mapToPptx(goldenMap, { mapImage: { png, width: 2, height: 1 } }));
    const rels = await zip.file('ppt/slides/_rels/slide2.xml.rels')!.async('string');
    const media = /Target="\.\.\/media\/([^"]+)"/.exec(rels)![1]!;
    expect(await zip.file(`ppt/media/${media}`)!.async('uint8array')).toEqual(png);
    expect(await zip.file('ppt/slides/slide2.xml')!.async('string')).toContain('as on the board');
  });

  it('writes note texts escaped, as editable text boxes in their stage slide', async () => {
    const xml = await slides(await mapToPptx(goldenMap));
    expect(xml[3]).toContain('fills in the form, &quot;quickly&quot;');
    expect(xml[3]).toContain('card declined');
    expect(xml[4]).toContain('=HYPERLINK(&quot;http://x&quot;) only by *letter*');
    expect(xml[4]).toContain('let people cancel in the app');
    expect(xml[4]).toMatch(/<p:sp>.*txBox="1"|<p:txBody>/s);
    expect(xml[4]).toContain('FFF3A3'); // the yellow sticky-note fill
    expect(xml.join('')).not.toContain('# not a heading'); // not yet placed: left out of the deck
    const evil = { ...goldenMap, notes: [...goldenMap.notes, { ...goldenMap.notes[1]!, id: 'n9', text: '<b>&amp; "x" \u0001</b>' }] };
    const evilXml = await slides(await mapToPptx(evil));
    expect(evilXml[3]).toContain('&lt;b&gt;&amp;amp; &quot;x&quot; &lt;/b&gt;');
    expect(evilXml[3]).not.toContain('<b>');
    const names = { ...goldenMap, title: 'A & <B>', stages: goldenMap.stages.map((st) => ({ ...st, name: `<${st.name}> & \u0002` })), lanes: goldenMap.lanes.map((l) => ({ ...l, name: `"${l.name}" <lane>` })) };
    const namesXml = (await slides(await mapToPptx(names))).join('');
    expect(namesXml).toContain('A &amp; &lt;B&gt;');
    expect(namesXml).toContain('1. &lt;Join&gt; &amp;');
    expect(namesXml).toContain('&quot;Actions&quot; &lt;lane&gt;');
    expect(namesXml).not.toContain('\u0002');
  });

  it('ranks pain points most negative first', async () => {
    const xml = await slides(await mapToPptx(goldenMap));
    expect(xml[5]!.indexOf('HYPERLINK')).toBeLessThan(xml[5]!.indexOf('card declined'));
  });

  it('is 16:9 and gives the same bytes for the same map and export date', async () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5);
    const a = await mapToPptx(goldenMap, { exportedAt: at });
    const zip = await JSZip.loadAsync(a);
    const pres = await zip.file('ppt/presentation.xml')!.async('string');
    const [, cx, cy] = pres.match(/<p:sldSz cx="(\d+)" cy="(\d+)"/)!;
    expect(Number(cx) / Number(cy)).toBeCloseTo(16 / 9, 2);
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain('2026-01-02T03:04:05Z');
    await new Promise((r) => setTimeout(r, 2100)); // zip times have a 2 s resolution: cross a tick
    expect(Buffer.from(await mapToPptx(goldenMap, { exportedAt: at })).equals(Buffer.from(a))).toBe(true);
  });

  it('continues a crowded stage on more slides and exports 5,000 notes', async () => {
    const xml = await slides(await mapToPptx(bigMap(5000)));
    expect(xml.length).toBeGreaterThan(3 + 8 + 2);
    expect(xml.some((s) => s.includes('(continued, 2)'))).toBe(true);
    expect(xml.join('')).toContain('Note 4999:');
  });
});

describe('PowerPoint export with the room\'s emotion scores (issue 14)', () => {
  it('the chart carries the room\'s spread as two dashed series with a legend; stage slides give mean, range and n', async () => {
    const bytes = await mapToPptx(roomScoredMap());
    const zip = await JSZip.loadAsync(bytes);
    const charts = Object.keys(zip.files).filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(1);
    const chart = await zip.file(charts[0]!)!.async('string');
    // The curve as before, then the band's edges in a second line group, dashed.
    expect(chart.match(/<c:lineChart>/g)).toHaveLength(2);
    expect(chart).toContain('<c:v>Emotion</c:v>');
    expect(chart).toContain('<c:v>Room: top of spread</c:v>');
    expect(chart).toContain('<c:v>Room: bottom of spread</c:v>');
    expect(chart).toContain('<a:prstDash val="dash"/>');
    expect(chart).toContain('<c:legend>');
    const series = (name: string) => {
      const ser = chart.split('<c:ser>').find((x) => x.includes(`<c:v>${name}</c:v>`))!;
      return [...ser.split('<c:val>')[1]!.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]);
    };
    // Join: the room's mean; Cancel: the facilitator's -2 wins over the room's -0.5.
    expect(series('Emotion')).toEqual(['-0.3', '-2']);
    // Join (7 scores): the middle half; Cancel (2 scores): lowest to highest.
    expect(series('Room: top of spread')).toEqual(['0.5', '0']);
    expect(series('Room: bottom of spread')).toEqual(['-1', '-1']);
    const xml = await slides(bytes);
    expect(xml[3]).toContain('room: mean −0.3 (−2 to +1, middle half −1 to +0.5), n = 7');
    expect(xml[4]).toContain('Very negative (-2.0, set) · room: mean −0.5 (−1 to 0), n = 2');
    // Without room scores the chart stays one series with no legend.
    const plain = await JSZip.loadAsync(await mapToPptx(goldenMap));
    const plainChart = await plain.file(charts[0]!)!.async('string');
    expect(plainChart.match(/<c:lineChart>/g)).toHaveLength(1);
    expect(plainChart).not.toContain('Room:');
  });
});

// LibreOffice (Debian's libreoffice-impress) opens the deck and prints every slide; skipped where it is not installed.
const soffice = ['/usr/bin/libreoffice', '/usr/bin/soffice'].find((p) => fs.existsSync(p));
describe.skipIf(!soffice)('PowerPoint export in LibreOffice', () => {
  it('opens and converts to a PDF with one page per slide', { timeout: 120_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-pptx-lo-'));
    try {
      const bytes = await mapToPptx(goldenMap);
      fs.writeFileSync(path.join(dir, 'deck.pptx'), bytes);
      // A profile of its own, so a LibreOffice already running elsewhere is not asked instead.
      execFileSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'deck.pptx')], { stdio: 'ignore', timeout: 110_000 });
      const pdf = fs.readFileSync(path.join(dir, 'deck.pdf'), 'latin1');
      expect(pdf.startsWith('%PDF')).toBe(true);
      expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength((await slides(bytes)).length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens a deck whose chart has the room\'s band series (with gaps where the room did not score)', { timeout: 120_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-pptx-lo-room-'));
    try {
      const map = roomScoredMap();
      // A third stage nobody in the room scored: its band values are blank.
      map.stages = [...map.stages, { ...map.stages[0]!, id: 's3', name: 'Train', position: 2 }];
      const bytes = await mapToPptx(map);
      fs.writeFileSync(path.join(dir, 'deck.pptx'), bytes);
      execFileSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'deck.pptx')], { stdio: 'ignore', timeout: 110_000 });
      const pdf = fs.readFileSync(path.join(dir, 'deck.pdf'), 'latin1');
      expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength((await slides(bytes)).length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
