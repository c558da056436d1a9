/**
 * A private redis-server for one bench run on a free 127.0.0.1 port, started the way Redress starts its own
 * local Redis (ensureRedis: append-only file, Redis's default fsync every second) in a temp dir. The test
 * helper's `appendfsync always` would make every write wait for the disk, which no deployment does.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/logging/logger.js';
import { ensureRedis } from '../src/redis/local-redis.js';
import { freePort } from '../test/helpers/redis-server.js';

export interface BenchRedis {
  url: string;
  stop(): Promise<void>;
}

export async function startBenchRedis(): Promise<BenchRedis> {
  const url = `redis://127.0.0.1:${await freePort()}`;
  const dir = mkdtempSync(join(tmpdir(), 'redress-bench-redis-'));
  const child: ChildProcess | undefined = await ensureRedis(url, true, silentLogger, dir);
  if (!child) throw new Error(`something already answers at ${url}`);
  return {
    url,
    stop: async () => {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
