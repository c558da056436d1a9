import { systemClock } from '../clock.js';
import type { Worker } from 'bullmq';
import type { ComplaintService } from '../complaints/complaint.service.js';
import { canTransition, isOpen } from '../complaints/complaint-state-machine.js';
import { isRedressError } from '../errors.js';
import type { Complaint } from '../complaints/complaint.types.js';
import type { Logger } from '../logging/logger.js';
import type { RedisClient } from '../redis/redis-connection.js';
import { JobQueue } from '../queues/job-queue.js';
import { QUEUE, jobId } from '../queues/queue-names.js';
import type { DeadlineKind } from '../triage/triage.types.js';

export interface SlaJob {
  complaintId: string;
  kind: DeadlineKind;
}

/**
 * One delayed BullMQ job per deadline (so timers survive restarts and any process can fire them).
 * A met deadline removes its job; a breach is written to the timeline, escalates the case and alerts supervisors.
 */
export class SlaScheduler extends JobQueue<SlaJob> {
  constructor(redis: RedisClient, prefix: string, logger: Logger, private readonly now: () => number = systemClock) {
    super(QUEUE.sla, redis, prefix, logger);
  }

  /** Every open deadline of the case in one bulk add: one round trip (a MULTI), not one per deadline. */
  async schedule(c: Complaint): Promise<void> {
    const jobs = c.triage.deadlines.filter((d) => c.slaMet[d.kind] === undefined).map((d) => ({
      name: 'deadline', data: { complaintId: c.id, kind: d.kind },
      opts: {
        jobId: jobId('sla', c.id, d.kind), delay: Math.max(0, d.dueAt - this.now()),
        // Kept a week after firing: its job id then refuses a re-scheduled copy (a change's side effects can re-run).
        attempts: 5, backoff: { type: 'exponential' as const, delay: 1000 }, removeOnComplete: { age: 7 * 86_400 }, removeOnFail: { age: 7 * 86_400 },
      },
    }));
    if (jobs.length) await this.queue.addBulk(jobs);
  }

  async cancel(complaintId: string, kinds: DeadlineKind[]): Promise<void> {
    await Promise.all(kinds.map((k) => this.queue.remove(jobId('sla', complaintId, k))));
  }

  startWorker(complaints: ComplaintService): Worker<SlaJob> {
    return this.startProcessing(async (job) => this.fire(job.data, complaints), { concurrency: 4 });
  }

  /** Writes the breach (and the escalation); the supervisors' alert is derived from the `sla_breached` event. */
  private async fire({ complaintId, kind }: SlaJob, complaints: ComplaintService): Promise<void> {
    const c = await complaints.store.get(complaintId);
    if (!c || !isOpen(c.status) || c.slaMet[kind] !== undefined) return;
    const at = this.now();
    const system = { kind: 'system' as const, id: 'sla' };
    const breach = { kind, dueAt: c.triage.deadlines.find((d) => d.kind === kind)?.dueAt };
    const escalated = canTransition(c.status, 'escalated') && await complaints.transition(complaintId, 'escalated', system, 'sla_breached', breach, (x) => ({
      ...x, triage: { ...x.triage, tier: x.triage.tier === 'low' ? 'medium' : 'high', priority: Math.min(100, x.triage.priority + 15), reasons: [...x.triage.reasons, `SLA ${kind} missed → escalated`] },
    })).then(() => true, (err: unknown) => {
      // Two deadlines of one case falling due together: the other one escalated it first; record this breach alone.
      if (isRedressError(err, 'complaint.illegal_transition')) return false;
      throw err;
    });
    if (!escalated) {
      await complaints.mutate(complaintId, (x) => ({ complaint: x, events: [{ at, type: 'sla_breached', actor: system, data: breach }] }));
    }
  }
}
