import { DelayedError, UnrecoverableError, type Job, type Worker } from 'bullmq';
import { Cluster } from 'ioredis';
import { systemClock, type Clock } from '../clock.js';
import { ChannelSendError } from '../errors.js';
import type { ChannelCapabilities, ChannelRegistry } from '../channels/channel.port.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import type { ConversationAddress, OutboundMessage } from '../messages/message.types.js';
import type { Logger } from '../logging/logger.js';
import { JobQueue } from '../queues/job-queue.js';
import { QUEUE, jobId } from '../queues/queue-names.js';
import { loadLua, queueLua, runLua } from '../redis/lua-script.js';

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

function hasLimits(caps: ChannelCapabilities): boolean {
  return caps.perConversationPerSecond > 0 || (caps.perChannelPerSecond ?? 0) > 0;
}

const TAKE_SEND_SLOT = loadLua(new URL('./lua/take-send-slot.lua', import.meta.url));
const ADVANCE = loadLua(new URL('./lua/advance-delivered.lua', import.meta.url));
const ASSIGN_SEQ = loadLua(new URL('./lua/assign-seq.lua', import.meta.url));

/**
 * Outbound messages to consumers: retried with exponential backoff, idempotent (a retried job never sends
 * twice), in order per conversation across processes, and never lost silently (a final failure is reported).
 *
 * Keys (besides BullMQ's, under `P:{bullmq:delivery}`; see redis-keys.ts): `P:{r:<channel>}:rate:<conversation>` and
 * `P:{r:<channel>}:rate` sliding-window send times (2 s, one tag per channel so one script checks both); under the
 * conversation's tag `P:{v:<channel>:<conversation>}`: `:outseq` next seq, `:outdone` last delivered seq,
 * `:outkey:<idempotencyKey>` the seq given to that message (7 days), `:delivered:<idempotencyKey>` done marker (7 days).
 */
export class DeliveryQueue extends JobQueue<DeliveryJob> {
  /** `now` must be the real time BullMQ's delays are measured against; injectable for tests that read it. */
  constructor(
    redis: RedisClient,
    private readonly keys: RedisKeys,
    logger: Logger,
    private readonly now: Clock = systemClock,
    /**
     * Where the direct-reply check goes: the core's auto-pipelining client, not BullMQ's. ioredis copies every
     * script command defined on a client (BullMQ's 64) onto each pipeline made on it, which made this check's
     * pipeline cost more CPU than the rest of a Telegram turn's Redis calls.
     */
    private readonly checks: RedisClient = redis,
  ) {
    super(QUEUE.delivery, redis, keys.queue(QUEUE.delivery), logger);
  }

  async enqueue(address: ConversationAddress, message: OutboundMessage & { idempotencyKey: string }): Promise<void> {
    const seq = Number(await runLua(this.redis, ASSIGN_SEQ, [this.keys.outSeq(address.channel, address.conversationId),
      this.keys.outKey(address.channel, address.conversationId, message.idempotencyKey)], [7 * 86_400]));
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
    const doneKey = this.keys.delivered(address.channel, address.conversationId, message.idempotencyKey);
    if (await this.redis.exists(doneKey)) return void (await this.advance(job.data));
    const done = Number((await this.redis.get(this.keys.outDone(address.channel, address.conversationId))) ?? 0);
    if (seq > done + 1 && this.now() - job.timestamp < ORDER_WAIT_MS) {
      await job.moveToDelayed(this.now() + 200, token);
      throw new DelayedError();
    }
    const channel = channels.get(address.channel);
    if (!channel) throw new UnrecoverableError(`no channel "${address.channel}" is enabled in this deployment`);
    const waitMs = await this.rateWait(address, channel.capabilities, `${message.idempotencyKey}:${job.attemptsStarted ?? 0}`);
    if (waitMs > 0) {
      // Over the platform's rate (per chat or per bot): come back in the next window, without spending an attempt.
      await job.moveToDelayed(this.now() + waitMs, token);
      throw new DelayedError();
    }
    try {
      await channel.send(address, message);
    } catch (err) {
      if (err instanceof ChannelSendError && err.permanent) throw new UnrecoverableError(err.message);
      if (err instanceof ChannelSendError && err.retryAfterMs) {
        // The platform told us when to come back (Telegram 429 retry_after): wait that long without spending an attempt.
        await job.moveToDelayed(this.now() + err.retryAfterMs, token);
        throw new DelayedError();
      }
      throw err;
    }
    await this.redis.set(doneKey, '1', 'EX', 7 * 86_400);
    await this.advance(job.data);
  }

