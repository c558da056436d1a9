import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from './redis-connection.js';

/** A Lua script read once from its `.lua` file (BullMQ-style header there: KEYS, ARGV, returns). */
export interface LuaScript {
  readonly name: string;
  readonly lua: string;
  readonly sha: string;
}

/** `loadLua(new URL('./lua/x.lua', import.meta.url))`: read at module load, so a missing file fails at start-up. */
export function loadLua(url: URL): LuaScript {
  const lua = readFileSync(url, 'utf8');
  return { name: url.pathname.split('/').pop() ?? 'script', lua, sha: createHash('sha1').update(lua).digest('hex') };
}

/**
 * EVALSHA, falling back to EVAL when the server has not seen the script (a restart or a failover flushes the
 * script cache): one round trip in the common case, and the script body travels only when it must.
 */
export async function runLua(redis: RedisClient, script: LuaScript, keys: string[], args: Array<string | number>): Promise<unknown> {
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (err) {
    if (!String((err as Error).message).startsWith('NOSCRIPT')) throw err;
    return redis.eval(script.lua, keys.length, ...keys, ...args);
  }
}

/** The same call queued on a MULTI/pipeline (EVAL, since a pipeline cannot fall back per command). */
export function queueLua(tx: ChainableCommander, script: LuaScript, keys: string[], args: Array<string | number>): void {
  tx.eval(script.lua, keys.length, ...keys, ...args);
}
