/* global window, requestAnimationFrame */
// The pan marks 'bench:measure-start' and 'bench:measure-end' for the trace (./trace.ts).
// The frame meter, injected into both apps' pages before their own scripts (page.addInitScript),
// so both are measured by the same code. See ../README.md for the method.
//
// A frame starts at its requestAnimationFrame timestamp (the frame's begin time, shared by every
// rAF callback of that frame). The frame's main-thread work (rAF callbacks, style, layout, paint,
// canvas flush, commit) runs as one task; a message posted from a rAF callback is delivered in the
// next task, right after that work. So work = (message time) - (frame timestamp).
(() => {
  if (window.__benchMeter) return;

  // Journeyboard's open figure starts when the page asks the store for the map: in web mode, the
  // first POST to /api/maps.get. Marked here so the app needs no bench code.
  const realFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (/\/api\/maps\.get$/.test(url) && performance.getEntriesByName('bench:maps.get').length === 0) performance.mark('bench:maps.get');
    return realFetch.call(this, input, init);
  };
  const channel = new MessageChannel();
  const queue = [];
  channel.port1.onmessage = () => {
    const now = performance.now();
    const cb = queue.shift();
    if (cb) cb(now);
  };
  /** Calls cb(now) in the task after the current one: after this frame's rendering work. */
  const afterFrame = (cb) => {
    queue.push(cb);
    channel.port2.postMessage(0);
  };

  // Journeyboard's board resolves hook.ready inside the first frame in which every visible note is
  // fully drawn (renderer/board/README.md). Catch the hook as the board sets it, so that moment is
  // taken in the page, with no Playwright round trip: mark the end of that frame.
  let hook;
  Object.defineProperty(window, '__journeyboardBoard', {
    configurable: true,
    enumerable: true,
    get: () => hook,
    set: (value) => {
      hook = value;
      if (value && value.ready && performance.getEntriesByName('bench:board-full-frame').length === 0) {
        value.ready.then(() => afterFrame(() => performance.mark('bench:board-full-frame')));
      }
    },
  });

  /** The camera of whichever app is in the page, in Journeyboard's convention: {x, y, zoom}. */
  const cameraApi = () => {
    if (window.__benchCamera) return window.__benchCamera;
    const board = window.__journeyboardBoard;
    if (board) {
      return {
        get: () => board.getCamera(),
        set: (c) => board.setCamera(c),
        viewport: () => {
          const el = window.document.querySelector('[data-testid="board"]');
          const r = el ? el.getBoundingClientRect() : { width: window.innerWidth, height: window.innerHeight };
          return { width: r.width, height: r.height };
        },
      };
    }
    throw new Error('No camera in this page: neither window.__benchCamera nor window.__journeyboardBoard.');
  };

  /**
   * Resolves with the time (performance.now()) at the end of the first frame after which check()
   * returns true; rejects after timeoutMs.
   */
  const untilFrame = (check, timeoutMs) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const onFrame = () => {
        afterFrame((end) => {
          let ok = false;
          try {
            ok = check();
          } catch (error) {
            reject(error);
            return;
          }
          if (ok) resolve(end);
          else if (end - started > timeoutMs) reject(new Error(`No full frame within ${timeoutMs} ms.`));
          else requestAnimationFrame(onFrame);
        });
      };
      requestAnimationFrame(onFrame);
    });

  /**
   * Pans for warmupMs + durationMs. Each frame moves the camera by (dx, dy) screen pixels through
   * the app's own camera API (content moves left/up for positive values); with reverseEvery, the
   * direction flips every that many frames, so the view swings back and forth. Returns the frames
   * measured after the warm-up: their start times and their work in ms.
   */
  const pan = ({ durationMs, warmupMs, dx, dy, reverseEvery }) =>
    new Promise((resolve, reject) => {
      let api;
      let cam;
      try {
        api = cameraApi();
        cam = { ...api.get() };
      } catch (error) {
        reject(error);
        return;
      }
      const starts = [];
      const work = [];
      let first = -1;
      let frame = 0;
      let marked = false;
      const onFrame = (ts) => {
        if (first < 0) first = ts;
        const elapsed = ts - first;
        const sign = reverseEvery && Math.floor(frame / reverseEvery) % 2 === 1 ? -1 : 1;
        frame++;
        cam = { x: cam.x + (sign * dx) / cam.zoom, y: cam.y + (sign * dy) / cam.zoom, zoom: cam.zoom };
        try {
          api.set(cam);
        } catch (error) {
          reject(error);
          return;
        }
        const measured = elapsed >= warmupMs;
        if (measured && !marked) {
          marked = true;
          performance.mark('bench:measure-start');
        }
        afterFrame((end) => {
          if (measured) {
            starts.push(ts);
            work.push(end - ts);
          }
        });
        if (elapsed < warmupMs + durationMs) requestAnimationFrame(onFrame);
        else
          afterFrame(() => {
            performance.mark('bench:measure-end');
            resolve({ starts, work, camera: cam });
          });
      };
      requestAnimationFrame(onFrame);
    });

  const getCamera = () => ({ ...cameraApi().get() });
  const setCamera = (cam) => cameraApi().set(cam);
  /** The size in screen pixels of the area the app draws the board in. */
  const viewport = () => cameraApi().viewport();

  window.__benchMeter = { afterFrame, untilFrame, pan, getCamera, setCamera, viewport };
})();
