// The board's metrics row writes each figure as every export does: the same rounding, sign, scale
// or unit, target and status words (shared/prioritise/metrics `metricText`). The exports are held
// to the same sample in test/unit/export/metricStatus.test.ts.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, test } from 'vitest';
import type { JourneyMap, Lane, Stage } from '../../../shared/domain';
import { MetricsRow } from '../../../renderer/plan/MetricsRow';
import { blankMap } from '../../fixtures/maps';
import { METRIC_FIGURES, metricRecords } from '../../fixtures/metricFigures';
import { mount, unmountCurrent } from '../board/harness';

const stage = (id: string, name: string, position: number): Stage => ({ id, mapId: 'm1', name, description: '', position, emotion: null, goal: '', expectations: '' });
const lane = (id: string, position: number, kind: Lane['kind']): Lane => ({ id, mapId: 'm1', name: `Lane ${id}`, kind, position, collapsed: false });

function journey(): JourneyMap {
  return blankMap({
    title: 'Metrics',
    camera: { x: -20, y: -20, zoom: 0.5 },
    metrics: metricRecords() as unknown as JourneyMap['metrics'],
    stages: [stage('s1', 'Join', 0), stage('s2', 'Cancel', 1)],
    lanes: [lane('act', 0, 'actions'), lane('emo', 1, 'emotions')],
  });
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
  unmountCurrent();
});

describe('the metrics row', () => {
  test('shows each figure, target and status as the exports write them', async () => {
    const { c } = await mount(journey());
    const div = document.createElement('div');
    div.style.cssText = 'position:fixed;left:0;top:0;width:1000px;height:700px;';
    document.body.appendChild(div);
    const root = createRoot(div);
    await act(async () => root.render(<MetricsRow controller={c} />));
    cleanup = () => {
      act(() => root.unmount());
      div.remove();
    };

    const cells = [...div.querySelectorAll<HTMLElement>('[data-testid="metrics-cell"]')];
    const shown = cells.flatMap((cell) => {
      const scope = cell.getAttribute('aria-label')!.replace(/^Metrics: /, '');
      return [...cell.querySelectorAll<HTMLElement>('[data-testid="metric-line"]')].map((line) => [scope, line.innerText]);
    });
    // The exports' columns, joined as the row writes them: "CSAT 4.4 / 5, target 4 / 5, ✓ on target".
    const line = ([, label, value, target, status]: string[]) => `${label} ${value || '–'}${target ? `, target ${target}` : ''}${status ? `, ${status}` : ''}`;
    expect(shown).toEqual(METRIC_FIGURES.map((f) => [f.shown[0], line(f.shown)]));

    // A screen reader hears the same figures, the status in words.
    const chip = div.querySelector<HTMLElement>('[data-testid="metric-chip"][data-kind="csat"]')!;
    expect(chip.textContent).toContain('CSAT 4.4 / 5, target 4 / 5, on target (source: Survey, 2026-10-01). Edit');
    // Every part is visible (none clipped away): the status words as well as the symbol and colour.
    const status = chip.querySelector<HTMLElement>('.metric-status')!;
    expect(status.getBoundingClientRect().width).toBeGreaterThan(0);
    expect(getComputedStyle(status).visibility).toBe('visible');
  });
});
