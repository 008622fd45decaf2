import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { mapToPptx } from '../../../shared/export/index';
import { bigMap } from './bigMap';
import { goldenMap } from './fixture';

async function slides(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files)
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
  return Promise.all(names.map((n) => zip.file(n)!.async('string')));
}

describe('PowerPoint export', () => {
  it('has an overview, a slide per stage, then top pain points and opportunities', async () => {
    const xml = await slides(await mapToPptx(goldenMap));
    expect(xml).toHaveLength(1 + goldenMap.stages.length + 2);
    expect(xml[0]).toContain('Gym membership – as-is');
    expect(xml[0]).toContain('Persona: Sam — Night-shift nurse');
    expect(xml[0]).toContain('1. Join');
    expect(xml[0]).toContain('😞'); // Cancel is set to -2
    expect(xml[1]).toContain('1. Join');
    expect(xml[2]).toContain('2. Cancel');
    expect(xml[3]).toContain('Top pain points');
    expect(xml[4]).toContain('Opportunities');
  });

  it('writes note texts escaped, as editable text boxes in their stage slide', async () => {
    const xml = await slides(await mapToPptx(goldenMap));
    expect(xml[1]).toContain('fills in the form, &quot;quickly&quot;');
    expect(xml[1]).toContain('card declined');
    expect(xml[2]).toContain('=HYPERLINK(&quot;http://x&quot;) only by *letter*');
    expect(xml[2]).toContain('let people cancel in the app');
    expect(xml[2]).toMatch(/<p:sp>.*txBox="1"|<p:txBody>/s);
    expect(xml[2]).toContain('FFF3A3'); // the yellow sticky-note fill
    expect(xml.join('')).not.toContain('# not a heading'); // not yet placed: left out of the deck
    const evil = { ...goldenMap, notes: [...goldenMap.notes, { ...goldenMap.notes[1]!, id: 'n9', text: '<b>&amp; "x" \u0001</b>' }] };
    const evilXml = await slides(await mapToPptx(evil));
    expect(evilXml[1]).toContain('&lt;b&gt;&amp;amp; &quot;x&quot; &lt;/b&gt;');
    expect(evilXml[1]).not.toContain('<b>');
    const names = { ...goldenMap, title: 'A & <B>', stages: goldenMap.stages.map((st) => ({ ...st, name: `<${st.name}> & \u0002` })), lanes: goldenMap.lanes.map((l) => ({ ...l, name: `"${l.name}" <lane>` })) };
    const namesXml = (await slides(await mapToPptx(names))).join('');
    expect(namesXml).toContain('A &amp; &lt;B&gt;');
    expect(namesXml).toContain('1. &lt;Join&gt; &amp;');
    expect(namesXml).toContain('&quot;Actions&quot; &lt;lane&gt;');
    expect(namesXml).not.toContain('\u0002');
  });

  it('ranks pain points most negative first', async () => {
    const xml = await slides(await mapToPptx(goldenMap));
    expect(xml[3]!.indexOf('HYPERLINK')).toBeLessThan(xml[3]!.indexOf('card declined'));
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
    expect(xml.length).toBeGreaterThan(1 + 8 + 2);
    expect(xml.some((s) => s.includes('(continued, 2)'))).toBe(true);
    expect(xml.join('')).toContain('Note 4999:');
  });
});
