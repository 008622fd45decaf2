import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { StructureSuggestion } from '../../../shared/api';
import type { JourneyMap } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import { rectsOverlap } from '../../../shared/journey';
import { BoardController } from '../../../renderer/board/BoardController';
import { CaptureTools, type CaptureTab } from '../../../renderer/capture/CaptureTools';
import { useNotices } from '../../../renderer/state/notices';
import { sampleMap, sampleNote } from '../journey/sampleMap';
import { fakeApi, render, unmountCurrent, wantScreenshots, type FakeApi } from '../panels/harness';

/**
 * The capture panel against a real BoardController (no canvas: the board's Konva view is not
 * needed to check what the panel commits) and a fake api that checks every call against the
 * contract. `suggest` and `clusters` are what the main process would answer.
 */
const server = { suggest: [] as StructureSuggestion[], clusters: [] as string[][] };

function emptyMap(): JourneyMap {
  return { ...sampleMap(), notes: [] };
}

async function mount(map: JourneyMap, tab: CaptureTab = 'capture') {
  const api: FakeApi = fakeApi((method, input) => {
    if (method === 'structure.suggest') return server.suggest;
    if (method === 'notes.clusters') return server.clusters;
    return input;
  });
  const c = new BoardController(map, api);
  c.setViewport(1000, 700);
  let closed = 0;
  await render(
    <div style={{ position: 'absolute', inset: 0, background: '#f6f7f9' }}>
      <CaptureTools map={map} controller={() => c} onClose={() => closed++} initialTab={tab} api={api} />
    </div>,
  );
  return { c, api, closed: () => closed };
}

const notes = (c: BoardController) => c.allNotes();
const shot = async (name: string) => {
  if (wantScreenshots()) await page.screenshot({ path: `shots/${name}.png` });
};

beforeEach(() => {
  useNotices.setState({ notices: [] });
  server.suggest = [];
  server.clusters = [];
});
afterEach(() => unmountCurrent());

describe('Capture', () => {
  test('each Enter adds one note to the brainstorm area (one undo step each), clear of the frame and of each other', async () => {
    const { c } = await mount(emptyMap());
    const field = page.getByTestId('capture-input');
    await userEvent.click(field);
    await userEvent.keyboard('Slow delivery{Enter}');
    await userEvent.keyboard('Nobody answers the phone{Enter}');
    await userEvent.keyboard('{Enter}'); // empty: nothing
    await expect.poll(() => c.noteCount()).toBe(2);
    await expect.element(field).toHaveValue('');
    expect(document.activeElement).toBe(field.element());
    const [a, b] = notes(c);
    expect([a!.text, b!.text]).toEqual(['Slow delivery', 'Nobody answers the phone']);
    for (const n of [a!, b!]) {
      expect(n.stageId).toBeNull();
      expect(rectsOverlap(n, c.frame!.rect)).toBe(false);
    }
    expect(rectsOverlap(a!, b!)).toBe(false);
    await expect.element(page.getByText('2 notes added')).toBeVisible();
    await shot('capture');
    // Ctrl+Z in the empty field is the board's undo: the last note goes, and leaves the list.
    await userEvent.keyboard('{Control>}z{/Control}');
    expect(notes(c).map((n) => n.text)).toEqual(['Slow delivery']);
    await expect.element(page.getByText('Nobody answers the phone')).not.toBeInTheDocument();
    // With text typed, Ctrl+Z belongs to the field.
    await userEvent.keyboard('abc{Control>}z{/Control}');
    expect(c.noteCount()).toBe(1);
  });

  test('the author is kept on every note; a cell target gives the stage, lane and the lane’s kind', async () => {
    const { c } = await mount(emptyMap());
    await userEvent.fill(page.getByLabelText('Author'), 'Ana');
    await userEvent.click(page.getByText('A cell'));
    await userEvent.selectOptions(page.getByLabelText('Stage'), 'Checkout');
    await userEvent.selectOptions(page.getByLabelText('Lane'), 'Pain points');
    await userEvent.click(page.getByTestId('capture-input'));
    await userEvent.keyboard('Card refused twice{Enter}');
    await expect.poll(() => c.noteCount()).toBe(1);
    expect(notes(c)[0]).toMatchObject({
      text: 'Card refused twice',
      author: 'Ana',
      stageId: 's2',
      laneId: 'l5',
      kind: 'pain_point',
    });
  });

  test('pasting several lines makes one note per non-empty line in ONE undo step', async () => {
    const { c } = await mount(emptyMap());
    const input = page.getByTestId('capture-input').element() as HTMLInputElement;
    input.focus();
    const data = new DataTransfer();
    data.setData('text/plain', 'one\r\n\r\n  two  \nthree\n');
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    await expect.poll(() => c.noteCount()).toBe(3);
    expect(notes(c).map((n) => n.text)).toEqual(['one', 'two', 'three']);
    const all = notes(c);
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) expect(rectsOverlap(all[i]!, all[j]!)).toBe(false);
    c.undo();
    expect(c.noteCount()).toBe(0);
  });
});

