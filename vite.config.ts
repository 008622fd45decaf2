import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

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
  },
});
