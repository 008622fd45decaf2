import { afterEach, describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { JourneyMap } from '../../../shared/domain';
import type { BoardController } from '../../../renderer/board/BoardController';
import { VotePanel } from '../../../renderer/prioritise/VotePanel';
import { voteSession } from '../../../renderer/prioritise/voteSession';
import { liveStages, makeMap, mount, note, unmountCurrent } from '../board/harness';

let panel: { root: Root; div: HTMLDivElement } | null = null;

afterEach(() => {
  if (panel) {
    const { root, div } = panel;
    act(() => root.unmount());
    div.remove();
    panel = null;
  }
  unmountCurrent();
  expect(liveStages()).toBe(0);
});

/** Two pain points and an opportunity; an anonymous closed round and a later open one. */
function sample(): JourneyMap {
  const map = makeMap([note('n0', 40, 60, { kind: 'pain_point', text: 'Slots run out' }), note('n1', 260, 60, { kind: 'pain_point', text: 'Card asked twice' }), note('n2', 480, 60, { kind: 'opportunity', text: 'Evening slots' })]);
  const round = (id: string, title: string, extra: object) => ({ id, mapId: 'm1', title, target: 'pain_point', dots: 3, multiple: false, anonymous: false, status: 'open', openedAt: 1, closedAt: null, position: 0, ...extra });
  return {
    ...map,
    participants: [
      { id: 'pa', mapId: 'm1', name: 'Ana', color: 'teal', position: 0 },
      { id: 'pb', mapId: 'm1', name: 'Ben', color: 'pink', position: 1 },
    ],
    rounds: [round('r1', 'Before the talk', { anonymous: true, status: 'closed', closedAt: 5 }), round('r2', 'After the talk', { openedAt: 10, position: 1 })],
    votes: [
      { id: 'v1', mapId: 'm1', roundId: 'r1', participantId: 'pa', noteId: 'n0', count: 1 },
      { id: 'v2', mapId: 'm1', roundId: 'r1', participantId: 'pb', noteId: 'n0', count: 1 },
      { id: 'v3', mapId: 'm1', roundId: 'r2', participantId: 'pa', noteId: 'n1', count: 1 },
      { id: 'v4', mapId: 'm1', roundId: 'r2', participantId: 'pb', noteId: 'n0', count: 1 },
    ],
  } as JourneyMap;
}

async function openPanel(c: BoardController): Promise<void> {
  const div = document.createElement('div');
  div.style.cssText = 'position:fixed;right:0;top:0;width:420px;height:800px;';
  document.body.appendChild(div);
  const root = createRoot(div);
  await act(async () => root.render(<VotePanel board={() => c} onClose={() => {}} />));
  panel = { root, div };
}

const results = () => [...document.querySelectorAll('[data-testid="vote-results"] li')].map((li) => li.textContent);

describe('the Vote panel', () => {
  test('shows the newest open round with names; an anonymous round’s results show none', async () => {
    const m = await mount(sample());
    await openPanel(m.c);
    await expect.element(page.getByLabelText('Round shown on the board')).toHaveValue('r2');
    expect(results()).toEqual(['1Slots run outBen', '1Card asked twiceAna']);
    await page.getByLabelText('Round shown on the board').selectOptions('r1');
    await expect.element(page.getByTestId('round-view')).toHaveTextContent(/Closed/);
    expect(results()).toEqual(['2Slots run out']);
  });

  test('compares two rounds note by note', async () => {
    const m = await mount(sample());
    await openPanel(m.c);
    const rows = () => [...document.querySelectorAll('.compare-table tbody tr')].map((tr) => [...tr.children].map((x) => x.textContent));
    expect(rows()).toEqual([
      ['Slots run out', '2', '1', '−1'],
      ['Card asked twice', '0', '1', '+1'],
    ]);
  });

  test('severity and reach of the selected pain points: one undo step each, other notes left alone', async () => {
    const m = await mount(sample());
    await openPanel(m.c);
    await act(async () => m.c.setSelection(['n0', 'n1', 'n2']));
    await expect.element(page.getByText('2 of the 3 selected notes are pain points; these are rated.')).toBeVisible();
    const depth = m.c.undoDepth();
    await page.getByTestId('score-editor').getByLabelText('Severity').selectOptions('4');
    expect([m.c.note('n0')!.severity, m.c.note('n1')!.severity, m.c.note('n2')!.severity]).toEqual([4, 4, null]);
    expect(m.c.undoDepth()).toBe(depth + 1);
    await page.getByTestId('score-editor').getByLabelText('Reach').selectOptions('2');
    expect(m.c.note('n1')!.reach).toBe(2);
    await act(async () => m.c.undo());
    expect(m.c.note('n1')!.reach).toBeNull();
    expect(m.c.note('n1')!.severity).toBe(4);
  });

  test('people are added, renamed and removed with their votes, each one undo step', async () => {
    const m = await mount(sample());
    await openPanel(m.c);
    await page.getByLabelText('Name', { exact: true }).fill('Caro');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    expect(m.c.records('participant').map((p) => p.name).sort()).toEqual(['Ana', 'Ben', 'Caro']);
    await page.getByRole('button', { name: 'Remove Ben' }).click();
    expect(m.c.records('participant').map((p) => p.name).sort()).toEqual(['Ana', 'Caro']);
    expect(m.c.records('vote').some((v) => v.participantId === 'pb')).toBe(false);
    await act(async () => m.c.undo());
    expect(m.c.records('vote').filter((v) => v.participantId === 'pb')).toHaveLength(2);
    // A vote from the list, for the chosen person.
    await page.getByRole('button', { name: /^Ana / }).click();
    await page.getByRole('button', { name: 'Add Ana’s dot to “Slots run out”' }).click();
    expect(voteSession(m.c).store.getState().said).toBe('Ana voted for “Slots run out”: 1 dot left.');
  });
});