describe('Import', () => {
  const csv =
    '\uFEFFText,Stage,Kind,Author\r\n"Prices unclear, again",Browse,pain point,Ana\r\n,Choose,action,Bo\r\nLoved the app,Nowhere,,Cy\r\nJust an idea,,,\r\n';

  async function chooseFile(name: string, text: string) {
    const input = page.getByTestId('import-file').element() as HTMLInputElement;
    const data = new DataTransfer();
    data.items.add(new File([text], name, { type: 'text/csv' }));
    input.files = data.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await expect.element(page.getByTestId('import-dialog')).toBeVisible();
  }

  test('CSV: maps columns, previews the notes, lists bad rows by number; nothing is created before Create, then ONE undo step', async () => {
    const { c } = await mount(emptyMap(), 'import');
    await chooseFile('wall.csv', csv);
    await expect
      .element(page.getByTestId('import-summary'))
      .toHaveTextContent('2 notes will be created · 2 rows can’t be imported');
    const problems = page.getByTestId('import-problems');
    await expect.element(problems).toHaveTextContent('Row 3the text is empty');
    await expect.element(problems).toHaveTextContent('Row 4unknown stage “Nowhere”');
    await expect.element(page.getByRole('cell', { name: 'Prices unclear, again' })).toBeVisible();
    await expect.element(page.getByRole('cell', { name: 'Browse · Pain points' })).toBeVisible();
    await shot('import-dialog');
    expect(c.noteCount()).toBe(0);

    // Without the stage column the bad stage is no longer a problem.
    await userEvent.selectOptions(page.getByLabelText('Stage column'), '(none)');
    await expect
      .element(page.getByTestId('import-summary'))
      .toHaveTextContent('3 notes will be created · 1 row can’t be imported');
    await userEvent.selectOptions(page.getByLabelText('Stage column'), 'Stage');
    expect(c.noteCount()).toBe(0);

    await userEvent.click(page.getByRole('button', { name: 'Create 2 notes' }));
    await expect.poll(() => c.noteCount()).toBe(2);
    expect(document.querySelector('[data-testid="import-dialog"]')).toBeNull();
    const [inCell, free] = notes(c);
    expect(inCell).toMatchObject({
      text: 'Prices unclear, again',
      stageId: 's0',
      laneId: 'l5',
      kind: 'pain_point',
      author: 'Ana',
    });
    expect(free).toMatchObject({ text: 'Just an idea', stageId: null, laneId: null });
    await expect.element(page.getByText('Created 2 notes.')).toBeVisible();
    c.undo();
    expect(c.noteCount()).toBe(0);
  });

  test('Cancel or Escape creates nothing; an empty file and a header-only file say so and cannot be confirmed', async () => {
    const { c, closed } = await mount(emptyMap(), 'import');
    await chooseFile('wall.csv', csv);
    await userEvent.click(page.getByRole('button', { name: 'Cancel' }));
    expect(document.querySelector('[data-testid="import-dialog"]')).toBeNull();
    // Escape closes the dialog, not the panel behind it.
    await chooseFile('wall.csv', csv);
    (page.getByRole('button', { name: 'Create 2 notes' }).element() as HTMLElement).focus();
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => document.querySelector('[data-testid="import-dialog"]')).toBeNull();
    expect(closed()).toBe(0);
    await chooseFile('empty.csv', '');
    await expect.element(page.getByText('The file is empty')).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Nothing to create' })).toBeDisabled();
    await userEvent.click(page.getByRole('button', { name: 'Cancel' }));
    await chooseFile('header.csv', 'Text,Stage\r\n');
    await expect.element(page.getByText('header row but no rows')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Cancel' }));
    expect(c.noteCount()).toBe(0);
  });

  test('pasted Markdown: list items become notes; a heading naming a stage and one naming a lane put them in that cell', async () => {
    const { c } = await mount(emptyMap(), 'import');
    await userEvent.fill(
      page.getByLabelText('Text'),
      '# Checkout\n## Pain points\n- Too many steps\n- Card refused\n# Other\n- Loose',
    );
    await userEvent.click(page.getByRole('button', { name: 'Review pasted text' }));
    await expect.element(page.getByLabelText('Read as')).toHaveValue('markdown');
    await expect.element(page.getByText('1 heading used as stage; 1 as lane')).toBeVisible();
    await shot('import-markdown');
    await userEvent.click(page.getByRole('button', { name: 'Create 3 notes' }));
    await expect.poll(() => c.noteCount()).toBe(3);
    expect(notes(c).map((n) => [n.text, n.stageId, n.laneId])).toEqual([
      ['Too many steps', 's2', 'l5'],
      ['Card refused', 's2', 'l5'],
      ['Loose', null, null],
    ]);
  });
});

