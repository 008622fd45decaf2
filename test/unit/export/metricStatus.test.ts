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
import { figureNumFmt, metricStatus, metricText, NO_FIGURE, statusLabel } from '../../../shared/prioritise/metrics';
import { METRIC_FIGURES, metricRecords } from '../../fixtures/metricFigures';
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

/**
 * Figures that round, carry a sign, sit on a scale or are missing: every export must write each one
 * exactly as the board's metrics row does (shared/prioritise/metrics `metricText`, which the row
 * renders; test/browser/plan/MetricsRow.test.tsx holds the row to the same sample).
 */
function formatMap(): JourneyMap {
  return { ...prioritisedMap(), metrics: metricRecords() } as unknown as JourneyMap;
}

/** What the board shows for each metric of `formatMap`, in the report's order: scope, metric, value, target, status. */
const BOARD = METRIC_FIGURES.map((f) => f.shown);
const orDash = (t: string) => t || NO_FIGURE;
const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('exports write each figure as the board does', () => {
  it('the report carries the board formatter\'s text for every metric', () => {
    const map = formatMap();
    const rows = reportOf(map).metrics;
    expect(rows.map((m) => [m.scope, m.label, m.valueText, m.targetText, m.statusText])).toEqual(BOARD);
    for (const m of rows) {
      const board = metricText(m);
      expect([m.valueText, m.targetText, m.statusText]).toEqual([board.value, board.target, board.statusText]);
    }
  });

  it('Markdown', () => {
    const md = mapToMarkdown(formatMap());
    for (const [scope, label, value, target, status] of BOARD) expect(md).toContain(`| ${scope} | ${label} | ${orDash(value)} | ${orDash(target)} | ${orDash(status)} |`);
  });

  it('web page (HTML)', () => {
    const html = mapToHtml(formatMap());
    for (const [scope, label, value, target, status] of BOARD) {
      expect(html).toMatch(new RegExp(`<tr><td>${scope}</td><td>${label}</td><td class="num">${escapeRe(orDash(value))}</td><td class="num">${escapeRe(orDash(target))}</td><td[^>]*>${escapeRe(orDash(status))}</td>`));
    }
  });

  it('PowerPoint: the table cells, and the charts\' figures and labels', async () => {
    const zip = await JSZip.loadAsync(await mapToPptx(formatMap()));
    const read = (re: RegExp) => Promise.all(Object.keys(zip.files).filter((n) => re.test(n)).map((n) => zip.file(n)!.async('string')));
    const table = (await read(/^ppt\/slides\/slide\d+\.xml$/)).find((x) => x.includes('>Per stage and for the whole map, against target<'))!;
    const cells = [...table.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]!.replace(/&amp;/g, '&')).join('|');
    for (const [scope, label, value, target, status] of BOARD) expect(cells).toContain([scope, label, orDash(value), orDash(target), orDash(status)].join('|'));
    const charts = await read(/^ppt\/charts\/chart\d+\.xml$/);
    const chart = (title: string) => charts.find((x) => x.includes(`<a:t>${title}</a:t>`))!;
    // NPS: rounded as the board rounds, signed; a decimal among them gives every label one decimal.
    expect(chart('NPS')).toContain('<c:v>32.5</c:v>');
    expect(chart('NPS')).toContain('<c:v>-12.3</c:v>');
    expect(chart('NPS')).toContain('formatCode="&quot;+&quot;0.0;&quot;-&quot;0.0;0.0"');
    expect(chart('CSAT')).toContain('<c:v>4.4</c:v>');
    expect(chart('CSAT')).toContain('formatCode="General"');
    // A missing value is a gap, not a bar at 0.
    expect(chart('Conversion (%)')).toMatch(/<c:v><\/c:v>/);
  });

  it('Excel: numbers stay numbers, with a number format that shows the board\'s text', async () => {
    const bytes = await mapToXlsx(formatMap());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.getWorksheet('Metrics')!;
    const rows = reportOf(formatMap()).metrics;
    rows.forEach((m, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(3).value).toBe(m.value);
      expect(row.getCell(4).value).toBe(m.target);
      if (m.value !== null) expect(row.getCell(3).numFmt).toBe(figureNumFmt(m.kind, m.value));
      if (m.target !== null) expect(row.getCell(4).numFmt).toBe(figureNumFmt(m.kind, m.target));
      expect(row.getCell(5).value ?? '').toBe(BOARD[i]![4]);
    });
  });

  // LibreOffice with Calc (libreoffice-calc; a machine with only Impress cannot open a workbook).
  const soffice = fs.existsSync('/usr/lib/libreoffice/program/libsclo.so') ? ['/usr/bin/libreoffice', '/usr/bin/soffice'].find((p) => fs.existsSync(p)) : undefined;
  it.skipIf(!soffice)('Excel, as LibreOffice shows the cells: the board\'s text', { timeout: 120_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-xlsx-fmt-'));
    try {
      fs.writeFileSync(path.join(dir, 'map.xlsx'), await mapToXlsx(formatMap()));
      // CSV of every sheet, each cell "as shown" (9th option), UTF-8 (76).
      const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';
      execFileSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', filter, '--outdir', dir, path.join(dir, 'map.xlsx')], { stdio: 'ignore', timeout: 110_000 });
      const lines = fs.readFileSync(path.join(dir, 'map-Metrics.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
      expect(lines.map((l) => l.split(',').slice(0, 5))).toEqual(BOARD);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const pdftotext = ['/usr/bin/pdftotext'].find((p) => fs.existsSync(p));
  it.skipIf(!pdftotext)('PDF', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-pdf-fmt-'));
    try {
      const fonts = { regular: new Uint8Array(fs.readFileSync('resources/fonts/DejaVuSans.ttf')), bold: new Uint8Array(fs.readFileSync('resources/fonts/DejaVuSans-Bold.ttf')) };
      const file = path.join(dir, 'map.pdf');
      fs.writeFileSync(file, await mapToPdf(formatMap(), { mode: 'perStage', fonts }));
      const text = execFileSync(pdftotext!, ['-enc', 'UTF-8', '-raw', file, '-'], { encoding: 'utf8' });
      const page = text.slice(text.indexOf('Per stage and for the whole map, against target'));
      for (const [scope, label, value, target, status] of BOARD) {
        expect(page).toMatch(new RegExp(`${scope}\\s+${label}\\s+${escapeRe(orDash(value))}\\s+${escapeRe(orDash(target))}\\s+${escapeRe(orDash(status))}`));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
