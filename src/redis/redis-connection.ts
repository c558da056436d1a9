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

export function hostPort(s: string): { host: string; port: number } {
  const [host, port] = s.split(':');
  return { host: host || '127.0.0.1', port: Number(port) || 6379 };
}

/**
 * A demoted master stays reachable and answers writes with READONLY: reconnect (Sentinel then names the
 * new master) and resend the command (2), instead of failing every write until the old master drops us.
 */
export function reconnectOnReadonly(err: Error): 2 | false {
  return err.message.startsWith('READONLY') ? 2 : false;
}

/**
 * While a master fails over (its replica is promoted after cluster-node-timeout), a command to its slots gets a
 * closed connection, CLUSTERDOWN or TRYAGAIN: retry it after refreshing the slot map instead of failing it, up
 * to `maxRedirections` times (64 × 200 ms ≈ 13 s, longer than a failover takes; then the caller sees the error).
 */
const CLUSTER_RETRY = { retryDelayOnFailover: 200, retryDelayOnClusterDown: 200, retryDelayOnTryAgain: 200, maxRedirections: 64 } as const;

/**
 * Opens a client. `forWorker` clients never give up on a command (BullMQ requires
 * `maxRetriesPerRequest: null`), which is also what keeps writes queued while Redis restarts.
 */
export function createRedis(cfg: RedisConnectionConfig, extra: RedisOptions = {}): RedisClient {
  const base: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true, reconnectOnError: reconnectOnReadonly, ...extra };
  if (cfg.clusterNodes?.length) {
    // No auto-pipelining on a Cluster: a batch caught in a failover comes back with MOVED errors that ioredis hands
    // to the callers instead of following them (seen in test/e2e/cluster.test.ts's kill -9), so each command goes alone.
    const { enableAutoPipelining: _unused, ...perNode } = base;
    return new Cluster(cfg.clusterNodes.map(hostPort), { redisOptions: perNode, enableReadyCheck: true, ...CLUSTER_RETRY });
  }
  const u = new URL(cfg.url);
  const auth = { username: decodeURIComponent(u.username) || undefined, password: decodeURIComponent(u.password) || undefined };
  const tls = u.protocol === 'rediss:' ? {} : undefined;
  const db = Number(u.pathname.slice(1)) || 0;
  if (cfg.sentinels?.length) {
    // Without the detector the client hears of a switch only when the old master drops it (~10 s of lost writes, issue 8).
    return new Redis({
      ...base, ...auth, tls, db, sentinels: cfg.sentinels.map(hostPort), name: cfg.sentinelName ?? 'mymaster', failoverDetector: true,
    });
  }
  return new Redis({ ...base, ...auth, tls, db, host: u.hostname || '127.0.0.1', port: Number(u.port) || 6379 });
}
