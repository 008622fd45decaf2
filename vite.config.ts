import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The renderer: built into dist/renderer with relative asset paths, so Electron can load it from
// its app:// protocol or a file, and web mode can serve it.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // The export worker is an ES module, so each writer (pdf-lib, exceljs, pptxgenjs) is its own chunk,
  // loaded only by the export that needs it: a CSV need not load a 2 MB bundle first.
  worker: { format: 'es' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
    // Two pages: the app, and the phone page the room listener serves (issue 14), which shares
    // only React and the small pure modules it imports, not the app's bundle.
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./renderer/index.html', import.meta.url)),
        participant: fileURLToPath(new URL('./renderer/participant.html', import.meta.url)),
      },
    },
  },
});
