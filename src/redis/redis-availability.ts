import { RedressError, isRedressError } from '../errors.js';
import type { RedisClient } from './redis-connection.js';

/**
 * Telling "Redis is full or gone" apart from every other failure, once, at the edge of our code: the rest of
 * Redress branches on the codes `redis.full` / `redis.unavailable`, never on a Redis error's text.
 */
export type RedisOutage = RedressError & { code: 'redis.full' | 'redis.unavailable' };

// A Redis error reply starts with its code (`OOM command not allowed…`, `READONLY You can't write…`): that first
// word is Redis's error code, and the only place ioredis puts it.
const UNAVAILABLE_REPLIES = new Set(['READONLY', 'LOADING', 'MASTERDOWN', 'CLUSTERDOWN', 'TRYAGAIN', 'NOREPLICAS', 'MISCONF', 'BUSY']);
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNABORTED']);
// ioredis's own connection failures carry no code, only these messages (errors it raises, not Redis replies).
const CLIENT_MESSAGES = ['Connection is closed', "Stream isn't writeable", 'Command timed out', 'None of startup nodes is available', 'Failed to refresh slots cache'];

export function isRedisOutage(err: unknown): err is RedisOutage {
  return isRedressError(err, 'redis.full') || isRedressError(err, 'redis.unavailable');
}

export function redisUnavailable(why = 'Redis is not answering'): RedisOutage {
  return new RedressError('redis.unavailable', `${why}; the request was not taken. Try again in a minute.`) as RedisOutage;
}

/** The outage `err` stands for (a RedressError with code redis.full or redis.unavailable), or undefined for any other failure. */
export function redisOutageOf(err: unknown): RedisOutage | undefined {
  if (isRedisOutage(err)) return err;
  if (!(err instanceof Error)) return undefined;
  const e = err as Error & { code?: string; previousErrors?: Error[] };
  const replyCode = e.name === 'ReplyError' ? e.message.split(' ', 1)[0] : undefined;
  const causes = e.previousErrors?.map((p) => p.message.split(' ', 1)[0] ?? '') ?? [];
  if (replyCode === 'OOM' || causes.includes('OOM')) {
    return new RedressError('redis.full', 'Redis is full and refuses writes (maxmemory); nothing was written. Try again in a minute.') as RedisOutage;
  }
  if ((replyCode && UNAVAILABLE_REPLIES.has(replyCode)) || causes.some((c) => UNAVAILABLE_REPLIES.has(c))) return redisUnavailable(`Redis refused the write (${replyCode ?? causes[0]})`);
  if (e.name === 'MaxRetriesPerRequestError' || (e.code && CONNECTION_CODES.has(e.code)) || CLIENT_MESSAGES.some((m) => e.message.startsWith(m))) return redisUnavailable();
  return undefined;
}

/** `p`, with any Redis outage it fails with turned into its coded RedressError. */
export async function codingOutages<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    throw redisOutageOf(err) ?? err;
  }
}

/** Longest pause between reconnect attempts (ioredis 6 backs off to 5 s, which alone would break "usable within 5 s of Redis returning"). */
export const RECONNECT_MAX_MS = 1000;

/** An ioredis `retryStrategy`: exponential from 50 ms, capped at RECONNECT_MAX_MS, with jitter so replicas do not reconnect in step. */
export function reconnectDelay(times: number): number {
  return Math.min(50 * 2 ** Math.max(times - 1, 0), RECONNECT_MAX_MS) + Math.floor(Math.random() * 100);
}

const nextReady = new WeakMap<RedisClient, Promise<void>>();

/** One shared listener per client for its next `ready`, however many requests wait for it. */
function readyEvent(redis: RedisClient): Promise<void> {
  let p = nextReady.get(redis);
  if (!p) {
    p = new Promise<void>((resolve) => redis.once('ready', () => { nextReady.delete(redis); resolve(); }));
    nextReady.set(redis, p);
  }
  return p;
}

/** True once the client is connected, false if that takes longer than `ms`. */
export async function redisReadyWithin(redis: RedisClient, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  if (ms <= 0) return false;
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
  const ready = await Promise.race([readyEvent(redis).then(() => true as const), gaveUp]);
  clearTimeout(timer);
  return ready;
}

/**
 * Resolves at once while the client is connected; otherwise waits up to `waitMs` for it to reconnect (a Redis
 * restart of a second costs nobody anything, nor does ioredis's reconnect delay once Redis is back) and then throws
 * `redis.unavailable`. Checked before a request sends its first command, so nothing waits in ioredis's offline
 * queue until Redis returns, and nothing of a refused request runs later when it does.
 */
export async function whenRedisReady(redis: RedisClient, waitMs: number): Promise<void> {
  if (!(await redisReadyWithin(redis, waitMs))) throw redisUnavailable();
}
