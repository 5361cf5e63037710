// Bundles the page in src/ into OUTDIR (default dist/): index.html, app.js, app.css.
// Everything the page needs is in these files (the world atlas is bundled into app.js),
// so the page fetches nothing but bmdsim's own /api/ routes.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2] || 'dist';
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  outfile: join(out, 'app.js'),
  loader: { '.json': 'json' },
  legalComments: 'eof',
  logLevel: 'warning',
});
copyFileSync('src/index.html', join(out, 'index.html'));
copyFileSync('src/app.css', join(out, 'app.css'));
