import type { Worker } from 'bullmq';
import { systemClock, type Clock } from '../src/clock.js';
import type { Logger } from '../src/logging/logger.js';
import type { ConversationAddress } from '../src/messages/message.types.js';
import { JobQueue } from '../src/queues/job-queue.js';
import { QUEUE, jobId } from '../src/queues/queue-names.js';
import type { RedisClient } from '../src/redis/redis-connection.js';

export interface ReminderJob {
  address: ConversationAddress;
  lastTurnAt: number;
}

/**
 * A delayed job per quiet conversation, due `delayMs` after the turn it was scheduled for (id includes the turn
 * time). A conversation has one pending job: later turns do not add one; when it runs and finds the conversation
 * moved on it schedules the next for the last turn (ComplaintBot.remind). Survives restarts like every BullMQ job.
 */
export class DialogReminderQueue extends JobQueue<ReminderJob> {
  constructor(redis: RedisClient, prefix: string, private readonly delayMs: number, logger: Logger, private readonly now: Clock = systemClock) {
    super(QUEUE.reminder, redis, prefix, logger);
  }

  async schedule(address: ConversationAddress, lastTurnAt: number): Promise<void> {
    await this.queue.add('remind', { address, lastTurnAt }, {
      jobId: jobId('rem', address.channel, address.conversationId, lastTurnAt),
      delay: Math.min(this.delayMs, Math.max(0, lastTurnAt + this.delayMs - this.now())), attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 86_400 },
    });
  }

  startWorker(remind: (job: ReminderJob) => Promise<unknown>): Worker<ReminderJob> {
    return this.startProcessing((job) => remind(job.data), { concurrency: 4 });
  }
}
