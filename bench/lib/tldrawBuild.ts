// Builds the tldraw page (../tldraw) into bench/out/tldraw with vite's JS API, and puts next to it
// the assets tldraw would otherwise fetch from its CDN: fonts (the Liberation fonts Debian installs
// with Chromium), an icon sprite and the English translation file. Skips the build when the
// sources have not changed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { log } from './log';

const root = path.resolve(import.meta.dirname, '..', '..');
const source = path.join(root, 'bench', 'tldraw');
export const TLDRAW_OUT = path.join(root, 'bench', 'out', 'tldraw');

const FONT_DIRS = ['/usr/share/fonts/truetype/liberation', '/usr/share/fonts/truetype/liberation2', '/usr/share/fonts/truetype/dejavu'];
const FAMILY_FILES: Record<string, string> = { mono: 'LiberationMono', serif: 'LiberationSerif', sans: 'LiberationSans', draw: 'LiberationSans' };
const STYLE_FILES: Record<string, string> = { '': 'Regular', _italic: 'Italic', _bold: 'Bold', _italic_bold: 'BoldItalic' };

function findFont(file: string): string | undefined {
  for (const dir of FONT_DIRS) {
    const candidate = path.join(dir, file);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

function stamp(): string {
  const hash = createHash('sha256');
  for (const f of ['index.html', 'main.tsx']) hash.update(fs.readFileSync(path.join(source, f)));
  hash.update(fs.readFileSync(path.join(root, 'node_modules', 'tldraw', 'package.json')));
  hash.update(fs.readFileSync(import.meta.filename));
  return hash.digest('hex');
}

function writeLocalAssets(outDir: string) {
  const assets = path.join(outDir, 'local-assets');
  fs.mkdirSync(path.join(assets, 'fonts'), { recursive: true });
  fs.mkdirSync(path.join(assets, 'icons'), { recursive: true });
  fs.mkdirSync(path.join(assets, 'translations'), { recursive: true });
  const fallback = findFont('DejaVuSans.ttf');
  for (const [family, base] of Object.entries(FAMILY_FILES)) {
    for (const [style, suffix] of Object.entries(STYLE_FILES)) {
      const file = findFont(`${base}-${suffix}.ttf`) ?? fallback;
      if (!file) throw new Error('No TrueType fonts in /usr/share/fonts/truetype: install fonts-liberation (apt-get install -y fonts-liberation).');
      fs.copyFileSync(file, path.join(assets, 'fonts', `tldraw_${family}${style}.ttf`));
    }
  }
  // One neutral glyph for every icon: the toolbar is not what is measured.
  fs.writeFileSync(
    path.join(assets, 'icons', 'icon.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 30"><rect x="7" y="7" width="16" height="16" rx="3" fill="black"/></svg>\n',
  );
  // A 1x1 transparent PNG for the embed dialog's icons, which tldraw preloads.
  fs.writeFileSync(
    path.join(assets, 'icons', 'embed.png'),
    Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
  );
  // tldraw only checks that the English file exists and then uses its built-in English strings.
  fs.writeFileSync(path.join(assets, 'translations', 'en.json'), '{}\n');
}

/** Builds the page if needed; returns the folder to serve. */
export async function buildTldrawPage(): Promise<string> {
  const want = stamp();
  const stampFile = path.join(TLDRAW_OUT, '.stamp');
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === want) {
    log('tldraw page: up to date in bench/out/tldraw');
    return TLDRAW_OUT;
  }
  log('tldraw page: building with vite (once; cached in bench/out/tldraw)...');
  const started = Date.now();
  await build({
    root: source,
    base: './',
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    plugins: [react()],
    build: { outDir: TLDRAW_OUT, emptyOutDir: true, chunkSizeWarningLimit: 100_000 },
  });
  writeLocalAssets(TLDRAW_OUT);
  fs.writeFileSync(stampFile, want);
  log(`tldraw page: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return TLDRAW_OUT;
}
