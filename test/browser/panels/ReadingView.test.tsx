import { afterEach, describe, expect, test, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ReadingView } from '../../../renderer/reading/ReadingView';
import { sampleMap, sampleNote } from '../journey/sampleMap';
import { render, unmountCurrent, wantScreenshots } from './harness';

afterEach(() => {
  unmountCurrent();
  expect(document.querySelector('[data-testid="reading-view"]')).toBeNull();
});

function richMap() {
  const map = sampleMap({ emotion: { 0: 1 } });
  map.notes.push(
    sampleNote('free', { text: 'Ask about gift wrapping', x: 0, y: 0 }),
    sampleNote('html', { text: '<b>x</b> & <img src=x onerror=alert(1)>', stageId: 's1', laneId: 'l0', x: 5000, y: 5000, personaIds: ['p1'] }),
    sampleNote('half', { text: 'Stage only', stageId: 's2', x: 10, y: 400 }),
  );
  return map;
}

const cell = (stageId: string, laneId: string) => document.querySelector(`tr[data-lane="${laneId}"] td[data-stage="${stageId}"]`) as HTMLElement;

describe('ReadingView', () => {
  test('shows each note in its stage column and lane row, with its channels and face', async () => {
    const map = richMap();
    await render(<ReadingView map={map} onClose={() => {}} />);
    const headers = [...document.querySelectorAll('thead th')].map((th) => th.querySelector('.reading-stage-name')!.textContent);
    expect(headers).toEqual(['Browse', 'Choose', 'Checkout', 'Delivery', 'Return']);
    const rows = [...document.querySelectorAll('tr.reading-lane th')].map((th) => th.querySelector('.reading-lane-name')!.textContent);
    expect(rows).toEqual(['Actions', 'Touchpoints', 'Channels', 'Thoughts', 'Emotions', 'Pain points', 'Opportunities']);
    // Every placed note is in exactly the cell of its stage and lane.
    for (const n of map.notes.filter((n) => n.stageId && n.laneId)) {
      expect(cell(n.stageId!, n.laneId!).querySelector(`[data-note="${n.id}"]`), n.text).not.toBeNull();
      expect(document.querySelectorAll(`[data-note="${n.id}"]`)).toHaveLength(1);
    }
    const sizes = cell('s1', 'l1');
    expect(sizes.textContent).toContain('Size guide and customer photos');
    expect(sizes.textContent).toContain('Web');
    expect(sizes.textContent).toContain('App');
    expect(cell('s2', 'l4').querySelector('[data-face="very-negative"]')).not.toBeNull();
    await expect.element(page.getByRole('heading', { name: 'Online shopping: trainers', level: 1 })).toBeVisible();
    await expect.element(page.getByRole('region', { name: 'Persona: Maya Okafor' })).toBeVisible();
    if (wantScreenshots()) {
      await page.screenshot({ path: 'shots/reading.png' });
      document.querySelector('.reading-emotion-curve')!.scrollIntoView({ block: 'start' });
      await page.screenshot({ path: 'shots/reading-2.png' });
      document.querySelector('.reading-unplaced')!.scrollIntoView({ block: 'end' });
      await page.screenshot({ path: 'shots/reading-3.png' });
    }
  });

  test('note text is shown as text, never as HTML', async () => {
    await render(<ReadingView map={richMap()} onClose={() => {}} />);
    const note = document.querySelector('[data-note="html"] .reading-note-text')!;
    expect(note.textContent).toBe('<b>x</b> & <img src=x onerror=alert(1)>');
    expect(note.querySelector('b, img')).toBeNull();
    // Tagged with the persona: the chip names them.
    expect(document.querySelector('[data-note="html"]')!.textContent).toContain('Maya Okafor');
  });

  test('lists the notes that are in no cell under "Not yet placed", saying what they do have', async () => {
    await render(<ReadingView map={richMap()} onClose={() => {}} />);
    const section = page.getByRole('region', { name: /Not yet placed/ });
    await expect.element(section).toBeVisible();
    const items = [...document.querySelectorAll('.reading-unplaced [data-note]')].map((li) => li.getAttribute('data-note'));
    expect(items).toEqual(['free', 'half']);
    expect(document.querySelector('.reading-unplaced [data-note="half"]')!.textContent).toContain('Stage: Checkout');
    expect(document.querySelector('.reading-table [data-note="free"]')).toBeNull();
  });

  test('the emotion rows show each stage’s face and score, and whether it was set or derived', async () => {
    await render(<ReadingView map={richMap()} onClose={() => {}} />);
    const scores = [...document.querySelectorAll('.reading-emotion-scores td')].map((td) => td.textContent);
    expect(scores[0]).toContain('+1');
    expect(scores[0]).toContain('Set by the facilitator');
    expect(scores[2]).toContain('−2');
    expect(scores[2]).toContain('Derived: average of 2 notes');
    expect(document.querySelectorAll('.reading-curve-face')).toHaveLength(5);
    expect(document.querySelector('.reading-curve path.curve-line')!.getAttribute('d')).toMatch(/^M /);
    await expect.element(page.getByRole('img', { name: /^Emotion curve\. Browse: positive \(\+1\)/ })).toBeInTheDocument();
  });

  test('the room’s scores: the stage shows mean, range and n, and the curve has the band of the spread', async () => {
    const map = richMap();
    // Seven people scored Choose (s1), three Checkout (s2); Browse (s0) is set by hand and also scored by two.
    const scores = (stageId: string, list: number[]) => list.map((score, i) => ({ id: `${stageId}-${i}`, mapId: 'm1', stageId, participantId: `p${i}`, score }));
    Object.assign(map, { emotionScores: [...scores('s1', [1, -1, 0, -2, 1, 0, -1]), ...scores('s2', [-2, -1, 1]), ...scores('s0', [-1, 0])] });
    await render(<ReadingView map={map} onClose={() => {}} />);
    const cells = [...document.querySelectorAll('.reading-emotion-scores td')].map((td) => td.textContent ?? '');
    expect(cells[0]).toContain('+1');
    expect(cells[0]).toContain('Set by the facilitator');
    expect(cells[0]).toContain('Room: mean −0.5 (−1 to 0), n = 2');
    expect(cells[1]).toContain('−0.3');
    expect(cells[1]).toContain('The room’s mean');
    expect(cells[1]).toContain('Room: mean −0.3 (−2 to +1, middle half −1 to +0.5), n = 7');
    expect(cells[2]).toContain('Room: mean −0.7 (−2 to +1), n = 3');
    expect(cells[3]).not.toContain('Room:');
    // One band over the three neighbouring stages the room scored, drawn under the curve.
    const bands = document.querySelectorAll('.reading-curve path.curve-band');
    expect(bands).toHaveLength(1);
    const svg = document.querySelector('.reading-curve svg')!;
    expect([...svg.children].indexOf(bands[0]!)).toBeLessThan([...svg.children].indexOf(svg.querySelector('.curve-line')!));
    expect(getComputedStyle(bands[0]!).fill).not.toBe('none');
    await expect.element(page.getByRole('img', { name: /Choose: neutral \(−0\.3, the room: mean −0\.3 .*n = 7\)/ })).toBeInTheDocument();
  });

  test('Print prints; Back to board and Escape close it', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    const onClose = vi.fn();
    await render(<ReadingView map={richMap()} onClose={onClose} />);
    await page.getByRole('button', { name: 'Print…' }).click();
    expect(print).toHaveBeenCalledTimes(1);
    await page.getByRole('button', { name: 'Back to board' }).click();
    expect(onClose).toHaveBeenCalledTimes(1);
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(2);
    print.mockRestore();
  });

  test('covers the app: what is behind is inert, and keys do not reach the board’s shortcuts', async () => {
    const app = document.createElement('div');
    app.className = 'behind';
    document.body.appendChild(app);
    const keys: string[] = [];
    const onKey = (e: KeyboardEvent) => keys.push(e.key);
    window.addEventListener('keydown', onKey);
    await render(<ReadingView map={richMap()} onClose={() => {}} />);
    expect(app.inert).toBe(true);
    expect(document.activeElement).toBe(document.querySelector('[data-testid="reading-view"]'));
    await userEvent.keyboard('n{Delete}');
    expect(keys).toEqual([]);
    unmountCurrent();
    expect(app.inert).toBe(false);
    window.removeEventListener('keydown', onKey);
    app.remove();
  });

  test('prints only the document: the app behind it is hidden', async () => {
    const app = document.createElement('div');
    app.className = 'behind';
    app.textContent = 'board';
    document.body.appendChild(app);
    await render(<ReadingView map={richMap()} onClose={() => {}} />);
    const rules = [...document.styleSheets].flatMap((s) => [...s.cssRules]).filter((r) => r instanceof CSSMediaRule && r.conditionText === 'print');
    expect(rules.map((r) => r.cssText).join('\n')).toContain('body > :not(.reading-root)');
    if (wantScreenshots()) {
      // A look at the print layout: the print rules applied to the screen, page-wide (A4 landscape at 96 dpi).
      const preview = document.createElement('style');
      preview.textContent = rules.flatMap((r) => [...(r as CSSMediaRule).cssRules].filter((x) => !(x instanceof CSSPageRule)).map((x) => x.cssText)).join('\n');
      document.head.appendChild(preview);
      document.body.style.width = '1047px';
      await page.screenshot({ path: 'shots/reading-print.png' });
      preview.remove();
      document.body.style.width = '';
    }
    app.remove();
  });

  test('a map with no stages says how to get some', async () => {
    const map = sampleMap();
    map.stages = [];
    await render(<ReadingView map={map} onClose={() => {}} />);
    await expect.element(page.getByRole('heading', { name: 'No stages yet' })).toBeVisible();
  });
});
