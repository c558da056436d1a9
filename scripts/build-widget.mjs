// Builds the embeddable widget: adapters/webchat/widget/main.ts → adapters/webchat/public/widget.js,
// one minified ES2019 IIFE. `npm run build:widget` typechecks first (the widget has its own tsconfig with the
// DOM lib) and prints the gzipped size. The server imports `buildWidget({ write: false })` to build in memory
// when the file is missing or older than the sources.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const widgetDir = join(root, 'adapters/webchat/widget');
export const outfile = join(root, 'adapters/webchat/public/widget.js');

/** @param {{ write?: boolean }} [opts] @returns {Promise<string>} the bundle's code */
export async function buildWidget({ write = true } = {}) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [join(widgetDir, 'main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    minify: true,
    legalComments: 'none',
    sourcemap: write ? 'linked' : false,
    outfile,
    write: false,
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  if (!js) throw new Error('esbuild produced no widget.js');
  if (write) {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(dirname(outfile), { recursive: true });
    for (const f of result.outputFiles) writeFileSync(f.path, f.contents);
  }
  return js.text;
}

function typecheck() {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', widgetDir], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('widget typecheck failed');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!process.argv.includes('--skip-typecheck')) typecheck();
  const code = await buildWidget({ write: true });
  const gz = gzipSync(code, { level: 9 }).length;
  process.stdout.write(`widget.js: ${statSync(outfile).size} bytes, ${gz} bytes gzipped (${(gz / 1024).toFixed(1)} kB)\n`);
}
