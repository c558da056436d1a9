/** Supervisor alerts that a committed change carries in its timeline events: SLA breaches and escalations. */
import type { ComplaintChangeNotice } from '../complaints/complaint-events.js';
import type { DeadlineKind } from '../triage/triage.types.js';
import type { AlertRecord } from './report.types.js';

/**
 * One AlertRecord per `sla_breached` event, and per `escalated` event by an agent (the same texts the
 * workspaces get from the SLA scheduler and AgentOperations).
 */
export function alertsOf({ complaint: c, previous, events }: ComplaintChangeNotice): AlertRecord[] {
  const before = previous ?? c;
  return events.flatMap((e): AlertRecord[] => {
    if (e.type === 'sla_breached') {
      const deadline = e.data?.kind as DeadlineKind;
      const text = `SLA missed: ${String(deadline).replace('_', ' ')} for ${c.id} (${c.category}, ${before.triage.tier} tier)`;
      return [{ kind: 'sla_breached', complaintId: c.id, text, at: e.at, deadline }];
    }
    if (e.type === 'escalated') {
      const reason = typeof e.data?.reason === 'string' ? e.data.reason : '';
      return [{ kind: 'escalated', complaintId: c.id, text: `${c.id} escalated by ${e.actor.id}: ${reason}`, at: e.at }];
    }
    return [];
  });
}
