import { systemClock } from '../../src/clock.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { ConsoleKeys } from './console.keys.js';

export interface LoginLimits {
  /** Attempts per (agent id, client address) in one window; also the agent's failures before delays start. */
  perAgent: number;
  /** Attempts per client address in one window, whatever the agent id (several agents may share an office address). */
  perIp: number;
  windowMs: number;
  /** First delay once an agent id has `perAgent` failures (from any addresses); doubles with each further failure. */
  baseDelayMs?: number;
  /** Longest delay: the account is slowed, never locked. */
  maxDelayMs?: number;
}

/** Why an attempt is refused before its password is checked. */
export type LoginRefusal =
  | { ok: false; reason: 'address' | 'account_address' | 'account_delay'; retryAfterMs: number }
  | { ok: true };

/** What one failure did to the agent's throttle: `startedDelay` is true once per window, when delays begin. */
export interface LoginFailure {
  accountFailures: number;
  delayMs: number;
  startedDelay: boolean;
}

/**
 * Login throttling in Redis, shared by every process (OWASP Authentication Cheat Sheet, "Protect against automated
 * attacks": throttling with growing delays, not a hard lockout a stranger can trigger):
 *
 * - per client address: `perIp` attempts per window, whatever the agent id (slows one address spraying many ids);
 * - per (agent id, address): `perAgent` attempts per window (slows guessing one agent's password from one place);
 * - per agent id: after `perAgent` failures from anywhere, each further failure doubles a delay (up to `maxDelayMs`)
 *   that applies only to addresses that already failed for this agent. An address with no failures for the agent
 *   is never held back by it, so the agent logs in from their own desk while strangers guess elsewhere.
 *
 * Attempts per address and per pair are counted before the password is checked, so a burst of parallel guesses
 * can't slip through between check and count; a success clears its pair.
 */
export class LoginRateLimiter {
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: ConsoleKeys,
    private readonly limits: LoginLimits,
    private readonly now: () => number = systemClock,
  ) {
    this.baseDelayMs = limits.baseDelayMs ?? 1000;
    this.maxDelayMs = limits.maxDelayMs ?? 5 * 60_000;
  }

  private k(agentId: string, ip: string) {
    const agent = agentId.toLowerCase();
    return {
      ip: this.keys.loginAttempts('ip', ip),
      pair: this.keys.loginAttempts('pair', `${agent}|${ip}`),
      agent: this.keys.loginAttempts('agent', agent),
      delay: this.keys.loginAttempts('delay', agent),
    };
  }

  /** Counts one attempt; says why it is refused, or ok to check the password. */
  async attempt(agentId: string, ip: string): Promise<LoginRefusal> {
    const k = this.k(agentId, ip);
    const w = String(this.limits.windowMs);
    const res = await this.redis.multi().incr(k.ip).pexpire(k.ip, w, 'NX').incr(k.pair).pexpire(k.pair, w, 'NX').get(k.delay).pttl(k.ip).pttl(k.pair).exec();
    const ipCount = Number(res?.[0]?.[1] ?? 0);
    const pairCount = Number(res?.[2]?.[1] ?? 0);
    const until = Number(res?.[4]?.[1] ?? 0);
    const ttl = (i: number) => Math.max(1000, Number(res?.[i]?.[1] ?? this.limits.windowMs));
    if (ipCount > this.limits.perIp) return { ok: false, reason: 'address', retryAfterMs: ttl(5) };
    if (pairCount > this.limits.perAgent) return { ok: false, reason: 'account_address', retryAfterMs: ttl(6) };
    // pairCount > 1: this address already tried this agent in the window, and every earlier try failed (a success clears it).
    const wait = until - this.now();
    if (pairCount > 1 && wait > 0) return { ok: false, reason: 'account_delay', retryAfterMs: wait };
    return { ok: true };
  }

  /** A wrong password: counts against the agent id and sets its next delay once it is over `perAgent`. */
  async failed(agentId: string, _ip: string): Promise<LoginFailure> {
    const k = this.k(agentId, _ip);
    const w = String(this.limits.windowMs);
    const res = await this.redis.multi().incr(k.agent).pexpire(k.agent, w, 'NX').exec();
    const n = Number(res?.[0]?.[1] ?? 0);
    const over = n - this.limits.perAgent;
    if (over < 0) return { accountFailures: n, delayMs: 0, startedDelay: false };
    const delayMs = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(over, 30));
    await this.redis.set(k.delay, String(this.now() + delayMs), 'PX', delayMs);
    return { accountFailures: n, delayMs, startedDelay: over === 0 };
  }

  /**
   * A successful login clears this (agent, address) pair. The address keeps counting, and the agent's failure
   * count is kept: someone may still be guessing from elsewhere.
   */
  async succeeded(agentId: string, ip: string): Promise<void> {
    await this.redis.del(this.k(agentId, ip).pair);
  }
}
