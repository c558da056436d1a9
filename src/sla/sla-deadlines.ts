import type { Complaint, ComplaintStatus } from '../complaints/complaint.types.js';
import type { DeadlineKind } from '../triage/triage.types.js';

/** Which status change meets which deadline. */
const MET_BY: Record<DeadlineKind, (status: ComplaintStatus, agentReplied: boolean) => boolean> = {
  first_response: (s, replied) => replied || ['resolution_proposed', 'resolved', 'closed', 'cancelled'].includes(s),
  // Escalation alone (an SLA breach, or an agent passing a queued case up) reaches nobody yet: the senior's claim meets it.
  dispatch: (s) => s !== 'queued' && s !== 'intake' && s !== 'escalated',
  plan: (s) => ['resolution_proposed', 'resolved', 'closed', 'cancelled'].includes(s),
  report: (s) => ['resolution_proposed', 'resolved', 'closed', 'cancelled'].includes(s),
};

/** Deadlines in `c` that this status (or an agent reply) has just met. */
export function deadlinesMet(c: Complaint, agentReplied: boolean): DeadlineKind[] {
  return c.triage.deadlines.filter((d) => c.slaMet[d.kind] === undefined && MET_BY[d.kind](c.status, agentReplied)).map((d) => d.kind);
}

