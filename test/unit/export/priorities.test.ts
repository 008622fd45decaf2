import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { mapToCsv, mapToHtml, mapToJson, mapToMarkdown, mapToPdf, mapToPptx, mapToXlsx } from '../../../shared/export/index';
import { goldenMap } from './fixture';
import { anonymousOnlyMap, prioritisedMap, VOTER_IDS, VOTER_NAMES } from './priorityFixture';

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}
const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

/** Every XML part of a zip (slides, charts, their embedded workbooks' parts too). */
async function zipText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(
    Object.values(zip.files)
      .filter((f) => !f.dir)
      .map(async (f) => (f.name.endsWith('.xlsx') ? zipText(await f.async('uint8array')) : /\.(xml|rels)$/.test(f.name) ? f.async('string') : '')),
  );
  return parts.join('\n');
}
async function slides(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files)
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
  return Promise.all(names.map((n) => zip.file(n)!.async('string')));
}

const pdftotext = ['/usr/bin/pdftotext'].find((p) => fs.existsSync(p));
function pdfText(bytes: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-pdf-prio-'));
  try {
    fs.writeFileSync(path.join(dir, 'map.pdf'), bytes);
    return execFileSync(pdftotext!, ['-enc', 'UTF-8', path.join(dir, 'map.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('Excel export: prioritising sheets', () => {
  it('adds Votes, Matrix, Roadmap and Metrics sheets', async () => {
    const wb = await workbook(await mapToXlsx(prioritisedMap()));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Notes', 'Pain points', 'Opportunities', 'Stages', 'Votes', 'Matrix', 'Roadmap', 'Metrics']);
    expect(values(wb.getWorksheet('Stages')!, 2).slice(0, 3)).toEqual(['Join', 'Start training the same night', 'No paperwork at the desk']);

    const votes = wb.getWorksheet('Votes')!;
    expect(values(votes, 1)).toEqual(['Round', 'Status', 'Anonymous', 'Note', 'Kind', 'Votes', 'Alice Voter', 'Bob Voter', 'Carol Voter', 'Typed (paper dots)']);
    // The named round: who gave which dots, and the facilitator's typed paper count.
    expect(values(votes, 2)).toEqual(['Which pain points hurt most?', 'Closed', 'No', 'card declined\ntwice', 'Pain point', 5, undefined, undefined, 1, 4]);
    expect(values(votes, 3)).toEqual(['Which pain points hurt most?', 'Closed', 'No', '=HYPERLINK("http://x") only by *letter*', 'Pain point', 3, 2, 1]);
    // The anonymous round: totals only, every participant cell empty.
    expect(values(votes, 4)).toEqual(['Secret ballot on ideas', 'Open', 'Yes', 'let people cancel in the app', 'Opportunity', 2]);
    expect(values(votes, 5)).toEqual(['Secret ballot on ideas', 'Open', 'Yes', 'a clear price page', 'Opportunity', 1]);
    expect(votes.getCell('D3').type).toBe(ExcelJS.ValueType.String); // never a formula

    const matrix = wb.getWorksheet('Matrix')!;
    expect(values(matrix, 1)).toEqual(['Opportunity', 'Stage', 'Impact', 'Effort', 'Quadrant', 'Votes', 'Linked pain points']);
    expect(values(matrix, 2)).toEqual(['a clear price page', 'Join', 2, 1, 'Fill-ins', 1, 'card declined twice']);
    expect(values(matrix, 4)).toEqual(['let people cancel in the app', 'Cancel', 5, 2, 'Quick wins', 2, '=HYPERLINK("http://x") only by *letter*']);

    const roadmap = wb.getWorksheet('Roadmap')!;
    expect(values(roadmap, 1)).toEqual(['Phase', 'Order', 'Opportunity', 'Owner', 'Due', 'Stage', 'Votes', 'Linked pain points']);
    expect(values(roadmap, 2)).toEqual(['Now', 1, 'let people cancel in the app', 'Priya', '2027-01-15', 'Cancel', 2, '=HYPERLINK("http://x") only by *letter*']);
    expect(values(roadmap, 3).slice(0, 3)).toEqual(['Next', 1, 'a clear price page']);
    expect(values(roadmap, 4).slice(0, 3)).toEqual(['Not doing', 1, 'rewrite the billing system']);

    const metrics = wb.getWorksheet('Metrics')!;
    expect(values(metrics, 1)).toEqual(['Stage', 'Metric', 'Value', 'Target', 'Status', 'Source', 'Date']);
    expect(values(metrics, 2)).toEqual(['Whole map', 'NPS', -12, 20, '! far from target', 'Quarterly NPS', '2026-09-30']);
    expect(values(metrics, 3)).toEqual(['Join', 'Conversion', 34.5, 50, '! far from target', 'Web analytics']);
    expect(values(metrics, 5)).toEqual(['Cancel', 'Churn', 8, 5, '~ near target', 'CRM', '2026-10-31']);
  });
});

describe('PowerPoint export: prioritising and workshop slides', () => {
  it('adds the matrix, roadmap, metrics (table and chart) and workshop slides, goals on the stage slide, votes on top pains', async () => {
    const bytes = await mapToPptx(prioritisedMap());
    const xml = await slides(bytes);
    const titled = (t: string) => xml.findIndex((s) => s.includes(`>${t}<`));
    // Title, overview, counts, 2 stages, top pains, opportunities, then the new ones.
    expect(xml).toHaveLength(7 + 5);
    expect(xml[3]).toContain('Start training the same night');
    expect(xml[3]).toContain('No paperwork at the desk');
    const pains = xml[titled('Top pain points')]!;
    expect(pains).toContain('>Votes<');
    expect(pains).toContain('>Severity<');
    expect(pains).toContain('>5 / 5<');
    // Votes × severity: 3 × 5 before 5 × 2.
    expect(pains.indexOf('HYPERLINK')).toBeLessThan(pains.indexOf('card declined'));

    const matrix = xml[titled('Impact and effort')]!;
    for (const q of ['Quick wins', 'Big bets', 'Fill-ins', 'Money pits']) expect(matrix).toContain(`>${q}<`);
    expect(matrix).toContain('name="Opportunity n4"');
    expect(matrix).toContain('let people cancel in the app');
    expect(matrix).toMatch(/prstGeom prst="rect"/);

    const roadmap = xml[titled('Roadmap')]!;
    for (const c of ['Now', 'Next', 'Later', 'Not doing']) expect(roadmap).toContain(`>${c}<`);
    expect(roadmap).toContain('Priya · due 2027-01-15 · Cancel');

    const metrics = xml[titled('Metrics')]!;
    expect(metrics).toContain('<a:tbl>');
    expect(metrics).toContain('>Quarterly NPS<');
    expect(metrics).toContain('>34.5 %<');
    expect(xml[titled('Metrics against target')]).toMatch(/relationships\/chart|<p:graphicFrame/);

    const workshop = xml[titled('Workshop')]!;
    expect(workshop).toContain('>Set goals and scope<');
    expect(workshop).toContain('>12 min<');
    expect(workshop).not.toContain('Prioritise into a roadmap'); // not run yet

    const zip = await JSZip.loadAsync(bytes);
    const charts = await Promise.all(Object.keys(zip.files).filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(charts.filter((c) => c.includes('<c:lineChart>'))).toHaveLength(1); // the emotion curve
    const bars = charts.filter((c) => c.includes('<c:barChart>'));
    expect(bars).toHaveLength(4); // CSAT, NPS, conversion, churn
    expect(bars.join('')).toContain('<c:v>-12</c:v>');
  });

  it('gives a map with no scores, roadmap, metrics or run steps none of those slides', async () => {
    const map: JourneyMap = { ...goldenMap, rounds: [{ ...prioritisedMap().rounds[0]!, status: 'open' }] };
    const xml = await slides(await mapToPptx(map));
    expect(xml).toHaveLength(3 + 2 + 2);
    expect(xml.join('')).not.toMatch(/>(Impact and effort|Roadmap|Metrics|Workshop)</);
  });
});

describe('Markdown, HTML and PDF reports: prioritising and workshop sections', () => {
  it('Markdown has stage goals, votes, matrix, roadmap, metrics and the workshop minutes', () => {
    const md = mapToMarkdown(prioritisedMap());
    expect(md).toContain('## 1. Join\n\n_Signs up online_\n\n**Goal:** Start training the same night\n\n**Expectations:** No paperwork at the desk\n');
    expect(md).toContain('1. =HYPERLINK\\("http://x"\\) only by \\*letter\\* — Cancel (3 votes, severity 5)\n2. card declined twice — Join (5 votes, severity 2)');
    expect(md).toContain('1. card declined twice — 5 _(Carol Voter 1, typed 4)_');
    expect(md).toContain('### Quick wins (high impact, low effort)\n\n- let people cancel in the app — Cancel _(impact 5, effort 2, 2 votes; answers: =HYPERLINK');
    expect(md).toContain('### Now\n\n1. let people cancel in the app — Cancel _(owner Priya; due 2027-01-15;');
    expect(md).toContain('### Later\n\nNothing yet.');
    expect(md).toContain('| Cancel | CSAT | 2.1 / 5 | 4 / 5 | ! far from target | Exit survey | 2026-10-01 |');
    expect(md).toContain('## Workshop');
    expect(md).toContain('| Vote on pain points | 2026-11-23 09:00 | 5 min | 4 min |');
    expect(md).not.toContain('Prioritise into a roadmap');
  });

  it('HTML has stage goals and a Priorities panel, and none when the map has nothing for it', () => {
    const html = mapToHtml(prioritisedMap());
    expect(html).toContain('<b>Goal:</b> Start training the same night');
    expect(html).toMatch(/<details class="report"><summary>Priorities<\/summary>/);
    for (const h of ['Top pain points', 'Votes', 'Impact and effort', 'Roadmap', 'Metrics']) expect(html).toContain(`<h2>${h}</h2>`);
    expect(html).toContain('Quarterly NPS');
    expect(html.match(/<script>/g)).toHaveLength(1); // the panel needs no script
    expect(mapToHtml(goldenMap)).not.toContain('class="report"');
  });

  it.skipIf(!pdftotext)('PDF has stage goals and the prioritising and workshop pages', async () => {
    const text = pdfText(await mapToPdf(prioritisedMap(), { mode: 'perStage' }));
    expect(text).toContain('Goal: Start training the same night');
    for (const h of ['Top pain points', 'Votes', 'Impact and effort', 'Quick wins', 'Roadmap', 'Not doing', 'Metrics', 'Quarterly NPS', 'Workshop', 'Set goals and scope']) expect(text).toContain(h);
    expect(text).toContain('Carol Voter 1, typed 4');
  });
});

describe('Anonymity in exports', () => {
  it('no report export of an anonymous round names or identifies a participant', async () => {
    const map = anonymousOnlyMap();
    const texts: [string, string][] = [
      ['Markdown', mapToMarkdown(map)],
      ['HTML', mapToHtml(map)],
      ['CSV', mapToCsv(map)],
      ['Excel', await zipText(await mapToXlsx(map))],
      ['PowerPoint', await zipText(await mapToPptx(map))],
      ...(pdftotext ? ([['PDF', pdfText(await mapToPdf(map, { mode: 'perStage' }))]] as [string, string][]) : []),
    ];
    for (const [format, text] of texts) {
      // The round's results are there...
      expect(text, format).toContain('let people cancel in the app');
      // ...but no one who voted in it.
      for (const who of [...VOTER_NAMES, ...VOTER_IDS]) expect(text, `${format} mentions ${who}`).not.toContain(who);
    }
    expect(mapToMarkdown(map)).toContain('_open, anonymous, 3 votes_');
    // The JSON export keeps the map's participants, but no vote of the anonymous round says whose it is.
    const json = JSON.parse(mapToJson(map, 0)) as { map: JourneyMap };
    expect(json.map.votes.length).toBeGreaterThan(0);
    expect(json.map.votes.every((v) => v.participantId === null)).toBe(true);
  });

  it('a named round beside an anonymous one shows names only on its own rows', async () => {
    const md = mapToMarkdown(prioritisedMap());
    const anonymous = md.slice(md.indexOf('### Secret ballot on ideas'), md.indexOf('## Impact and effort'));
    for (const who of VOTER_NAMES) expect(anonymous).not.toContain(who);
    expect(md).toContain('Alice Voter 2, Bob Voter 1');
  });
});

// LibreOffice (Debian's libreoffice-impress) opens the deck with the matrix, roadmap, metric charts and minutes, and prints every slide.
const soffice = ['/usr/bin/libreoffice', '/usr/bin/soffice'].find((p) => fs.existsSync(p));
describe.skipIf(!soffice)('PowerPoint export with prioritising slides in LibreOffice', () => {
  it('opens and converts to a PDF with one page per slide', { timeout: 120_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-pptx-prio-lo-'));
    try {
      const bytes = await mapToPptx(prioritisedMap());
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
});
