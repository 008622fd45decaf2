import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { expect, test } from 'vitest';
import { mapToPdf } from '../../../shared/export/index';
import { pdfFonts } from '../../../renderer/files/pdfFonts';
import { sampleMap } from '../journey/sampleMap';

test('the export worker fetches the bundled fonts and the PDF embeds them for Japanese, Russian and Arabic notes', async () => {
  const fonts = await pdfFonts();
  expect(fonts.regular.byteLength).toBeGreaterThan(100_000);
  const base = sampleMap();
  const map = {
    ...base,
    title: '予約 – Бронирование – الحجز',
    notes: base.notes.map((n, i) => ({ ...n, text: ['予約ページが開かない', 'Страница зависает', 'الدفع لا يعمل'][i % 3]! })),
  };
  const doc = await PDFDocument.load(await mapToPdf(map, { mode: 'perStage', fonts }));
  expect(doc.getTitle()).toBe(map.title);
  const baseFonts = doc.context
    .enumerateIndirectObjects()
    .map(([, obj]) => (obj instanceof PDFDict ? obj.get(PDFName.of('BaseFont')) : undefined))
    .filter((name) => name !== undefined)
    .map(String);
  expect(baseFonts.some((n) => n.includes('DejaVuSans'))).toBe(true);
  expect(baseFonts.some((n) => n.includes('DroidSansFallback'))).toBe(true);
  expect(baseFonts.some((n) => n.includes('Helvetica'))).toBe(false);
});