describe('Suggest structure', () => {
  const freeMap = () => ({
    ...emptyMap(),
    notes: [
      sampleNote('a', { text: 'Searched for trainers', x: 4000, y: 0 }),
      sampleNote('b', { text: 'Delivery took ages', x: 4200, y: 0 }),
      sampleNote('c', { text: 'Maybe a size guide', x: 4400, y: 0 }),
      sampleNote('placed', { text: 'in a cell', stageId: 's0', laneId: 'l0', kind: 'action' }),
    ],
  });
  const suggestion = (noteId: string, extra: Partial<StructureSuggestion>): StructureSuggestion => ({
    noteId,
    kind: 'action',
    kindConfidence: 0.9,
    stageId: 's0',
    stageConfidence: 0.8,
    laneId: 'l0',
    sentiment: 0,
    ...extra,
  });

  test('saves pending edits, asks, lists the free notes; Accept all moves them into cells in ONE undo step', async () => {
    const { c, api } = await mount(freeMap(), 'suggest');
    // An edit still queued when Suggest is pressed is saved first (every edit is saved by changes.apply).
    c.commit('Edit', [{ type: 'note', op: 'update', id: 'a', patch: { text: 'Searched for trainers online' } }]);
    server.suggest = [
      suggestion('a', {}),
      suggestion('b', { kind: 'pain_point', laneId: 'l5', stageId: 's3', sentiment: -2 }),
      suggestion('c', { kind: 'opportunity', kindConfidence: 0.55, laneId: 'l6', stageId: null, sentiment: 1 }),
    ];
    await userEvent.click(page.getByRole('button', { name: 'Suggest structure' }));
    await expect.poll(() => page.getByTestId('suggestion').elements().length).toBe(3);
    const methods = api.calls.map((x) => x.method);
    expect(methods.indexOf('changes.apply')).toBeGreaterThanOrEqual(0);
    expect(methods.indexOf('changes.apply')).toBeLessThan(methods.indexOf('structure.suggest'));
    // The unsure one is marked, and has no stage: Accept all leaves it until one is chosen.
    const third = page.getByTestId('suggestion').nth(2);
    await expect.element(third).toHaveClass(/unsure/);
    await expect.element(third.getByText('a guess')).toBeVisible();
    await expect.element(third.getByRole('button', { name: 'Accept' })).toBeDisabled();
    await expect.element(page.getByRole('button', { name: 'Accept all (2)' })).toBeVisible();
    await shot('suggest');
    await userEvent.selectOptions(third.getByLabelText('Stage'), 'Choose');
    await userEvent.click(page.getByRole('button', { name: 'Accept all (3)' }));
    expect(c.note('a')).toMatchObject({ stageId: 's0', laneId: 'l0', kind: 'action', sentiment: 0 });
    expect(c.note('b')).toMatchObject({ stageId: 's3', laneId: 'l5', kind: 'pain_point', sentiment: -2 });
    expect(c.note('c')).toMatchObject({ stageId: 's1', laneId: 'l6', kind: 'opportunity', sentiment: 1 });
    await expect.element(page.getByText('No free notes to place')).toBeVisible();
    c.undo();
    for (const id of ['a', 'b', 'c'])
      expect(c.note(id)).toMatchObject({ stageId: null, laneId: null, kind: null, sentiment: null });
    expect(c.note('a')!.text).toBe('Searched for trainers online');
  });

  test('Accept one with a changed lane takes that lane’s kind; Reject drops the row and moves nothing', async () => {
    const { c } = await mount(freeMap(), 'suggest');
    server.suggest = [suggestion('a', {}), suggestion('b', {})];
    await userEvent.click(page.getByRole('button', { name: 'Suggest structure' }));
    const first = page.getByTestId('suggestion').first();
    await userEvent.selectOptions(first.getByLabelText('Lane'), 'Thoughts');
    await userEvent.click(first.getByRole('button', { name: 'Accept' }));
    expect(c.note('a')).toMatchObject({ stageId: 's0', laneId: 'l3', kind: 'thought' });
    await userEvent.click(page.getByTestId('suggestion').first().getByRole('button', { name: 'Reject' }));
    await expect.poll(() => page.getByTestId('suggestion').elements().length).toBe(0);
    expect(c.note('b')).toMatchObject({ stageId: null, laneId: null });
  });

  test('empty state when every note is in a cell; a refusal is shown, not swallowed', async () => {
    await mount({ ...emptyMap(), notes: [sampleNote('placed', { stageId: 's0', laneId: 'l0' })] }, 'suggest');
    await expect.element(page.getByText('No free notes')).toBeVisible();
    unmountCurrent();
    const { api } = await mount(freeMap(), 'suggest');
    api.respond = (method, input) => {
      if (method === 'structure.suggest') throw new ApiError('conflict', 'The map is busy. Try again.');
      return input;
    };
    await userEvent.click(page.getByRole('button', { name: 'Suggest structure' }));
    await expect
      .poll(() => useNotices.getState().notices.map((n) => n.message))
      .toContain('The map is busy. Try again.');
  });
});

