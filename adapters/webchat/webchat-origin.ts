import type { FastifyInstance } from 'fastify';

export type OriginCheck = (origin: string | undefined, host: string | undefined) => boolean;

/**
 * WEBCHAT_ALLOWED_ORIGINS as a predicate. Empty allows any origin. The server's own pages (the demo shop)
 * are always allowed: their Origin's host equals the Host they were requested from. A missing Origin is
 * refused when a list is set, since every browser sends one on WebSocket and CORS requests.
 */
export function makeOriginCheck(allowed: string[]): OriginCheck {
  const origins = new Set(allowed.map(normalise).filter((o): o is string => o !== null));
  return (origin, host) => {
    if (origins.size === 0) return true;
    const o = origin ? normalise(origin) : null;
    if (!o) return false;
    return origins.has(o) || (host !== undefined && new URL(o).host === host);
  };
}

function normalise(origin: string): string | null {
  try {
    return new URL(origin).origin;
  } catch {
    return null;
  }
}

/**
 * CORS for the widget's HTTP routes (upload, files), scoped to the plugin it is called in: allowed origins get
 * their own origin echoed (never `*`, since requests carry a bearer token); others get no CORS headers and a 403.
 */
export function registerCors(scope: FastifyInstance, check: OriginCheck): void {
  scope.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (!origin) return;
    if (!check(origin, req.headers.host)) {
      return reply.code(403).send({ code: 'origin.not_allowed', message: `Origin ${origin} may not use this chat. Add it to WEBCHAT_ALLOWED_ORIGINS.` });
    }
    reply.header('Access-Control-Allow-Origin', origin).header('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      return reply.code(204)
        .header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
        .header('Access-Control-Allow-Headers', 'authorization, content-type')
        .header('Access-Control-Max-Age', '600')
        .send();
    }
  });
}
