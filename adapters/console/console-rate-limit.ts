import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { ConsoleKeys } from './console.keys.js';

export interface LoginLimits {
  /** Attempts per agent id in one window. */
  perAgent: number;
  /** Attempts per client IP in one window (several agents may share an office IP). */
  perIp: number;
  windowMs: number;
}

/**
 * Fixed-window login throttle in Redis, shared by every process. Attempts are counted before the
 * password is checked, so a burst of parallel guesses can't slip through between check and count.
 */
export class LoginRateLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: ConsoleKeys,
    private readonly limits: LoginLimits,
  ) {}

  /** Counts one attempt; false when this agent id or IP is over its limit for the current window. */
  async attempt(agentId: string, ip: string): Promise<boolean> {
    const a = this.keys.loginAttempts('agent', agentId.toLowerCase());
    const i = this.keys.loginAttempts('ip', ip);
    const w = String(this.limits.windowMs);
    const res = await this.redis.multi().incr(a).pexpire(a, w, 'NX').incr(i).pexpire(i, w, 'NX').exec();
    const agentCount = Number(res?.[0]?.[1] ?? 0);
    const ipCount = Number(res?.[2]?.[1] ?? 0);
    return agentCount <= this.limits.perAgent && ipCount <= this.limits.perIp;
  }

  /** A successful login clears the agent's counter (the IP's keeps counting). */
  async succeeded(agentId: string): Promise<void> {
    await this.redis.del(this.keys.loginAttempts('agent', agentId.toLowerCase()));
  }
}
