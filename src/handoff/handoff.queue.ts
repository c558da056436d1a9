import { Queue, Worker } from 'bullmq';
import type { AgentWorkspacePort } from '../agents/agent-workspace.port.js';
import { isOpen } from '../complaints/complaint-state-machine.js';
import type { Complaint } from '../complaints/complaint.types.js';
import type { RedisComplaintStore } from '../complaints/redis-complaint.store.js';
import type { Logger } from '../logging/logger.js';
import type { RedisClient } from '../redis/redis-connection.js';
import { QUEUE, QUICK_RECOVERY, jobId } from '../queues/queue-names.js';

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
export class HandoffQueue {
  readonly queue: Queue<HandoffJob>;
  private worker: Worker<HandoffJob> | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    this.queue = new Queue<HandoffJob>(QUEUE.handoff, { connection: redis, prefix });
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
    this.worker = new Worker<HandoffJob>(QUEUE.handoff, async (job) => {
      const c = await store.get(job.data.complaintId);
      if (!c || !isOpen(c.status)) return;
      await Promise.all(workspaces().map((w) => w.announceCase(c)));
    }, { connection: this.redis, prefix: this.prefix, ...QUICK_RECOVERY, concurrency });
    this.worker.on('error', (err) => this.logger.warn({ err }, 'handoff worker error'));
    return this.worker;
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}
