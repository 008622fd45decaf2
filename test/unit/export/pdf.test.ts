import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { mapToPdf, winAnsiSafe } from '../../../shared/export/index';
import { bigMap } from './bigMap';
import { goldenMap } from './fixture';
import { roomScoredMap } from './roomFixture';

const odd: JourneyMap = {
  ...goldenMap,
  title: 'Journey 🚀 – Łódź → 北京',
  lanes: [...goldenMap.lanes, { id: 'l4', mapId: 'm1', name: 'Emotions', kind: 'emotions', position: 3, collapsed: true }],
  notes: [
    ...goldenMap.notes,
    { ...goldenMap.notes[1]!, id: 'x1', text: 'Emoji 😀👍🏽 and an en dash – and “quotes” …', color: 'pink' },
    { ...goldenMap.notes[1]!, id: 'x2', text: 'Zero\u200bwidth, tab\there, bell\u0007, 한국어, ﬁ ligature, ő ű', laneId: 'l4', sentiment: 2 },
    { ...goldenMap.notes[1]!, id: 'x3', text: 'x'.repeat(5000) },
  ],
};

describe('PDF export', () => {
  it("'whole' puts the map on one page; 'perStage' gives a title page and a page per stage", async () => {
    const whole = await PDFDocument.load(await mapToPdf(goldenMap, { mode: 'whole' }));
    expect(whole.getPageCount()).toBe(1);
    const { width, height } = whole.getPage(0).getSize();
    expect(width).toBeGreaterThan(600);
    expect(height).toBeGreaterThan(400);
    const perStage = await PDFDocument.load(await mapToPdf(goldenMap, { mode: 'perStage' }));
    expect(perStage.getPageCount()).toBe(1 + goldenMap.stages.length);
    expect(perStage.getTitle()).toBe(goldenMap.title);
  });

  it('does not throw on characters the standard fonts cannot encode', async () => {
    for (const mode of ['whole', 'perStage'] as const) {
      const doc = await PDFDocument.load(await mapToPdf(odd, { mode }));
      expect(doc.getPageCount()).toBeGreaterThanOrEqual(mode === 'whole' ? 1 : 3);
      expect(doc.getTitle()).toBe(odd.title); // metadata is UTF-16: the title keeps its emoji
    }
  });

  it('keeps what WinAnsi encodes and replaces the rest safely', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const cs = new Set(font.getCharacterSet());
    expect(winAnsiSafe('en dash – “q” … € é ß', cs)).toBe('en dash – “q” … € é ß');
    expect(winAnsiSafe('Emoji 😀 ok', cs)).toBe('Emoji ? ok');
    expect(winAnsiSafe('Łódź → 北京 ő', cs)).toBe('Lódz -> ?? o');
    expect(winAnsiSafe('a\tb\u0007c\u200bd\ne', cs)).toBe('a b cd\ne');
    expect(() => font.encodeText(winAnsiSafe('👍🏽 한국어 ﬁ \u2028', cs))).not.toThrow();
  });

  it('writes the export date so the same map gives the same bytes', async () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5);
    const a = await mapToPdf(goldenMap, { mode: 'whole', exportedAt: at });
    const b = await mapToPdf(goldenMap, { mode: 'whole', exportedAt: at });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect((await PDFDocument.load(a)).getCreationDate()?.getTime()).toBe(at);
  });

  it('puts 5,000 notes on one page, within the largest page viewers accept', async () => {
    const whole = await PDFDocument.load(await mapToPdf(bigMap(5000), { mode: 'whole' }));
    expect(whole.getPageCount()).toBe(1);
    const { width, height } = whole.getPage(0).getSize();
    expect(Math.max(width, height)).toBeLessThanOrEqual(14_400);
  });

  it('lists 5,000 notes by stage, continuing crowded stages on more pages', async () => {
    const perStage = await PDFDocument.load(await mapToPdf(bigMap(5000), { mode: 'perStage' }));
    expect(perStage.getPageCount()).toBeGreaterThan(1 + 8);
  });
});

// Poppler's pdftotext (Debian's poppler-utils) reads the text as a viewer would; skipped where it is missing.
const pdftotext = ['/usr/bin/pdftotext'].find((p) => fs.existsSync(p));
describe.skipIf(!pdftotext)('PDF export faces', () => {
  it('draws emotion faces as shapes: the text has each stage feeling in words and no emoji', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-pdf-faces-'));
    try {
      for (const mode of ['whole', 'perStage'] as const) {
        const file = path.join(dir, `${mode}.pdf`);
        fs.writeFileSync(file, await mapToPdf(goldenMap, { mode }));
        const text = execFileSync(pdftotext!, ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
        expect(text).not.toMatch(/\p{Extended_Pictographic}/u);
        // The stage pages name the feeling beside the drawn face (Cancel is set to -2).
        if (mode === 'perStage') expect(text).toContain('Very negative');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('PDF export with the room\'s emotion scores (issue 14)', () => {
  it('the whole map shows n under each scored stage and the band; the stage pages give mean, range and n', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-pdf-room-'));
    try {
      const map = roomScoredMap();
      const whole = path.join(dir, 'whole.pdf');
      const bytes = await mapToPdf(map, { mode: 'whole' });
      fs.writeFileSync(whole, bytes);
      const wholeText = execFileSync(pdftotext!, ['-enc', 'UTF-8', whole, '-'], { encoding: 'utf8' });
      // (pdftotext may drop the narrow spaces of a small label.)
      expect(wholeText).toMatch(/n ?= ?7/);
      expect(wholeText).toMatch(/n ?= ?2/);
      // The band is one more filled path than without room scores, drawn translucent (an ExtGState with /ca).
      const plain = await mapToPdf({ ...map, emotionScores: [] } as JourneyMap, { mode: 'whole' });
      const translucent = async (pdf: Uint8Array) =>
        (await PDFDocument.load(pdf)).getPages().some((page) => {
          const states = page.node.Resources()?.lookup(PDFName.of('ExtGState'));
          if (!(states instanceof PDFDict)) return false;
          return states.values().some((v) => {
            const gs = page.doc.context.lookup(v);
            return gs instanceof PDFDict && gs.get(PDFName.of('ca'))?.toString() === '0.16';
          });
        });
      expect(await translucent(bytes)).toBe(true);
      expect(await translucent(plain)).toBe(false);

      const perStage = path.join(dir, 'perStage.pdf');
      fs.writeFileSync(perStage, await mapToPdf(map, { mode: 'perStage' }));
      const text = execFileSync(pdftotext!, ['-enc', 'UTF-8', perStage, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      // The standard fonts have no true minus: it is written '-'.
      expect(text).toContain('room: mean -0.3 (-2 to +1, middle half -1 to +0.5), n = 7');
      // Cancel: set to -2 by hand; the room's figures are still given.
      expect(text).toContain('Very negative (-2.0, set; room: mean -0.5 (-1 to 0), n = 2)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
