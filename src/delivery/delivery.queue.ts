import { DelayedError, UnrecoverableError, type Job, type Worker } from 'bullmq';
import { ChannelSendError } from '../errors.js';
import type { ChannelCapabilities, ChannelRegistry } from '../channels/channel.port.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import type { ConversationAddress, OutboundMessage } from '../messages/message.types.js';
import type { Logger } from '../logging/logger.js';
import { JobQueue } from '../queues/job-queue.js';
import { QUEUE, jobId } from '../queues/queue-names.js';

/** One message to one consumer. `seq` orders it within its conversation across every process. */
export interface DeliveryJob {
  address: ConversationAddress;
  message: OutboundMessage & { idempotencyKey: string };
  seq: number;
}

/** Called once a delivery has finally failed, so the complaint's timeline records it. */
export type DeliveryFailureHook = (job: DeliveryJob, error: string) => Promise<void>;

const ATTEMPTS = 8;
/** How long a later message waits for an earlier one before going on regardless (a lost enqueue must not block forever). */
const ORDER_WAIT_MS = 5 * 60_000;

/**
 * Sliding one-second windows per conversation and per channel (sorted sets of send times).
 * KEYS: 1 conversation window, 2 channel window. ARGV: 1 now ms, 2 per-conversation limit, 3 per-channel limit (0 = none), 4 unique member.
 * Returns 0 and records the send when both have room, else the ms until the earliest send leaves the full window.
 */
const RATE = `local now = tonumber(ARGV[1])
local wait = 0
for i, limit in ipairs({ tonumber(ARGV[2]), tonumber(ARGV[3]) }) do
  if limit > 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - 1000)
    if redis.call('ZCARD', KEYS[i]) >= limit then
      local oldest = tonumber(redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')[2])
      wait = math.max(wait, oldest + 1000 - now)
    end
  end
end
if wait > 0 then return wait end
for i, limit in ipairs({ tonumber(ARGV[2]), tonumber(ARGV[3]) }) do
  if limit > 0 then redis.call('ZADD', KEYS[i], now, ARGV[4]) redis.call('PEXPIRE', KEYS[i], 2000) end
end
return 0`;

/** Advance the conversation's delivered-seq to ARGV[1] if it is behind. KEYS: 1 done-seq key. Returns the new value. */
const ADVANCE = `local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > cur then redis.call('SET', KEYS[1], ARGV[1], 'EX', 2592000) return tonumber(ARGV[1]) end
return cur`;

/**
 * The seq of one message: the conversation's next, or the one its idempotency key already holds, so enqueueing
 * the same message twice leaves no gap in the sequence for later messages to wait on.
 * KEYS: 1 next-seq key, 2 seq-of-this-key key. ARGV: 1 ttl seconds. Returns the seq.
 */
const ASSIGN_SEQ = `local s = redis.call('GET', KEYS[2])
if s then return tonumber(s) end
local n = redis.call('INCR', KEYS[1])
redis.call('SET', KEYS[2], n, 'EX', ARGV[1])
return n`;

/**
 * Outbound messages to consumers: retried with exponential backoff, idempotent (a retried job never sends
 * twice), in order per conversation across processes, and never lost silently (a final failure is reported).
 *
 * Keys (besides BullMQ's): `P:rate:<channel>:<conversation>` and `P:rate:<channel>` sliding-window send times (2 s); `P:outseq:<channel>:<conversation>` next seq; `P:outdone:<…>` last delivered seq;
 * `P:outkey:<idempotencyKey>` the seq given to that message (7 days); `P:delivered:<idempotencyKey>` done marker (7 days).
 */
export class DeliveryQueue extends JobQueue<DeliveryJob> {
  constructor(redis: RedisClient, private readonly keys: RedisKeys, logger: Logger) {
    super(QUEUE.delivery, redis, keys.prefix, logger);
  }

