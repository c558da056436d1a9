import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { RedressError } from '../errors.js';
import type { Logger } from '../logging/logger.js';

/** True when a Redis at `url` answers PING now (no retries, no offline queue). */
export async function redisAnswers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false, connectTimeout: 1000 });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
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
  if (await redisAnswers(url)) return undefined;
  const u = new URL(url);
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
