import { afterEach, describe, expect, test } from 'vitest';
import Konva from 'konva';
import type { JourneyMap } from '../../../shared/domain';
import { badgeCenter, badgeRadius } from '../../../renderer/board/noteMarks';
import { voteSession } from '../../../renderer/prioritise/voteSession';
import { liveStages, makeMap, mount, note, unmountCurrent } from '../board/harness';

afterEach(() => {
  unmountCurrent();
  expect(liveStages()).toBe(0);
});

/** Three pain points in a row at zoom 1 from the top-left; n0 has 3 votes in r1, n2 has 1, n1 none. */
function sample(): JourneyMap {
  const map = makeMap([
    note('n0', 40, 60, { kind: 'pain_point', severity: 4, reach: 2 }),
    note('n1', 260, 60, { kind: 'pain_point' }),
    note('n2', 480, 60, { kind: 'pain_point' }),
  ]);
  return {
    ...map,
    participants: [
      { id: 'pa', mapId: 'm1', name: 'Ana', color: 'teal', position: 0 },
      { id: 'pb', mapId: 'm1', name: 'Ben', color: 'pink', position: 1 },
    ],
    rounds: [{ id: 'r1', mapId: 'm1', title: 'Which pain points hurt most?', target: 'pain_point', dots: 3, multiple: true, anonymous: false, status: 'open', openedAt: 1, closedAt: null, position: 0 }],
    votes: [
      { id: 'v1', mapId: 'm1', roundId: 'r1', participantId: 'pa', noteId: 'n0', count: 1 },
      { id: 'v2', mapId: 'm1', roundId: 'r1', participantId: 'pb', noteId: 'n0', count: 1 },
      { id: 'v3', mapId: 'm1', roundId: 'r1', participantId: null, noteId: 'n0', count: 1 },
      { id: 'v4', mapId: 'm1', roundId: 'r1', participantId: 'pa', noteId: 'n2', count: 1 },
    ],
  } as JourneyMap;
}

/** RGBA of the notes layer's canvas at a stage point (the canvas may reach past the stage, moved by CSS). */
function notesPixel(x: number, y: number): [number, number, number, number] {
  const stage = Konva.stages[Konva.stages.length - 1]!;
  const layer = stage.findOne<Konva.Layer>('.notes')!;
  const canvas = layer.getCanvas();
  const stageBox = stage.content.getBoundingClientRect();
  const box = canvas._canvas.getBoundingClientRect();
  const ratio = canvas.getPixelRatio();
  const d = layer.getContext()._context.getImageData(Math.round((x + stageBox.left - box.left) * ratio), Math.round((y + stageBox.top - box.top) * ratio), 1, 1).data;
  return [d[0]!, d[1]!, d[2]!, d[3]!];
}

/** A point inside a note's badge, below its figure: the badge's blue fill. */
function inBadge(x: number, y: number): [number, number, number, number] {
  const n = { x, y, width: 160, height: 160 };
  const r = badgeRadius(n, 1);
  const c = badgeCenter(n, r);
  return notesPixel(c.x, c.y + r * 0.68);
}

const isBadgeBlue = ([r, g, b]: number[]) => b! > 150 && r! < 80 && g! < 110;

describe('vote badges and the top-N filter on the board', () => {
  test('voted notes show a badge in the selected round, others none; undo of a vote follows', async () => {
    const m = await mount(sample());
    await m.c.nextFrame();
    expect(isBadgeBlue(inBadge(40, 60))).toBe(false);

    // The session shows the newest open round at once.
    const s = voteSession(m.c);
    expect(s.store.getState().roundId).toBe('r1');
    await m.c.nextFrame();
    expect(m.c.testHook().voteBadges()).toEqual({ n0: 3, n2: 1 });
    expect(isBadgeBlue(inBadge(40, 60))).toBe(true);
    expect(isBadgeBlue(inBadge(480, 60))).toBe(true);
    // No votes, no badge: the note's own paper there.
    expect(isBadgeBlue(inBadge(260, 60))).toBe(false);

    // A vote cast is one undo step, and the badges follow both ways.
    expect(s.cast('n1', 'pb')).toBeNull();
    await m.c.nextFrame();
    expect(m.c.testHook().voteBadges()).toEqual({ n0: 3, n1: 1, n2: 1 });
    expect(isBadgeBlue(inBadge(260, 60))).toBe(true);
    m.c.undo();
    await m.c.nextFrame();
    expect(m.c.testHook().voteBadges()).toEqual({ n0: 3, n2: 1 });
    expect(isBadgeBlue(inBadge(260, 60))).toBe(false);

    // No round: no badges.
    s.store.setState({ roundId: null });
    await m.c.nextFrame();
    expect(isBadgeBlue(inBadge(40, 60))).toBe(false);
  });

  test('a refused vote changes nothing and says why', async () => {
    const m = await mount(sample());
    const s = voteSession(m.c);
    s.store.setState({ roundId: 'r1' });
    // Ana has 2 of 3 dots used.
    expect(s.cast('n1', 'pa')).toBeNull();
    const depth = m.c.undoDepth();
    expect(s.cast('n1', 'pa')).toBe('Ana has no dots left: all 3 are used. Take one back to move it.');
    expect(s.store.getState().refusal).toMatch(/no dots left/);
    expect(m.c.undoDepth()).toBe(depth);
  });

  test('top N keeps the most-voted notes bright and dims the others, also as far-out blocks', async () => {
    const m = await mount(sample());
    const s = voteSession(m.c);
    s.store.setState({ roundId: 'r1', topN: 1 });
    await m.c.nextFrame();
    expect(m.c.testHook().voteKeep()).toEqual(['n0']);
    // Near each note's bottom-left corner: card colour, no text.
    expect(notesPixel(50, 210)[3]).toBe(255);
    expect(notesPixel(270, 210)[3]).toBeLessThan(90);
    expect(notesPixel(490, 210)[3]).toBeLessThan(90);

    m.c.setCamera({ x: -100, y: -100, zoom: 0.15 });
    await m.c.nextFrame();
    const at = (bx: number, by: number) => notesPixel((bx + 100) * 0.15, (by + 100) * 0.15)[3];
    expect(at(120, 140)).toBe(255);
    expect(at(560, 140)).toBeLessThan(90);

    s.store.setState({ topN: null });
    await m.c.nextFrame();
    expect(at(560, 140)).toBe(255);
  });

  test('a pain point shows its severity and reach as small marks', async () => {
    const m = await mount(sample());
    await m.c.nextFrame();
    // The severity chip ("S4", a strong warm tint) at n0's top-left; n1 has none (yellow paper).
    const [r, g, b] = notesPixel(40 + 7, 60 + 7);
    expect(r).toBeGreaterThan(230);
    expect(g).toBeLessThan(170);
    expect(b).toBeLessThan(140);
    const [r1, g1, b1] = notesPixel(260 + 7, 60 + 7);
    expect([r1 > 230, g1 > 200, b1 < 200]).toEqual([true, true, true]);
  });
});
