import type { Worker } from 'bullmq';
import type { AgentWorkspacePort } from '../agents/agent-workspace.port.js';
import { isOpen } from '../complaints/complaint-state-machine.js';
import type { Complaint } from '../complaints/complaint.types.js';
import type { RedisComplaintStore } from '../complaints/redis-complaint.store.js';
import type { Logger } from '../logging/logger.js';
import type { RedisClient } from '../redis/redis-connection.js';
import { JobQueue } from '../queues/job-queue.js';
import { QUEUE, jobId } from '../queues/queue-names.js';

export interface HandoffJob {
  complaintId: string;
}

/** BullMQ priority: 1 is first. Triage priority 100 → 1, 0 → 101. */
export function queuePriority(triagePriority: number): number {
  return 101 - Math.max(0, Math.min(100, Math.round(triagePriority)));
}

/**
 * The handoff to agents: a case enters in triage-priority order and the worker puts it in front of the
 * agents' workspace (Slack queue channel or the local console). Re-enqueued on release, reopen and review.
 */
export class HandoffQueue extends JobQueue<HandoffJob> {
  constructor(redis: RedisClient, prefix: string, logger: Logger) {
    super(QUEUE.handoff, redis, prefix, logger);
  }

  async enqueue(c: Complaint): Promise<void> {
    await this.queue.add('handoff', { complaintId: c.id }, {
      jobId: jobId('handoff', c.id, c.version),
      priority: queuePriority(c.triage.priority),
      attempts: 10,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { age: 86_400, count: 10_000 },
      removeOnFail: { age: 7 * 86_400 },
    });
  }

  startWorker(store: RedisComplaintStore, workspaces: () => AgentWorkspacePort[], concurrency = 4): Worker<HandoffJob> {
    return this.startProcessing(async (job) => {
      const c = await store.get(job.data.complaintId);
      if (!c || !isOpen(c.status)) return;
      await Promise.all(workspaces().map((w) => w.announceCase(c)));
    }, { concurrency });
  }
}
