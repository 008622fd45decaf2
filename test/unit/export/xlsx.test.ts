import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { mapToXlsx } from '../../../shared/export/index';
import { goldenMap } from './fixture';
import { roomScoredMap } from './roomFixture';
import { bigMap } from './bigMap';

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

describe('Excel export', () => {
  it('has the four sheets, a bold frozen filterable header, and the CSV columns', async () => {
    const wb = await read(await mapToXlsx(goldenMap));
    // No votes, scores, roadmap or metrics: no empty Votes, Matrix, Roadmap or Metrics sheet.
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Notes', 'Pain points', 'Opportunities', 'Stages']);
    const notes = wb.getWorksheet('Notes')!;
    expect(values(notes, 1)).toEqual(['Stage', 'Lane', 'Kind', 'Text', 'Sentiment', 'Author', 'Channels', 'Personas', 'Colour', 'Created', 'Updated']);
    expect(notes.getRow(1).font?.bold).toBe(true);
    expect(notes.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(notes.autoFilter).toBeTruthy();
    expect(notes.rowCount).toBe(1 + goldenMap.notes.length);
    expect(values(notes, 2)).toEqual(['Join', 'Actions', 'Action', 'fills in the form, "quickly"', undefined, 'Ana', 'Web', 'Sam', 'yellow', '2026-11-23T09:00:00.001Z', '2026-11-23T09:00:00.000Z']);
    expect(notes.getColumn(4).width).toBeGreaterThan(notes.getColumn(1).width!);
  });

  it('stores formula-like text as a string, never as a formula', async () => {
    const wb = await read(await mapToXlsx(goldenMap));
    const cell = wb.getWorksheet('Notes')!.getCell('D4');
    expect(cell.value).toBe('=HYPERLINK("http://x") only by *letter*');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
  });

  it('lists pain points most negative first, opportunities with their stage, and emotion and counts per stage', async () => {
    const wb = await read(await mapToXlsx(goldenMap));
    const pains = wb.getWorksheet('Pain points')!;
    expect(values(pains, 1)).toEqual(['Stage', 'Pain point', 'Sentiment']);
    expect(values(pains, 2)).toEqual(['Cancel', '=HYPERLINK("http://x") only by *letter*', -2]);
    expect(values(pains, 3)).toEqual(['Join', 'card declined\ntwice', -1]);
    expect(values(wb.getWorksheet('Opportunities')!, 2)).toEqual(['Cancel', 'let people cancel in the app']);
    const stages = wb.getWorksheet('Stages')!;
    expect(values(stages, 1)).toEqual(['Stage', 'Goal', 'Expectations', 'Emotion score', 'Score source', 'Notes', 'Action', 'Touchpoint', 'Channel', 'Thought', 'Emotion', 'Pain point', 'Opportunity']);
    expect(values(stages, 2)).toEqual(['Join', undefined, undefined, -1, 'Derived', 2, 1, 0, 0, 0, 0, 1, 0]);
    expect(values(stages, 3)).toEqual(['Cancel', undefined, undefined, -2, 'Set', 2, 0, 0, 0, 0, 0, 1, 1]);
  });

  it('writes the given export date into the document, so the same map gives the same bytes', async () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5);
    const wb = await read(await mapToXlsx(goldenMap, { exportedAt: at }));
    expect(wb.created.getTime()).toBe(at);
    expect(wb.title).toBe(goldenMap.title);
    const first = await mapToXlsx(goldenMap, { exportedAt: at });
    await new Promise((r) => setTimeout(r, 2100)); // zip times have a 2 s resolution: cross a tick
    const second = await mapToXlsx(goldenMap, { exportedAt: at });
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('drops characters XML cannot hold instead of writing a broken file', async () => {
    const map = { ...goldenMap, notes: goldenMap.notes.map((n) => (n.id === 'n1' ? { ...n, text: 'bell\u0007 and 🙂' } : n)) };
    const wb = await read(await mapToXlsx(map));
    expect(wb.getWorksheet('Notes')!.getCell('D2').value).toBe('bell and 🙂');
  });

  it('exports 5,000 notes', async () => {
    const bytes = await mapToXlsx(bigMap(5000));
    expect(bytes.byteLength).toBeGreaterThan(10_000);
  });
});

describe('Excel export with the room\'s emotion scores (issue 14)', () => {
  it('the Stages sheet gives the score the curve shows (the room\'s mean unless set) and the room\'s n, mean, lowest and highest', async () => {
    const stages = (await read(await mapToXlsx(roomScoredMap()))).getWorksheet('Stages')!;
    expect(values(stages, 1).slice(-4)).toEqual(['Room scores', 'Room mean', 'Room lowest', 'Room highest']);
    expect(values(stages, 2)).toEqual(['Join', undefined, undefined, -0.29, 'Room', 2, 1, 0, 0, 0, 0, 1, 0, 7, -0.29, -2, 1]);
    expect(values(stages, 3)).toEqual(['Cancel', undefined, undefined, -2, 'Set', 2, 0, 0, 0, 0, 0, 1, 1, 2, -0.5, -1, 0]);
  });
});
