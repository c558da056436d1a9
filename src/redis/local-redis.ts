import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { RedressError } from '../errors.js';
import type { Logger } from '../logging/logger.js';

/** What a Redis at a URL says to a PING now: it answers, nothing is there, or it refused our credentials. */
export type RedisProbe = 'ok' | 'absent' | 'auth_failed';

const AUTH_REFUSED = /\b(WRONGPASS|NOAUTH|NOPERM)\b|invalid password|invalid username-password/i;

/** Probes once (no retries, no offline queue), telling an authentication failure apart from no answer. */
export async function probeRedis(url: string): Promise<RedisProbe> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false, connectTimeout: 1000 });
  let refused = false;
  probe.on('error', (err: Error) => { if (AUTH_REFUSED.test(err.message)) refused = true; });
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG' ? 'ok' : 'absent';
  } catch (err) {
    return refused || AUTH_REFUSED.test((err as Error).message) ? 'auth_failed' : 'absent';
  } finally {
    probe.disconnect();
  }
}

/** True when a Redis at `url` answers PING now (no retries, no offline queue). */
export async function redisAnswers(url: string): Promise<boolean> {
  return (await probeRedis(url)) === 'ok';
}

function onPath(bin: string): boolean {
  return spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Zero-setup Redis: when nothing answers at a local REDIS_URL and `redis-server` is installed, start one
 * with its data under ./.redress/ (append-only file on, so a restart of Redress loses nothing).
 * Returns the child to stop on shutdown, or undefined when an existing Redis answered.
 */
export async function ensureRedis(url: string, autostart: boolean, logger: Logger, dataDir = './.redress/redis'): Promise<ChildProcess | undefined> {
  const first = await probeRedis(url);
  if (first === 'ok') return undefined;
  const u = new URL(url);
  // u.host carries no user or password: messages never echo REDIS_URL's credentials.
  if (first === 'auth_failed') {
    throw new RedressError('redis.auth_failed', `Redis refused the password at ${u.host}: authentication failed. Check the user and password in REDIS_URL (redis://user:password@host:port) against the server's requirepass / ACL.`);
  }
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(u.hostname);
  const how = 'Install Redis (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`) or set REDIS_URL to a running Redis.';
  if (!autostart || !local) throw new RedressError('redis.unavailable', `Nothing answers at ${u.host}. ${how}`);
  if (!onPath('redis-server')) throw new RedressError('redis.unavailable', `Nothing answers at ${u.host} and redis-server is not installed. ${how}`);
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const port = u.port || '6379';
  const child = spawn('redis-server', ['--port', port, '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--protected-mode', 'yes'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (await redisAnswers(url)) {
      logger.info({ port, dir }, 'started a local redis-server (data in ./.redress/redis)');
      return child;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  throw new RedressError('redis.unavailable', `Started redis-server on port ${port} but it did not answer. ${how}`);
}
