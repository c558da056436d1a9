import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { HistoryEntry } from './webchat.protocol.js';
import type { WebchatKeys } from './webchat-keys.js';

/**
 * webchatAppend
 *   KEYS[1] seq counter   KEYS[2] history list   KEYS[3] idempotency marker (read only when ARGV[5] == '1')
 *   ARGV[1] entry JSON object without `seq`   ARGV[2] history cap   ARGV[3] TTL seconds
 *   ARGV[4] pub/sub channel   ARGV[5] '1' to deduplicate on KEYS[3]
 *   returns {seq, duplicate (0|1)}
 * One script, so the seq, the stored entry and the PUBLISH happen together and publish order is seq order.
 * The seq is spliced in as text: cjson would turn `[]` into `{}` and round large numbers.
 */
const APPEND_LUA = `
if ARGV[5] == '1' then
  local prev = redis.call('GET', KEYS[3])
  if prev then return {tonumber(prev), 1} end
end
local seq = redis.call('INCR', KEYS[1])
local entry = '{"seq":' .. seq .. ',' .. string.sub(ARGV[1], 2)
redis.call('RPUSH', KEYS[2], entry)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
if ARGV[5] == '1' then redis.call('SET', KEYS[3], seq, 'EX', ARGV[3]) end
redis.call('PUBLISH', ARGV[4], entry)
return {seq, 0}
`;

type AppendCommand = (k1: string, k2: string, k3: string, entry: string, cap: number, ttl: number, channel: string, dedupe: string) => Promise<[number, number]>;

/** Per-conversation history (capped list) with a monotonically increasing seq; each append is also published. */
export class WebchatHistoryStore {
  private readonly append$: AppendCommand;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: WebchatKeys,
    private readonly cap: number,
    private readonly ttlSeconds: number,
  ) {
    redis.defineCommand('webchatAppend', { numberOfKeys: 3, lua: APPEND_LUA });
    const client = redis as unknown as { webchatAppend: AppendCommand };
    this.append$ = client.webchatAppend.bind(client);
  }

  /** Appends and publishes; with an idempotency key a repeat returns the first seq and appends nothing. */
  async append(conversationId: string, entry: Omit<HistoryEntry, 'seq'>, idempotencyKey?: string): Promise<{ seq: number; duplicate: boolean }> {
    const k = this.keys;
    const [seq, dup] = await this.append$(
      k.seq(conversationId), k.history(conversationId), k.sent(conversationId, idempotencyKey ?? '-'),
      JSON.stringify(entry), this.cap, this.ttlSeconds, k.channel(conversationId), idempotencyKey ? '1' : '0',
    );
    return { seq: Number(seq), duplicate: Number(dup) === 1 };
  }

  async headSeq(conversationId: string): Promise<number> {
    return Number(await this.redis.get(this.keys.seq(conversationId))) || 0;
  }

  /** Entries with seq > afterSeq, oldest first (as many as the cap kept). */
  async after(conversationId: string, afterSeq: number): Promise<HistoryEntry[]> {
    const raw = await this.redis.lrange(this.keys.history(conversationId), 0, -1);
    return raw.map((r) => JSON.parse(r) as HistoryEntry).filter((e) => e.seq > afterSeq);
  }
}
