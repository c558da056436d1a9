import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { HistoryEntry } from './webchat.protocol.js';
import type { WebchatKeys } from './webchat-keys.js';

/**
 * Both scripts below append the same way: KEYS[1] seq counter, KEYS[2] history list, ARGV[1] entry JSON object
 * without `seq`, ARGV[2] history cap, ARGV[3] TTL seconds; leaves `seq` and `entry` set for the caller's PUBLISH.
 */
const APPEND_ENTRY = `
local seq = redis.call('INCR', KEYS[1])
local entry = '{"seq":' .. seq .. ',' .. string.sub(ARGV[1], 2)
redis.call('RPUSH', KEYS[2], entry)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
`;

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
${APPEND_ENTRY}if ARGV[5] == '1' then redis.call('SET', KEYS[3], seq, 'EX', ARGV[3]) end
redis.call('PUBLISH', ARGV[4], entry)
return {seq, 0}
`;

/**
 * webchatInbound: a consumer message admitted and stored in one round trip (all keys in the conversation's slot).
 *   KEYS[1] seq counter   KEYS[2] history list   KEYS[3] dedupe mark of the clientId   KEYS[4] the session's rate counter
 *   ARGV[1] entry JSON object without `seq`   ARGV[2] history cap   ARGV[3] TTL seconds   ARGV[4] pub/sub channel
 *   ARGV[5] messages allowed per window   ARGV[6] window ms   ARGV[7] dedupe TTL seconds
 *   returns {seq, 0} stored, {0, 1} a clientId already stored (nothing written), {-1, ms before the window ends} rate limited
 * The rate counter is a fixed window (as rate-limiter-flexible's): the first message of a window starts it.
 * A refused message writes nothing but its count, so a resend after the window is stored normally.
 */
const INBOUND_LUA = `
local n = redis.call('INCR', KEYS[4])
if n == 1 then redis.call('PEXPIRE', KEYS[4], ARGV[6]) end
if n > tonumber(ARGV[5]) then
  local ttl = redis.call('PTTL', KEYS[4])
  if ttl < 0 then redis.call('PEXPIRE', KEYS[4], ARGV[6]); ttl = tonumber(ARGV[6]) end
  return {-1, ttl}
end
if redis.call('SET', KEYS[3], '1', 'EX', ARGV[7], 'NX') == false then return {0, 1} end
${APPEND_ENTRY}redis.call('PUBLISH', ARGV[4], entry)
return {seq, 0}
`;

type InboundCommand = (k1: string, k2: string, k3: string, k4: string, entry: string, cap: number, ttl: number, channel: string, points: number, windowMs: number, dedupeTtl: number) => Promise<[number, number]>;

/** What `appendInbound` found: stored with its seq, a repeat of a stored clientId, or over the session's rate. */
export type InboundResult = { status: 'stored'; seq: number } | { status: 'duplicate' } | { status: 'limited'; msBeforeNext: number };

type AppendCommand = (k1: string, k2: string, k3: string, entry: string, cap: number, ttl: number, channel: string, dedupe: string) => Promise<[number, number]>;

/** Per-conversation history (capped list) with a monotonically increasing seq; each append is also published. */
export class WebchatHistoryStore {
  private readonly append$: AppendCommand;
  private readonly inbound$: InboundCommand;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: WebchatKeys,
    private readonly cap: number,
    private readonly ttlSeconds: number,
  ) {
    redis.defineCommand('webchatAppend', { numberOfKeys: 3, lua: APPEND_LUA });
    const client = redis as unknown as { webchatAppend: AppendCommand };
    this.append$ = client.webchatAppend.bind(client);
    redis.defineCommand('webchatInbound', { numberOfKeys: 4, lua: INBOUND_LUA });
    const inbound = redis as unknown as { webchatInbound: InboundCommand };
    this.inbound$ = inbound.webchatInbound.bind(inbound);
  }

  /**
   * A consumer's message: the session's rate limit, the clientId dedupe (24 h) and the append + publish, in one
   * script. `limit` is the session's allowance per window.
   */
  async appendInbound(
    conversationId: string,
    sessionId: string,
    clientId: string,
    entry: Omit<HistoryEntry, 'seq'>,
    limit: { points: number; windowMs: number },
  ): Promise<InboundResult> {
    const k = this.keys;
    const [a, b] = await this.inbound$(
      k.seq(conversationId), k.history(conversationId), k.dedupe(conversationId, clientId), k.sessionRate(conversationId, sessionId),
      JSON.stringify(entry), this.cap, this.ttlSeconds, k.channel(conversationId), limit.points, limit.windowMs, 86_400,
    );
    if (Number(a) === -1) return { status: 'limited', msBeforeNext: Number(b) };
    if (Number(b) === 1) return { status: 'duplicate' };
    return { status: 'stored', seq: Number(a) };
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

  /** `append`, queued on a transaction the caller executes (its reply is the script's {seq, duplicate}). */
  queueAppend(multi: ChainableCommander, conversationId: string, entry: Omit<HistoryEntry, 'seq'>, idempotencyKey: string): void {
    const k = this.keys;
    multi.eval(APPEND_LUA, 3, k.seq(conversationId), k.history(conversationId), k.sent(conversationId, idempotencyKey),
      JSON.stringify(entry), this.cap, this.ttlSeconds, k.channel(conversationId), '1');
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
