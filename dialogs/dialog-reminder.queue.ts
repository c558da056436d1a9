import { Queue, Worker } from 'bullmq';
import type { Logger } from '../src/logging/logger.js';
import type { ConversationAddress } from '../src/messages/message.types.js';
import { QUEUE, QUICK_RECOVERY, jobId } from '../src/queues/queue-names.js';
import type { RedisClient } from '../src/redis/redis-connection.js';

export interface ReminderJob {
  address: ConversationAddress;
  lastTurnAt: number;
}

/**
 * A delayed job per quiet conversation (id includes the turn time, so a newer turn schedules a newer job
 * and the older one finds the conversation moved on). Survives restarts like every BullMQ job.
 */
export class DialogReminderQueue {
  readonly queue: Queue<ReminderJob>;
  private worker: Worker<ReminderJob> | undefined;

  constructor(private readonly redis: RedisClient, private readonly prefix: string, private readonly delayMs: number, private readonly logger: Logger) {
    this.queue = new Queue<ReminderJob>(QUEUE.reminder, { connection: redis, prefix });
  }

  async schedule(address: ConversationAddress, lastTurnAt: number): Promise<void> {
    await this.queue.add('remind', { address, lastTurnAt }, {
      jobId: jobId('rem', address.channel, address.conversationId, lastTurnAt),
      delay: this.delayMs, attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 86_400 },
    });
  }

  startWorker(remind: (job: ReminderJob) => Promise<unknown>): Worker<ReminderJob> {
    this.worker = new Worker<ReminderJob>(QUEUE.reminder, (job) => remind(job.data), { connection: this.redis, prefix: this.prefix, ...QUICK_RECOVERY, concurrency: 4 });
    this.worker.on('error', (err) => this.logger.warn({ err }, 'reminder worker error'));
    return this.worker;
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}