  async enqueue(address: ConversationAddress, message: OutboundMessage & { idempotencyKey: string }): Promise<void> {
    const seq = Number(await this.redis.eval(ASSIGN_SEQ, 2, this.convKey('outseq', address),
      `${this.keys.prefix}:outkey:${message.idempotencyKey}`, String(7 * 86_400)));
    await this.queue.add('deliver', { address, message, seq }, {
      jobId: jobId('d', message.idempotencyKey),
      attempts: ATTEMPTS,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 86_400 },
    });
  }

  /**
   * `recovery`: when Redis dies after it moved a job to active but before the worker got the reply, the job sits
   * in active, owned by nobody, until its lock expires and a stalled check returns it to wait. BullMQ's defaults
   * (30 s + 30 s) leave a consumer's message a minute late after every Redis restart; these bound it to ~20 s.
   */
  startWorker(channels: ChannelRegistry, onFinalFailure: DeliveryFailureHook, concurrency = 8,
    recovery: { lockDurationMs?: number; stalledIntervalMs?: number } = {}): Worker<DeliveryJob> {
    const worker = this.startProcessing((job, token) => this.process(job, token, channels), {
      concurrency, lockDuration: recovery.lockDurationMs ?? 15_000, stalledInterval: recovery.stalledIntervalMs ?? 5_000,
    });
    worker.on('failed', (job, err) => {
      if (!job || (job.attemptsMade < ATTEMPTS && !(err instanceof UnrecoverableError))) return;
      void this.advance(job.data).then(() => onFinalFailure(job.data, err.message)).catch((e: unknown) =>
        this.logger.error({ err: e, jobId: job.id }, 'could not record a failed delivery'));
    });
    return worker;
  }

  private async process(job: Job<DeliveryJob>, token: string | undefined, channels: ChannelRegistry): Promise<void> {
    const { address, message, seq } = job.data;
    const doneKey = this.keys.delivered(message.idempotencyKey);
    if (await this.redis.exists(doneKey)) return void (await this.advance(job.data));
    const done = Number((await this.redis.get(this.convKey('outdone', address))) ?? 0);
    if (seq > done + 1 && Date.now() - job.timestamp < ORDER_WAIT_MS) {
      await job.moveToDelayed(Date.now() + 200, token);
      throw new DelayedError();
    }
    const channel = channels.get(address.channel);
    if (!channel) throw new UnrecoverableError(`no channel "${address.channel}" is enabled in this deployment`);
    const waitMs = await this.rateWait(address, channel.capabilities, `${message.idempotencyKey}:${job.attemptsStarted ?? 0}:${Date.now()}`);
    if (waitMs > 0) {
      // Over the platform's rate (per chat or per bot): come back in the next window, without spending an attempt.
      await job.moveToDelayed(Date.now() + waitMs, token);
      throw new DelayedError();
    }
    try {
      await channel.send(address, message);
    } catch (err) {
      if (err instanceof ChannelSendError && err.permanent) throw new UnrecoverableError(err.message);
      if (err instanceof ChannelSendError && err.retryAfterMs) {
        // The platform told us when to come back (Telegram 429 retry_after): wait that long without spending an attempt.
        await job.moveToDelayed(Date.now() + err.retryAfterMs, token);
        throw new DelayedError();
      }
      throw err;
    }
    await this.redis.set(doneKey, '1', 'EX', 7 * 86_400);
    await this.advance(job.data);
  }

  /** 0 when this send fits the channel's per-conversation and per-channel rates (and counts it), else ms to wait. */
  private async rateWait(a: ConversationAddress, caps: ChannelCapabilities, member: string): Promise<number> {
    // A channel without platform limits (the web widget is our own socket) costs no extra round trip.
    if (caps.perConversationPerSecond <= 0 && !(caps.perChannelPerSecond && caps.perChannelPerSecond > 0)) return 0;
    const wait = await this.redis.eval(RATE, 2,
      `${this.keys.prefix}:rate:${a.channel}:${a.conversationId}`, `${this.keys.prefix}:rate:${a.channel}`,
      String(Date.now()), String(caps.perConversationPerSecond), String(caps.perChannelPerSecond ?? 0), member);
    return Number(wait) > 0 ? Number(wait) + 5 : 0;
  }

  private advance(job: DeliveryJob): Promise<unknown> {
    return this.redis.eval(ADVANCE, 1, this.convKey('outdone', job.address), String(job.seq));
  }

  private convKey(kind: 'outseq' | 'outdone', a: ConversationAddress): string {
    return `${this.keys.prefix}:${kind}:${a.channel}:${a.conversationId}`;
  }
}
