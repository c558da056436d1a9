import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Logger } from '../../src/logging/logger.js';

export interface WidgetBundle {
  code: Buffer;
  gzipped: Buffer;
  etag: string;
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The widget script, held in memory. A prebuilt `public/widget.js` (from `npm run build:widget`, what a
 * production image ships) is used when it is at least as new as the widget sources; otherwise — a fresh
 * checkout, or sources edited since — it is built in memory with esbuild (`write: false`), so no process
 * writes into the source tree and several processes can start at once.
 */
export async function loadWidgetBundle(logger: Logger): Promise<WidgetBundle> {
  const file = here('./public/widget.js');
  const newestSource = newestMtime(here('./widget'), here('./webchat.protocol.ts'));
  let code: string;
  if (existsSync(file) && statSync(file).mtimeMs >= newestSource) {
    code = readFileSync(file, 'utf8');
  } else {
    const script = pathToFileURL(here('../../scripts/build-widget.mjs')).href;
    const { buildWidget } = (await import(script)) as { buildWidget(o: { write: boolean }): Promise<string> };
    code = await buildWidget({ write: false });
    logger.info({ bytes: code.length }, 'webchat widget built in memory (public/widget.js missing or stale)');
  }
  const bytes = Buffer.from(code);
  return { code: bytes, gzipped: gzipSync(bytes, { level: 9 }), etag: `"${createHash('sha1').update(bytes).digest('base64url')}"` };
}

function newestMtime(dir: string, extra: string): number {
  if (!existsSync(dir)) return 0;
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => `${dir}/${f}`);
  return Math.max(0, ...[...files, extra].filter(existsSync).map((f) => statSync(f).mtimeMs));
}
