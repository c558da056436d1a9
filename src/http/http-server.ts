import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { t } from '../i18n/catalog.js';
import type { RedisClient } from '../redis/redis-connection.js';
import { redisOutageOf, whenRedisReady } from '../redis/redis-availability.js';
import { clientIp, trustFunction, type TrustProxySetting } from './client-ip.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers a Redis outage itself (the Telegram webhook replies in the chat); the shared 503 hook skips it. */
    ownsRedisOutage?: boolean;
  }
  interface FastifyInstance {
    /** The client address under this server's TRUST_PROXY rule (the same as `request.ip`); works on a raw upgrade request too. */
    clientIp(req: IncomingMessage): string;
  }
}

export interface HttpServerOptions {
  redis: RedisClient;
  /** The key `/readyz` writes (with a short PX) to prove Redis takes writes; under the deployment's prefix. */
  readyKey?: string;
  /** How long a request waits for a reconnecting Redis before it is answered 503 `redis.unavailable`. */
  redisWaitMs?: number;
  /** Largest request body; webhooks and widget messages are far smaller, uploads use multipart limits. */
  bodyLimit?: number;
  /** TRUST_PROXY: which proxies' X-Forwarded-For to believe (off by default: the socket peer is the client). */
  trustProxy?: TrustProxySetting;
  /** More reasons not to be ready, asked after the write probe succeeded (Sentinel: has this process followed a switch?). */
  readinessChecks?: Array<() => Promise<string | null>>;
}

const PROBE_TIMEOUT_MS = 1000;
const NO_REDIS_PATHS = new Set(['/healthz', '/readyz']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What a refused client is told to wait (Retry-After), matching the consumer text's "in a minute". */
export const REDIS_RETRY_AFTER_S = 30;

/**
 * Why Redis cannot serve this process now, or null when it can. A write (SET … PX) rather than a PING, because a
 * full Redis (`maxmemory` + `noeviction`) and a read-only replica both answer PING and refuse every write.
 * The reasons are fixed phrases: never an error text, which could carry a host or a URL.
 */
async function redisProblem(redis: RedisClient, readyKey: string): Promise<string | null> {
  if (redis.status !== 'ready') return 'redis unreachable';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => { timer = setTimeout(() => r('timeout'), PROBE_TIMEOUT_MS); });
  const probe = async (): Promise<string | null> => {
    // First: a Cluster that is down answers CLUSTERDOWN to the write, which ioredis retries past the timeout.
    if ('nodes' in redis) {
      const info = String(await redis.cluster('INFO'));
      if (!/^cluster_state:ok\s*$/m.test(info)) return 'redis cluster state is not ok';
    }
    await redis.set(readyKey, '1', 'PX', 10_000);
    return null;
  };
  try {
    const r = await Promise.race([probe(), timeout]);
    return r === 'timeout' ? 'redis did not answer within 1 s' : r;
  } catch (err) {
    const outage = redisOutageOf(err);
    if (outage?.code === 'redis.full') return 'redis is full and refuses writes';
    return outage ? 'redis refuses writes' : 'redis probe failed';
  } finally {
    clearTimeout(timer);
  }
}

/** The answer to any request refused because Redis is gone: coded JSON, the consumer-facing text, Retry-After. */
export function sendRedisUnavailable(reply: FastifyReply, code: 'redis.unavailable' | 'redis.full', acceptLanguage?: string): FastifyReply {
  const message = t(acceptLanguage?.toLowerCase().startsWith('zh') ? 'zh' : 'en', 'redis.unavailable');
  return reply.code(503).header('retry-after', String(REDIS_RETRY_AFTER_S)).header('cache-control', 'no-store').send({ error: { code, message } });
}

/**
 * The one HTTP server every role shares. Adapters add their routes as plugins; `/healthz` says the process is
 * up, `/readyz` that Redis takes writes now (a load balancer stops routing to it when not). While Redis is gone,
 * every other route answers 503 within `redisWaitMs` instead of queueing in ioredis until Redis returns.
 */
export function createHttpServer(opts: HttpServerOptions): FastifyInstance {
  // One trust function for fastify's request.ip/protocol/host and for app.clientIp (the WebSocket upgrade).
  const trust = trustFunction(opts.trustProxy ?? false);
  const app = Fastify({ logger: false, bodyLimit: opts.bodyLimit ?? 1024 * 1024, trustProxy: trust });
  app.decorate('clientIp', (req: IncomingMessage) => clientIp(req, trust));
  const readyKey = opts.readyKey ?? '{redress}:readyz';
  const waitMs = opts.redisWaitMs ?? 1500;
  let draining = false;
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_req, reply) => {
    if (draining) return reply.code(503).send({ ok: false, reason: 'shutting down' });
    let reason = await redisProblem(opts.redis, readyKey);
    for (const check of opts.readinessChecks ?? []) reason ??= await check().catch(() => 'readiness check failed');
    return reason ? reply.code(503).send({ ok: false, reason }) : { ok: true };
  });
  app.addHook('onRequest', async (req, reply) => {
    if (NO_REDIS_PATHS.has(req.url.split('?')[0]!) || req.routeOptions.config?.ownsRedisOutage) return;
    try {
      await whenRedisReady(opts.redis, waitMs);
      // A full Redis still runs a script that deletes before it writes (Redis checks memory only until a script's
      // first write), so an agent's claim could commit and then fail in its side effects: probe before any write.
      if (!SAFE_METHODS.has(req.method)) await opts.redis.set(readyKey, '1', 'PX', 10_000);
    } catch (err) {
      const outage = redisOutageOf(err);
      if (!outage) throw err;
      return sendRedisUnavailable(reply, outage.code, req.headers['accept-language']);
    }
  });
  app.addHook('onClose', async () => {
    draining = true;
  });
  return app;
}