  /**
   * Whether a dialog reply may be sent now, past the queue, under the policy queued messages keep: nothing queued
   * for that conversation is still undelivered (the reply would overtake it), and the channel-wide send window
   * (Telegram's 30 a second per bot, the limit that turns into 429s across chats) has room; the send is counted in
   * it. The per-chat window is not applied: a turn answers with two or three messages at once and a consumer pressing
   * buttons quickly must not wait a second per reply (Telegram allows such short bursts); queued messages keep it.
   * False: enqueue it, and the queue sends it in order when the window allows. A channel without platform limits
   * (the widget) is asked nothing; one with them costs one round trip (both reads go together).
   */
  async mayReplyDirectly(a: ConversationAddress, caps: ChannelCapabilities, idempotencyKey: string): Promise<boolean> {
    if (!hasLimits(caps)) return true;
    const marks = [this.keys.outSeq(a.channel, a.conversationId), this.keys.outDone(a.channel, a.conversationId)];
    // The per-chat window is not applied to a dialog reply (see above): 0 for it.
    const [slot, args] = this.sendSlot(a, 0, caps.perChannelPerSecond ?? 0, `${idempotencyKey}:direct`);
    // A slot taken while something is queued ahead goes unused: rarer and cheaper than a second round trip each time.
    let wait: unknown;
    let seqs: Array<string | null>;
    if (this.checks !== this.redis || this.redis instanceof Cluster) {
      // Side by side: an auto-pipelining client sends the two in one write; a Cluster, whose pipelines refuse two
      // slots, sends them apart.
      [wait, seqs] = await Promise.all([runLua(this.checks, TAKE_SEND_SLOT, slot, args), this.checks.mget(...marks)]);
    } else {
      // A connection that does not auto-pipeline: one pipeline makes the two one round trip.
      const tx = this.redis.pipeline();
      queueLua(tx, TAKE_SEND_SLOT, slot, args);
      tx.mget(...marks);
      const replies = (await tx.exec()) ?? [];
      const failed = replies.find(([err]) => err);
      if (failed) throw failed[0]!;
      [wait, seqs] = [replies[0]?.[1], replies[1]?.[1] as Array<string | null>];
    }
    return Number(wait) === 0 && Number(seqs[0] ?? 0) <= Number(seqs[1] ?? 0);
  }

  /** 0 when this send fits the channel's per-conversation and per-channel rates (and counts it), else ms to wait. */
  private async rateWait(a: ConversationAddress, caps: ChannelCapabilities, member: string): Promise<number> {
    // A channel without platform limits (the web widget is our own socket) costs no extra round trip.
    if (!hasLimits(caps)) return 0;
    const wait = await runLua(this.redis, TAKE_SEND_SLOT, ...this.sendSlot(a, caps.perConversationPerSecond, caps.perChannelPerSecond ?? 0, member));
    return Number(wait) > 0 ? Number(wait) + 5 : 0;
  }

  /** take-send-slot.lua's keys and arguments for one send now (`member` is made unique by the time). */
  private sendSlot(a: ConversationAddress, perConversation: number, perChannel: number, member: string): [string[], Array<string | number>] {
    const now = this.now();
    return [[this.keys.rate(a.channel, a.conversationId), this.keys.channelRate(a.channel)], [now, perConversation, perChannel, `${member}:${now}`]];
  }

  private advance(job: DeliveryJob): Promise<unknown> {
    return runLua(this.redis, ADVANCE, [this.keys.outDone(job.address.channel, job.address.conversationId)], [job.seq]);
  }
}
