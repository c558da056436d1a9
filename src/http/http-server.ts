import Fastify, { type FastifyInstance } from 'fastify';
import type { RedisClient } from '../redis/redis-connection.js';

export interface HttpServerOptions {
  redis: RedisClient;
  /** Largest request body; webhooks and widget messages are far smaller, uploads use multipart limits. */
  bodyLimit?: number;
  trustProxy?: boolean;
}

/**
 * The one HTTP server every role shares. Adapters add their routes as plugins; `/healthz` says the
 * process is up, `/readyz` that it can reach Redis (a load balancer stops routing to it when not).
 */
export function createHttpServer(opts: HttpServerOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: opts.bodyLimit ?? 1024 * 1024, trustProxy: opts.trustProxy ?? true });
  let draining = false;
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_req, reply) => {
    if (draining) return reply.code(503).send({ ok: false, reason: 'shutting down' });
    try {
      await Promise.race([opts.redis.ping(), new Promise((_, rej) => setTimeout(() => rej(new Error('timeout')), 1000))]);
      return { ok: true };
    } catch {
      return reply.code(503).send({ ok: false, reason: 'redis unreachable' });
    }
  });
  app.addHook('onClose', async () => {
    draining = true;
  });
  app.decorate('redressDrain', () => {
    draining = true;
  });
  return app;
}
