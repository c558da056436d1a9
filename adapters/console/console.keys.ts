import type { RedisKeys } from '../../src/redis/redis-keys.js';

/**
 * Redis keys the console owns (`P` = REDIS_KEY_PREFIX), defined in the key registry (src/redis/redis-keys.ts),
 * so every process behind a load balancer sees the same logins, sessions and live updates.
 *
 * | key | type | holds |
 * |---|---|---|
 * | `P:{a:<agentId>}:console:cred` | string | PasswordHash JSON (scrypt, per-agent salt); never the password |
 * | `P:{cs:<sessionId>}:console:session` | string | ConsoleSession JSON; PX = session TTL, refreshed on use |
 * | `P:{login}:console:login:<scope>:<id>` | string | login throttle: attempts per client IP (`ip`) and per agent id + IP (`pair`), failures per agent id (`agent`), the agent's next-allowed time (`delay`); PX = window |
 * | `P:console:events` | pub/sub channel | LiveMessage JSON: case changes and supervisor alerts for every process's clients |
 */
export type ConsoleKeys = RedisKeys['console'];

export function consoleKeys(keys: Pick<RedisKeys, 'console'>): ConsoleKeys {
  return keys.console;
}
