import type { Complaint, TimelineEvent } from './complaint.types.js';

/** One committed change: listeners (progress updates, handoff, SLA timers, agent workspace) react to it. */
export interface ComplaintChangeNotice {
  complaint: Complaint;
  previous: Complaint | null;
  events: TimelineEvent[];
}

export type ComplaintListener = (notice: ComplaintChangeNotice) => Promise<void>;

/**
 * In-process fan-out after a write has committed to Redis. Listeners enqueue durable work (BullMQ jobs),
 * so a listener failing is reported to the caller rather than swallowed.
 */
export class ComplaintEvents {
  private readonly listeners: ComplaintListener[] = [];

  on(listener: ComplaintListener): void {
    this.listeners.push(listener);
  }

  async emit(notice: ComplaintChangeNotice): Promise<void> {
    const results = await Promise.allSettled(this.listeners.map((l) => l(notice)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
