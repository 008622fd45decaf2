// The PowerPoint export as it really runs: in the export worker, which draws the whole map like the
// board (OffscreenCanvas) for the overview slide and hands the PNG to the writer.
import JSZip from 'jszip';
import { commands } from 'vitest/browser';
import { describe, expect, it } from 'vitest';
import { exportInWorker } from '../../../renderer/files/exportFormats';
import { sampleMap } from '../journey/sampleMap';

describe('PowerPoint export', () => {
  it('puts a picture of the whole map and a native line chart of the emotion curve on the overview slide', async () => {
    const map = sampleMap({ emotion: { 2: -1.2 } });
    const { content } = await exportInWorker({ format: 'pptx', map, now: map.updatedAt }, new AbortController().signal);
    const zip = await JSZip.loadAsync(content as Uint8Array);
    // Slide 2 is the overview: its picture is a PNG of the board, its chart a line chart.
    const rels = await zip.file('ppt/slides/_rels/slide2.xml.rels')!.async('string');
    const media = /Target="\.\.\/media\/([^"]+\.png)"/.exec(rels)?.[1];
    expect(media).toBeDefined();
    const png = await zip.file(`ppt/media/${media}`)!.async('uint8array');
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const bitmap = await createImageBitmap(new Blob([png as BlobPart], { type: 'image/png' }));
    expect(Math.max(bitmap.width, bitmap.height)).toBeLessThanOrEqual(2400);
    expect(bitmap.width).toBeGreaterThan(bitmap.height); // the frame: stages across, lanes down
    expect(rels).toMatch(/relationships\/chart"/);
    const chart = await zip.file(Object.keys(zip.files).find((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f))!)!.async('string');
    expect(chart).toContain('<c:lineChart>');
    expect(chart).toContain('<c:v>-1.2</c:v>');
    // Kept for looking at (LibreOffice renders it to PDF and PNG in the report).
    if ((import.meta as { env?: Record<string, string | undefined> }).env?.VITE_KEEP_PPTX) {
      let binary = '';
      for (const byte of content as Uint8Array) binary += String.fromCharCode(byte);
      await commands.writeFile('test-results/overview.pptx', btoa(binary), 'base64');
    }
  });
});
