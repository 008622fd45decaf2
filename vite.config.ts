import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer: built into dist/renderer with relative asset paths, so Electron can load it from
// its app:// protocol or a file, and web mode can serve it.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
  },
});
