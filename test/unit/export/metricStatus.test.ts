// A metric's status against its target (on target / near / far) in every export that lists
// metrics: in words and a symbol, and in the board's status colours (never colour alone).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { mapToHtml, mapToMarkdown, mapToPdf, mapToPptx, mapToXlsx } from '../../../shared/export/index';
import { METRIC_STATUS_COLOR } from '../../../shared/export/palette';
import { reportOf } from '../../../shared/export/report';
import { metricStatus, statusLabel } from '../../../shared/prioritise/metrics';
import { prioritisedMap } from './priorityFixture';

/** The prioritised fixture with one metric of each status: met, near, far, and one with no target. */
function statusMap(): JourneyMap {
  const map = prioritisedMap();
  return {
    ...map,
    metrics: [
      { id: 'k1', mapId: 'm1', stageId: 's2', kind: 'csat', value: 4.2, target: 4, source: 'Exit survey', date: '2026-10-01' },
      { id: 'k2', mapId: 'm1', stageId: null, kind: 'nps', value: -12, target: 20, source: 'Quarterly NPS', date: '2026-09-30' },
      { id: 'k3', mapId: 'm1', stageId: 's1', kind: 'conversion', value: 45, target: 50, source: 'Web analytics', date: null },
      { id: 'k4', mapId: 'm1', stageId: 's2', kind: 'churn', value: 8, target: null, source: 'CRM', date: '2026-10-31' },
    ],
  } as unknown as JourneyMap;
}

const hex = (c: string) => c.replace('#', '').toUpperCase();

describe('metric status (shared with the board)', () => {
  it('is met at or past the target in the kind\'s direction, near within a tenth of the scale, else far', () => {
    expect(metricStatus({ kind: 'csat', value: 4.2, target: 4 })).toBe('met');
    expect(metricStatus({ kind: 'conversion', value: 45, target: 50 })).toBe('near');
    expect(metricStatus({ kind: 'nps', value: -12, target: 20 })).toBe('far');
    expect(metricStatus({ kind: 'churn', value: 4, target: 5 })).toBe('met'); // lower churn is better
    expect(metricStatus({ kind: 'churn', value: 8, target: null })).toBe('unset');
    expect(statusLabel('met')).toBe('✓ on target');
    expect(statusLabel('unset')).toBe('');
  });

  it('comes with every metric of the report', () => {
    expect(reportOf(statusMap()).metrics.map((m) => [m.scope, m.label, m.status, m.statusText])).toEqual([
      ['Whole map', 'NPS', 'far', '! far from target'],
      ['Join', 'Conversion', 'near', '~ near target'],
      ['Cancel', 'CSAT', 'met', '✓ on target'],
      ['Cancel', 'Churn', 'unset', ''],
    ]);
  });
});

describe('exports say each metric\'s status in words and colour', () => {
  it('Markdown: a Status column in words and symbol (it has no colour)', () => {
    const md = mapToMarkdown(statusMap());
    expect(md).toContain('| Stage | Metric | Value | Target | Status | Source | Date |');
    expect(md).toContain('| Whole map | NPS | -12 | +20 | ! far from target | Quarterly NPS | 2026-09-30 |');
    expect(md).toContain('| Join | Conversion | 45 % | 50 % | ~ near target | Web analytics | – |');
    expect(md).toContain('| Cancel | CSAT | 4.2 / 5 | 4 / 5 | ✓ on target | Exit survey | 2026-10-01 |');
    expect(md).toContain('| Cancel | Churn | 8 % | – | – | CRM | 2026-10-31 |');
  });

  it('HTML: a Status cell with the words, tinted by a class whose colours are the board\'s', () => {
    const html = mapToHtml(statusMap());
    expect(html).toContain('<th>Status</th>');
    expect(html).toContain('<td class="st st-met">✓ on target</td>');
    expect(html).toContain('<td class="st st-near">~ near target</td>');
    expect(html).toContain('<td class="st st-far">! far from target</td>');
    expect(html).toContain(`.st-met{color:${METRIC_STATUS_COLOR.met.ink};background:${METRIC_STATUS_COLOR.met.fill}}`);
    expect(html).toContain(`.st-far{color:${METRIC_STATUS_COLOR.far.ink};background:${METRIC_STATUS_COLOR.far.fill}}`);
    // The metric with no target has no status and no tint.
    expect(html).toMatch(/<td>Churn<\/td><td class="num">8 %<\/td><td class="num">–<\/td><td>–<\/td>/);
  });

  it('Excel: a Status column, its cells in the status colour on its tint', async () => {
    const bytes = await mapToXlsx(statusMap());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.getWorksheet('Metrics')!;
    expect(ws.getRow(1).getCell(5).value).toBe('Status');
    const byRow = [2, 3, 4, 5].map((r) => ws.getRow(r).getCell(5));
    expect(byRow.map((c) => c.value)).toEqual(['! far from target', '~ near target', '✓ on target', null]);
    for (const [cell, status] of [[byRow[0]!, 'far'], [byRow[1]!, 'near'], [byRow[2]!, 'met']] as const) {
      expect(cell.font?.color?.argb).toBe(`FF${hex(METRIC_STATUS_COLOR[status].ink)}`);
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${hex(METRIC_STATUS_COLOR[status].fill)}`);
    }
    expect(byRow[3]!.fill).toBeUndefined();
  });

  it('PowerPoint: the metrics table has a Status column, each cell in its status colour', async () => {
    const zip = await JSZip.loadAsync(await mapToPptx(statusMap()));
    const xml = (await Promise.all(Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')))).find((x) => x.includes('>Quarterly NPS<'))!;
    expect(xml).toContain('>Status<');
    const cellOf = (text: string) => xml.match(new RegExp(`<a:tc>(?:(?!</a:tc>)[\\s\\S])*>${text}<(?:(?!</a:tc>)[\\s\\S])*</a:tc>`))?.[0] ?? '';
    for (const [text, status] of [['✓ on target', 'met'], ['~ near target', 'near'], ['! far from target', 'far']] as const) {
      const cell = cellOf(text);
      expect(cell, text).toContain(`<a:srgbClr val="${hex(METRIC_STATUS_COLOR[status].ink)}"`);
      expect(cell, text).toContain(`<a:srgbClr val="${hex(METRIC_STATUS_COLOR[status].fill)}"`);
    }
  });

  const pdftotext = ['/usr/bin/pdftotext'].find((p) => fs.existsSync(p));
  it.skipIf(!pdftotext)('PDF: the Metrics page says each status in words (with the fonts, the symbol too)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-pdf-status-'));
    try {
      const fonts = {
        regular: new Uint8Array(fs.readFileSync('resources/fonts/DejaVuSans.ttf')),
        bold: new Uint8Array(fs.readFileSync('resources/fonts/DejaVuSans-Bold.ttf')),
      };
      const read = async (withFonts: boolean) => {
        const file = path.join(dir, `map-${withFonts}.pdf`);
        fs.writeFileSync(file, await mapToPdf(statusMap(), { mode: 'perStage', ...(withFonts ? { fonts } : {}) }));
        return execFileSync(pdftotext!, ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      };
      const plain = await read(false);
      for (const words of ['Status', 'on target', 'near target', 'far from target']) expect(plain).toContain(words);
      expect(await read(true)).toContain('✓ on target');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
