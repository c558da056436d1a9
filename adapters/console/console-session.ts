import { systemClock } from '../../src/clock.js';
import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { ConsoleKeys } from './console.keys.js';

/** A logged-in agent, held in Redis so any process can serve the next request. */
export interface ConsoleSession {
  id: string;
  agentId: string;
  /** Required as `x-csrf-token` (or `_csrf` in a form) on every state-changing request. */
  csrf: string;
  createdAt: number;
}

export const SESSION_COOKIE = 'redress_console';

/** Server-side sessions with an idle timeout: each use pushes the expiry back. */
export class ConsoleSessionStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: ConsoleKeys,
    private readonly ttlMs: number,
    private readonly now: () => number = systemClock,
  ) {}

  async create(agentId: string): Promise<ConsoleSession> {
    const session: ConsoleSession = { id: token(), agentId, csrf: token(), createdAt: this.now() };
    await this.redis.set(this.keys.session(session.id), JSON.stringify(session), 'PX', this.ttlMs);
    return session;
  }

  /** The session, with its expiry refreshed; null when unknown or expired. */
  async touch(id: string): Promise<ConsoleSession | null> {
    const raw = await this.redis.getex(this.keys.session(id), 'PX', this.ttlMs);
    return raw ? (JSON.parse(raw) as ConsoleSession) : null;
  }

  async peek(id: string): Promise<ConsoleSession | null> {
    const raw = await this.redis.get(this.keys.session(id));
    return raw ? (JSON.parse(raw) as ConsoleSession) : null;
  }

  async destroy(id: string): Promise<void> {
    await this.redis.del(this.keys.session(id));
  }
}

function token(): string {
  return randomBytes(32).toString('base64url');
}

export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}
