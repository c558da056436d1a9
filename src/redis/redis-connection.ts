import { Cluster, Redis, type RedisOptions } from 'ioredis';

/** Standalone, Sentinel or Cluster — the rest of Redress only sees an ioredis client. */
export type RedisClient = Redis | Cluster;

export interface RedisConnectionConfig {
  url: string;
  /** `host:port,host:port` — when set, connect as Redis Cluster. */
  clusterNodes?: string[];
  /** `host:port,…` — when set, connect through Sentinel to `sentinelName`. */
  sentinels?: string[];
  sentinelName?: string;
}

function hostPort(s: string): { host: string; port: number } {
  const [host, port] = s.split(':');
  return { host: host || '127.0.0.1', port: Number(port) || 6379 };
}

/**
 * Opens a client. `forWorker` clients never give up on a command (BullMQ requires
 * `maxRetriesPerRequest: null`), which is also what keeps writes queued while Redis restarts.
 */
export function createRedis(cfg: RedisConnectionConfig, extra: RedisOptions = {}): RedisClient {
  const base: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra };
  if (cfg.clusterNodes?.length) {
    return new Cluster(cfg.clusterNodes.map(hostPort), { redisOptions: base, enableReadyCheck: true });
  }
  const u = new URL(cfg.url);
  const auth = { username: decodeURIComponent(u.username) || undefined, password: decodeURIComponent(u.password) || undefined };
  const tls = u.protocol === 'rediss:' ? {} : undefined;
  const db = Number(u.pathname.slice(1)) || 0;
  if (cfg.sentinels?.length) {
    return new Redis({ ...base, ...auth, tls, db, sentinels: cfg.sentinels.map(hostPort), name: cfg.sentinelName ?? 'mymaster' });
  }
  return new Redis({ ...base, ...auth, tls, db, host: u.hostname || '127.0.0.1', port: Number(u.port) || 6379 });
}

/** A second connection of the same kind (SUBSCRIBE needs its own; the union type hides `duplicate`'s overloads). */
export function duplicateRedis(client: RedisClient): RedisClient {
  return client instanceof Cluster ? client.duplicate() : client.duplicate();
}
