// The HTML export in Chromium: its CSP lets exactly its own script run (by hash), and that script
// pans and zooms the map. A script the hash does not match is refused.
import { afterEach, describe, expect, it } from 'vitest';
import { mapToHtml } from '../../../shared/export/html';
import { sampleMap } from '../journey/sampleMap';

const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const f of frames.splice(0)) f.remove();
});

/** Shows `html` as a page of its own (a blob: document, as a saved file opens) and waits for it to load. */
async function open(html: string): Promise<Document> {
  const frame = document.createElement('iframe');
  frame.style.width = '900px';
  frame.style.height = '600px';
  frames.push(frame);
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = url;
  document.body.append(frame);
  await loaded;
  URL.revokeObjectURL(url);
  return frame.contentDocument!;
}

const transform = (doc: Document) => doc.getElementById('world')!.style.transform;
const zoomLabel = (doc: Document) => doc.getElementById('zl')!.textContent;

describe('HTML export in the browser', () => {
  it('runs its own script under the hash CSP: fits the map, zooms with the buttons, keys and wheel, pans by dragging', async () => {
    const doc = await open(mapToHtml(sampleMap(), { exportedAt: Date.UTC(2026, 10, 29) }));
    const win = doc.defaultView!;
    // The script ran: the map was fitted to the window (the page starts at 100 % without it).
    await expect.poll(() => transform(doc)).toMatch(/^translate\(.+\) scale\(.+\)$/);
    const fitted = zoomLabel(doc);
    expect(fitted).toMatch(/^\d+%$/);
    expect(fitted).not.toBe('100%');

    doc.getElementById('zi')!.click();
    const zoomedIn = zoomLabel(doc);
    expect(parseInt(zoomedIn!, 10)).toBeGreaterThan(parseInt(fitted!, 10));
    doc.dispatchEvent(new win.KeyboardEvent('keydown', { key: '-', bubbles: true }));
    expect(parseInt(zoomLabel(doc)!, 10)).toBeLessThan(parseInt(zoomedIn!, 10));
    doc.dispatchEvent(new win.KeyboardEvent('keydown', { key: '0', bubbles: true }));
    expect(zoomLabel(doc)).toBe(fitted);

    const vp = doc.getElementById('vp')!;
    vp.dispatchEvent(new win.WheelEvent('wheel', { deltaY: -300, clientX: 200, clientY: 200, bubbles: true, cancelable: true }));
    expect(parseInt(zoomLabel(doc)!, 10)).toBeGreaterThan(parseInt(fitted!, 10));

    // Drag to pan: the world moves by what the pointer moved, the zoom stays.
    const before = transform(doc);
    const zoom = zoomLabel(doc);
    const pointer = (type: string, x: number, y: number) =>
      vp.dispatchEvent(new win.PointerEvent(type, { pointerId: 1, pointerType: 'mouse', isPrimary: true, button: 0, buttons: type === 'pointerup' ? 0 : 1, clientX: x, clientY: y, bubbles: true }));
    pointer('pointerdown', 300, 300);
    pointer('pointermove', 340, 270);
    pointer('pointerup', 340, 270);
    const shift = (t: string) => t.match(/translate\((-?[\d.]+)px, (-?[\d.]+)px\)/)!.slice(1).map(Number);
    const [x0, y0] = shift(before);
    const [x1, y1] = shift(transform(doc));
    expect(x1! - x0!).toBeCloseTo(40, 2);
    expect(y1! - y0!).toBeCloseTo(-30, 2);
    expect(zoomLabel(doc)).toBe(zoom);
  });

  it('refuses a script its CSP does not name: an edited script does not run', async () => {
    const html = mapToHtml(sampleMap()).replace("var vp=document.getElementById('vp')", "var vp=document.getElementById( 'vp')");
    const doc = await open(html);
    // Give a refused script every chance to have run.
    await new Promise((r) => setTimeout(r, 100));
    expect(transform(doc)).toBe('');
    expect(zoomLabel(doc)).toBe('100%');
  });
});
