import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  'console.css': 'text/css; charset=utf-8',
  'common.js': 'text/javascript; charset=utf-8',
  'queue.js': 'text/javascript; charset=utf-8',
  'notify.js': 'text/javascript; charset=utf-8',
  'knowledge.js': 'text/javascript; charset=utf-8',
  'case.js': 'text/javascript; charset=utf-8',
  'reports.js': 'text/javascript; charset=utf-8',
  'privacy.js': 'text/javascript; charset=utf-8',
  'event-deliveries.js': 'text/javascript; charset=utf-8',
  'reports.css': 'text/css; charset=utf-8',
};

// Under tsx the files sit next to this module; a tsc build (dist/adapters/console) does not copy them,
// so fall back to the source tree.
function publicDir(): string {
  const here = fileURLToPath(new URL('./public/', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../../../adapters/console/public/', import.meta.url));
}

/** The page's stylesheet and scripts: a fixed list read once at start, never a path from the request. */
export async function registerAssetRoutes(scope: FastifyInstance): Promise<void> {
  const dir = publicDir();
  const files = new Map<string, Buffer>();
  for (const name of Object.keys(TYPES)) files.set(name, await readFile(join(dir, name)));

  scope.get<{ Params: { file: string } }>('/assets/:file', async (req, reply) => {
    const body = files.get(req.params.file);
    const type = TYPES[req.params.file];
    if (!body || !type) return reply.code(404).send({ error: { code: 'input.invalid', message: 'No such file.' } });
    return reply.type(type).header('cache-control', 'no-cache').send(body);
  });
}

/** Headers for every console response: scripts only from us, no framing, no sniffing, no caching of case data. */
export function installSecurityHeaders(scope: FastifyInstance): void {
  scope.addHook('onSend', async (_req, reply) => {
    // A route with stricter headers of its own (evidence files) keeps them.
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; " +
      "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'");
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}
