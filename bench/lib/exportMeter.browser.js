/* global window, document, requestAnimationFrame, Element */
// The export bench's in-page meter (../export.bench.ts), installed before the app's own scripts.
// While it runs, a requestAnimationFrame loop keeps every frame's timestamp; capture-phase click
// listeners note when a menu item is clicked and when the app clicks a download link
// (renderer/files/download.ts: the file handed to the browser), both on the page's clock. Plain
// JavaScript, not TypeScript, so that no compiler helper (tsx's __name) ends up in the page.
(() => {
  if (window.__exportMeter) return;
  let frames = [];
  let running = false;
  let clickAt = null;
  let savedAt = null;
  const loop = (t) => {
    frames.push(t);
    if (running) requestAnimationFrame(loop);
  };
  document.addEventListener(
    'click',
    (e) => {
      const target = e.target instanceof Element ? e.target : null;
      if (!running || !target) return;
      if (target.closest('[role="menuitem"]') && clickAt === null) clickAt = performance.now();
      if (target.closest('a[download]') && savedAt === null) savedAt = performance.now();
    },
    true,
  );
  window.__exportMeter = {
    start() {
      frames = [];
      clickAt = null;
      savedAt = null;
      running = true;
      requestAnimationFrame(loop);
    },
    /**
     * Stops the loop. The window is the frames around the export: from the last frame before the
     * click to the first one after the file was handed over (without a click: every frame recorded,
     * up to now). Returns the longest gap between consecutive frames in it, and how many gaps were
     * over longFrameMs.
     */
    stop(longFrameMs) {
      running = false;
      const from = clickAt ?? frames[0] ?? 0;
      const to = savedAt ?? performance.now();
      let first = 0;
      while (first + 1 < frames.length && frames[first + 1] <= from) first++;
      let last = first;
      while (last + 1 < frames.length && frames[last] < to) last++;
      let maxGapMs = 0;
      let longFrames = 0;
      for (let i = first + 1; i <= last; i++) {
        const gap = frames[i] - frames[i - 1];
        maxGapMs = Math.max(maxGapMs, gap);
        if (gap > longFrameMs) longFrames++;
      }
      // No frame since the last one when the file was handed over: that gap counts up to then.
      if (frames.length && frames[last] < to) maxGapMs = Math.max(maxGapMs, to - frames[last]);
      return { clickAt, savedAt, maxGapMs, frames: Math.max(0, last - first + 1), longFrames };
    },
  };
})();
