import { randomBytes } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from './redis-connection.js';
import type { RedisKeys } from './redis-keys.js';

/**
 * Take the conversation's turn lease and mark the inbound message seen, in one round trip.
 * KEYS: 1 lock key, 2 seen key
 * ARGV: 1 token, 2 lease ms, 3 seen ttl seconds
 * Returns 1 (ours), 0 (another turn holds it; retry), -1 (this message was already handled: drop it).
 */
const ENTER = `if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
redis.call('SET', KEYS[2], '1', 'EX', ARGV[3])
return 1`;

/** KEYS: 1 lock key. ARGV: 1 token. Releases only our own lease. */
const LEAVE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export type Entry = { status: 'entered'; token: string } | { status: 'duplicate' };

/**
 * Serialises the turns of one conversation across every process (two webhooks for one chat never run
 * the dialog at once) and drops a redelivered message. The lease expires by itself if a process dies.
 */
export class ConversationGate {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly leaseMs = 30_000,
    private readonly waitMs = 15_000,
  ) {}

  async enter(conversationKey: string, messageId: string): Promise<Entry> {
    const token = randomBytes(8).toString('hex');
    const deadline = Date.now() + this.waitMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      const r = await this.redis.eval(ENTER, 2, this.lockKey(conversationKey), this.keys.lock(`seen:${conversationKey}:${messageId}`), token, String(this.leaseMs), '86400');
      if (r === 1) return { status: 'entered', token };
      if (r === -1) return { status: 'duplicate' };
      if (Date.now() > deadline) throw new Error(`conversation ${conversationKey} stayed busy for ${this.waitMs} ms`);
      await new Promise((res) => setTimeout(res, delay));
    }
  }

  async leave(conversationKey: string, token: string): Promise<void> {
    await this.redis.eval(LEAVE, 1, this.lockKey(conversationKey), token);
  }

  /**
   * `leave`, queued on a MULTI the caller executes: a turn releases its lease in the same transaction as
   * its state write (RedisDialogStorage.writeWith), so the two cost one round trip and apply together.
   */
  queueLeave(multi: ChainableCommander, conversationKey: string, token: string): void {
    multi.eval(LEAVE, 1, this.lockKey(conversationKey), token);
  }

  private lockKey(conversationKey: string): string {
    return this.keys.lock(`conv:${conversationKey}`);
  }
}
