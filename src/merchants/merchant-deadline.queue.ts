import type { Worker } from 'bullmq';
import { systemClock, type Clock } from '../clock.js';
import type { ComplaintChangeNotice } from '../complaints/complaint-events.js';
import type { ComplaintService } from '../complaints/complaint.service.js';
import type { Logger } from '../logging/logger.js';
import { JobQueue } from '../queues/job-queue.js';
import { QUEUE, jobId } from '../queues/queue-names.js';
import type { RedisClient } from '../redis/redis-connection.js';
import { lateChange } from './merchant-requests.js';

export interface MerchantDeadlineJob {
  complaintId: string;
  requestId: string;
}

/**
 * One delayed BullMQ job per merchant request, due at its deadline (the SLA timers' machinery: timers survive
 * restarts, any worker fires them). The change log schedules it from `merchant_asked` and removes it on
 * `merchant_answered`; one that fires anyway (the answer landed as it ran) finds the request answered and
 * writes nothing. A late request gets `merchant_late` on its timeline; the supervisors' alert is derived from
 * that event (reports/alert-events.ts), like an SLA breach's.
 */
export class MerchantDeadlines extends JobQueue<MerchantDeadlineJob> {
  constructor(redis: RedisClient, prefix: string, logger: Logger, private readonly now: Clock = systemClock) {
    super(QUEUE.merchant, redis, prefix, logger);
  }

  /** The change-log side effect: idempotent by job id, so a re-run change schedules nothing twice. */
  readonly onChange = async ({ complaint: c, events }: ComplaintChangeNotice): Promise<void> => {
    await Promise.all(events.map(async (e) => {
      const requestId = String(e.data?.requestId ?? '');
      if (e.type === 'merchant_asked') await this.schedule(c.id, requestId, Number(e.data?.dueAt));
      if (e.type === 'merchant_answered') await this.queue.remove(jobId('merchant', requestId));
    }));
  };

  private async schedule(complaintId: string, requestId: string, dueAt: number): Promise<void> {
    await this.queue.add('deadline', { complaintId, requestId }, {
      jobId: jobId('merchant', requestId), delay: Math.max(0, dueAt - this.now()),
      // Kept a week after firing: its job id then refuses a copy scheduled again by a re-run change.
      attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 7 * 86_400 }, removeOnFail: { age: 7 * 86_400 },
    });
  }

  startWorker(complaints: ComplaintService): Worker<MerchantDeadlineJob> {
    return this.startProcessing(async (job) => this.fire(job.data, complaints), { concurrency: 2 });
  }

  private async fire({ complaintId, requestId }: MerchantDeadlineJob, complaints: ComplaintService): Promise<void> {
    const c = await complaints.store.get(complaintId);
    if (!c || !lateChange(c, requestId, this.now())) return;
    await complaints.mutate(complaintId, (x) => lateChange(x, requestId, this.now()) ?? { complaint: x, events: [] });
  }
}