describe('Similar notes', () => {
  test('Merge keeps the first note with the longest text, every author and tag, deletes the rest, in ONE undo step', async () => {
    const map = {
      ...emptyMap(),
      notes: [
        sampleNote('a', { text: 'Slow delivery', author: 'Ana', channels: ['web'] }),
        sampleNote('b', { text: 'Delivery was really slow', author: 'Bo', channels: ['app'], x: 200 }),
        sampleNote('c', { text: 'Prices unclear', x: 400 }),
        sampleNote('d', { text: 'Unclear prices', x: 600 }),
      ],
    };
    const { c, api } = await mount(map, 'similar');
    server.clusters = [
      ['a', 'b'],
      ['c', 'd'],
    ];
    await userEvent.click(page.getByRole('button', { name: 'Find similar notes' }));
    await expect.poll(() => page.getByTestId('similar-group').elements().length).toBe(2);
    expect(api.calls.map((x) => x.method)).toContain('notes.clusters');
    await shot('similar');
    await userEvent.click(
      page
        .getByTestId('similar-group')
        .first()
        .getByRole('button', { name: /^Merge/ }),
    );
    expect(c.note('a')).toMatchObject({
      text: 'Delivery was really slow',
      author: 'Ana, Bo',
      channels: ['web', 'app'],
    });
    expect(c.note('b')).toBeUndefined();
    await userEvent.click(page.getByRole('button', { name: 'Keep apart' }));
    await expect.element(page.getByText('No similar notes')).toBeVisible();
    expect(c.noteCount()).toBe(3);
    c.undo();
    expect(c.note('b')).toBeDefined();
    expect(c.note('a')).toMatchObject({ text: 'Slow delivery', author: 'Ana', channels: ['web'] });
  });
});

describe('CaptureTools', () => {
  test('tabs switch with clicks and arrow keys; Escape and the close button close it', async () => {
    const { closed } = await mount(emptyMap());
    await userEvent.click(page.getByRole('tab', { name: 'Suggest' }));
    await expect.element(page.getByRole('button', { name: 'Suggest structure' })).toBeVisible();
    await userEvent.keyboard('{ArrowRight}');
    await expect.element(page.getByRole('tab', { name: 'Similar' })).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Escape}');
    expect(closed()).toBe(1);
    await userEvent.click(page.getByRole('button', { name: 'Close capture panel' }));
    expect(closed()).toBe(2);
  });
});
