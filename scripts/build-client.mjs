// Builds what browsers load into public/ (served by Workers Static Assets):
// every client script and stylesheet of worker/src/ui/client/*.{ts,css}
// (the room's too), bundled and minified by esbuild, and pdf.js, copied as
// published. Run by npm start, the e2e tests and the bench; public/ is
// generated and git-ignored.
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds into `out` (public/, what wrangler serves; a test builds elsewhere). */
export async function buildClient({ quiet = false, out = path.join(root, 'public') } = {}) {
  await rm(path.join(out, 'assets'), { recursive: true, force: true });
  await rm(path.join(out, 'vendor'), { recursive: true, force: true });
  const clientDir = path.join(root, 'worker/src/ui/client');
  const entries = (await readdir(clientDir)).filter((f) => (f.endsWith('.ts') && !f.endsWith('.d.ts')) || f.endsWith('.css')).map((f) => path.join(clientDir, f));
  await build({
    entryPoints: entries,
    outdir: path.join(out, 'assets'),
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    // pdf.js is loaded from /vendor only when a document is opened, never bundled.
    external: ['/vendor/*'],
    logLevel: quiet ? 'warning' : 'info',
  });
  await mkdir(path.join(out, 'vendor/pdfjs'), { recursive: true });
  for (const f of ['pdf.min.mjs', 'pdf.worker.min.mjs']) {
    await copyFile(path.join(root, 'node_modules/pdfjs-dist/build', f), path.join(out, 'vendor/pdfjs', f));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await buildClient();
