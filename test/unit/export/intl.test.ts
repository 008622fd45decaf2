import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { mapToCsv, mapToHtml, mapToJson, mapToMarkdown, mapToPdf, mapToPptx, mapToXlsx, parseMapDocument } from '../../../shared/export/index';
import { UnicodeFonts } from '../../../shared/export/pdfText';
import { INTL_TEXTS, intlMap, pdfFonts } from './intlFixture';

const notes = Object.values(INTL_TEXTS);
const squash = (s: string) => s.replace(/[\s\u202a-\u202e\u2066-\u2069]+/gu, '');

describe('every export keeps Latin, Cyrillic, CJK, Arabic, Hebrew and emoji text as written', () => {
  it('CSV, JSON and Markdown', () => {
    const csv = mapToCsv(intlMap);
    const md = mapToMarkdown(intlMap);
    for (const text of notes) {
      expect(csv).toContain(text);
      expect(md).toContain(text);
    }
    const back = parseMapDocument(mapToJson(intlMap, 0));
    expect(back.notes.map((n) => n.text).sort()).toEqual([...notes].sort());
    expect(back.title).toBe(intlMap.title);
  });

  it('HTML', () => {
    const html = mapToHtml(intlMap);
    expect(html).toMatch(/<meta charset="utf-8">/i);
    for (const text of notes) expect(html).toContain(text);
  });

  it('Excel', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await mapToXlsx(intlMap)) as never);
    const cells = new Set<string>();
    wb.getWorksheet('Notes')!.eachRow((row) => row.eachCell((c) => void cells.add(String(c.value))));
    for (const text of notes) expect(cells).toContain(text);
  });

  it('PowerPoint', async () => {
    const zip = await JSZip.loadAsync(await mapToPptx(intlMap));
    let xml = '';
    for (const name of Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))) xml += await zip.file(name)!.async('string');
    // Text runs may be split across <a:t> elements: compare the runs' text joined.
    const runs = squash([...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(''));
    for (const text of notes) expect(runs).toContain(squash(text));
  });
});

const pdftotext = ['/usr/bin/pdftotext'].find((p) => fs.existsSync(p));
const pdffonts = ['/usr/bin/pdffonts'].find((p) => fs.existsSync(p));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-pdf-intl-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!pdftotext || !pdffonts)('PDF with embedded fonts', () => {
  for (const mode of ['whole', 'perStage'] as const) {
    it(`${mode}: the extracted text is the notes, the title is kept, nothing becomes "?"`, async () => {
      const bytes = await mapToPdf(intlMap, { mode, fonts: pdfFonts });
      expect((await PDFDocument.load(bytes)).getTitle()).toBe(intlMap.title);
      const file = path.join(dir, `${mode}.pdf`);
      fs.writeFileSync(file, bytes);
      const text = execFileSync(pdftotext!, ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      expect(text).not.toContain('?');
      const flat = squash(text);
      for (const [id, note] of Object.entries(INTL_TEXTS)) {
        if (id === 'arabicMixed' || (mode === 'whole' && note.includes(' '))) {
          // Poppler lists the pieces of a line mixing directions in the order they are painted,
          // and on the whole-map page it interleaves the lines of neighbouring notes (it reads the
          // page in columns): every word is there, whole and in reading order within itself.
          for (const word of note.split(' ')) expect(flat, id).toContain(word);
        } else {
          expect(flat, id).toContain(squash(note));
        }
      }
      for (const name of ['予約', 'Мария', '看護師', 'Бронирование']) expect(flat).toContain(name);
      if (mode === 'perStage') for (const author of ['Jürgen', 'Иван']) expect(flat).toContain(author);
      // Fonts are embedded as subsets: DejaVu for most scripts, the CJK font for Chinese and Japanese.
      const fonts = execFileSync(pdffonts!, [file], { encoding: 'utf8' });
      expect(fonts).toMatch(/DejaVuSans/);
      expect(fonts).toMatch(/DroidSansFallback/);
      expect(bytes.length).toBeLessThan(200_000);
    });
  }

  it('a map without Chinese or Japanese does not embed the CJK font', async () => {
    const latin = { ...intlMap, title: 'Путь', stages: intlMap.stages.map((s) => ({ ...s, name: 'Этап' })), personas: [], personaId: null, notes: intlMap.notes.filter((n) => ['latin', 'cyrillic', 'arabic'].includes(n.id)) };
    let asked = false;
    const file = path.join(dir, 'latin.pdf');
    fs.writeFileSync(file, await mapToPdf(latin, { mode: 'perStage', fonts: { ...pdfFonts, cjk: async () => ((asked = true), pdfFonts.cjk!()) } }));
    expect(asked).toBe(false);
    expect(execFileSync(pdffonts!, [file], { encoding: 'utf8' })).not.toMatch(/Droid/);
  });

  it('a right-to-left note starts at the right edge of its card, a left-to-right one at the left', async () => {
    const two = { ...intlMap, notes: intlMap.notes.filter((n) => n.id === 'arabic' || n.id === 'cyrillic') };
    const file = path.join(dir, 'rtl.pdf');
    fs.writeFileSync(file, await mapToPdf(two, { mode: 'perStage', fonts: pdfFonts }));
    // -bbox: a word's box; a line carrying /ActualText is one word starting where the line starts.
    const xml = execFileSync(pdftotext!, ['-bbox', file, '-'], { encoding: 'utf8' });
    const words = [...xml.matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({ x: Number(m[1]), text: m[2]! }));
    const cyrillic = words.find((w) => w.text === 'Страница')!;
    // Its words in painting order, as -bbox gives them (not put back in reading order).
    const arabic = words.find((w) => w.text.includes('ةحفص'))!;
    expect(cyrillic.x).toBeCloseTo(56, 0); // the card's text starts 8 pt inside its left edge at 48
    expect(arabic.x).toBeGreaterThan(cyrillic.x + 40); // set against the right edge instead
  });

  it('paints a line mixing directions in visual order (Unicode bidi)', async () => {
    const { PDFDocument: Doc } = await import('pdf-lib');
    const lib = await import('pdf-lib');
    const doc = await Doc.create();
    const fonts = await UnicodeFonts.embed(lib, doc, pdfFonts, ['']);
    const order = (line: string, rtl: boolean) => fonts.runs(line, fonts.regular, rtl).map((r) => r.text.trim()).filter(Boolean);
    // Right-to-left paragraph: the first Arabic words are rightmost, the Latin word and the number keep their own order.
    expect(order('الدفع عبر PayPal فشل 3 مرات', true)).toEqual(['مرات', '3', 'فشل', 'PayPal', 'الدفع عبر']);
    expect(order('Pay with بطاقة today', false)).toEqual(['Pay with', 'بطاقة', 'today']);
    const rtlRun = fonts.runs('(نعم)', fonts.regular, true)[0]!;
    expect(rtlRun.rtl).toBe(true);
    expect(rtlRun.draw).toBe(')نعم('); // brackets mirrored for right-to-left painting
  });
});
