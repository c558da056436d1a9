import type { RedisKeys } from '../../src/redis/redis-keys.js';

/**
 * Redis keys the console owns, under the shared prefix `P` (a hash tag such as `{redress}`), so every
 * process behind a load balancer sees the same logins, sessions and live updates.
 *
 * | key | type | holds |
 * |---|---|---|
 * | `P:console:cred:<agentId>` | string | PasswordHash JSON (scrypt, per-agent salt); never the password |
 * | `P:console:session:<sessionId>` | string | ConsoleSession JSON; PX = session TTL, refreshed on use |
 * | `P:console:login:<scope>:<id>` | string | failed-login counter (INCR) for one agent id or client IP, PX = window |
 * | `P:console:events` | pub/sub channel | LiveMessage JSON: case changes and supervisor alerts for every process's clients |
 */
export type ConsoleKeys = ReturnType<typeof consoleKeys>;

export function consoleKeys(keys: RedisKeys) {
  const p = `${keys.prefix}:console`;
  return {
    credential: (agentId: string) => `${p}:cred:${agentId}`,
    session: (sessionId: string) => `${p}:session:${sessionId}`,
    loginAttempts: (scope: 'agent' | 'ip', id: string) => `${p}:login:${scope}:${id}`,
    events: () => `${p}:events`,
  };
}
