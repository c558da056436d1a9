import { randomBytes } from 'node:crypto';
import { elapsedClock } from '../clock.js';
import type { ChainableCommander } from 'ioredis';
import { loadLua, queueLua, runLua } from './lua-script.js';
import { codingOutages, redisReadyWithin, whenRedisReady } from './redis-availability.js';
import type { RedisClient } from './redis-connection.js';
import type { RedisKeys } from './redis-keys.js';

const ENTER = loadLua(new URL('./lua/enter-turn.lua', import.meta.url));
const LEAVE = loadLua(new URL('./lua/release-lease.lua', import.meta.url));

/** `state`: the value of the key `enter` was asked to read (null when absent), only when it was asked. */
export type Entry = { status: 'entered'; token: string; enteredAt: number; state?: string | null } | { status: 'duplicate' };

/** Defaults: a turn may run 10 s (ComplaintBot's turn timeout), so a 15 s lease never lapses under a live turn. */
export const LEASE_MS = 15_000;
const RELEASE_RETRY_MS = 200;

/**
 * Serialises the turns of one conversation across every process (two webhooks for one chat never run
 * the dialog at once) and drops a redelivered message. The lease expires by itself if a process dies.
 */
export class ConversationGate {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly leaseMs = LEASE_MS,
    private readonly waitMs = 15_000,
    /** How long `enter` waits for a reconnecting Redis before it throws `redis.unavailable`. */
    private readonly redisWaitMs = 1500,
  ) {}

  /** True while the client is connected: a turn that times out while it is not is reported as `redis.unavailable`. */
  connected(): boolean {
    return this.redis.status === 'ready';
  }

  /**
   * `conversationKey` is `<channel>:<conversationId>`; the lease and seen marks share the conversation's tag.
   * `alsoRead` (a key with the conversation's hash tag, such as its dialog state) is read in the same script once
   * entered and returned as `state`. Throws `redis.unavailable` / `redis.full` (coded) when Redis is gone or refuses
   * the write, within about `redisWaitMs`.
   */
  async enter(conversationKey: string, messageId: string, alsoRead?: string): Promise<Entry> {
    const token = randomBytes(8).toString('hex');
    const deadline = elapsedClock() + this.waitMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      await whenRedisReady(this.redis, this.redisWaitMs);
      const enteredAt = elapsedClock();
      const keys = [this.lockKey(conversationKey), this.seenKey(conversationKey, messageId), ...(alsoRead ? [alsoRead] : [])];
      const [r, value] = (await codingOutages(runLua(this.redis, ENTER, keys, [token, this.leaseMs, 86_400]))) as [number, string | null | undefined];
      if (r === 1) return alsoRead ? { status: 'entered', token, enteredAt, state: value ?? null } : { status: 'entered', token, enteredAt };
      if (r === -1) return { status: 'duplicate' };
      if (elapsedClock() > deadline) throw new Error(`conversation ${conversationKey} stayed busy for ${this.waitMs} ms`);
      await new Promise((res) => setTimeout(res, delay));
    }
  }

  async leave(conversationKey: string, token: string): Promise<void> {
    await runLua(this.redis, LEAVE, [this.lockKey(conversationKey)], [token]);
  }

  /**
   * `leave` for a turn that did not commit, retried until the lease would have lapsed anyway: a turn that failed
   * because Redis went away gives the conversation back as soon as Redis returns, instead of leaving it locked
   * for the rest of its lease (issue 8). Resolves true once released, false if the lease ran out first.
   */
  async release(conversationKey: string, token: string, enteredAt: number): Promise<boolean> {
    const until = enteredAt + this.leaseMs;
    for (;;) {
      const left = until - elapsedClock();
      if (left <= 0) return false;
      try {
        if (!(await redisReadyWithin(this.redis, left))) return false;
        await this.leave(conversationKey, token);
        return true;
      } catch {
        await new Promise((r) => setTimeout(r, Math.min(RELEASE_RETRY_MS, Math.max(left, 1))));
      }
    }
  }

  /**
   * `leave`, queued on a MULTI the caller executes: a turn releases its lease in the same transaction as
   * its state write (RedisDialogStorage.writeWith), so the two cost one round trip and apply together.
   */
  queueLeave(multi: ChainableCommander, conversationKey: string, token: string): void {
    queueLua(multi, LEAVE, [this.lockKey(conversationKey)], [token]);
  }

  private lockKey(conversationKey: string): string {
    const [channel, conversationId] = splitConversationKey(conversationKey);
    return this.keys.turnLease(channel, conversationId);
  }

  private seenKey(conversationKey: string, messageId: string): string {
    const [channel, conversationId] = splitConversationKey(conversationKey);
    return this.keys.seen(channel, conversationId, messageId);
  }
}

/** `<channel>:<conversationId>` (conversation ids may themselves contain ':'; channel ids do not). */
function splitConversationKey(key: string): [string, string] {
  const i = key.indexOf(':');
  return i < 0 ? [key, ''] : [key.slice(0, i), key.slice(i + 1)];
}
