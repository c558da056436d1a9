/** Timeline events → one readable line each, for the case page's full timeline. */
import type { TimelineEvent } from '../../src/complaints/complaint.types.js';

export interface TimelineEntry {
  at: number;
  type: string;
  who: string;
  summary: string;
  /** Internal notes (and the merchant's answer) are shown differently: agents only. */
  internal: boolean;
}

const LABEL: Record<TimelineEvent['type'], string> = {
  created: 'Complaint filed', status_changed: 'Status changed', claimed: 'Claimed', released: 'Released to the queue',
  transferred: 'Transferred', agent_reply: 'Reply to consumer', consumer_message: 'Consumer wrote', internal_note: 'Internal note',
  proposal: 'Resolution proposed', proposal_accepted: 'Consumer accepted the proposal', proposal_rejected: 'Consumer rejected the proposal',
  rated: 'Consumer rated', escalated: 'Escalated', sla_met: 'Deadline met', sla_breached: 'Deadline missed',
  delivery_failed: 'Delivery failed', side_effect_failed: 'Could not complete', attached: 'More details attached', triaged: 'Triaged', evidence_expired: 'Evidence removed',
  merchant_asked: 'Merchant asked', merchant_answered: 'Merchant answered', merchant_late: 'Merchant late', merchant_shared: 'Merchant answer shared with the consumer',
};

function str(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

function detail(e: TimelineEvent, name: (id: string) => string): string {
  const d = e.data ?? {};
  switch (e.type) {
    case 'status_changed': return `${str(d.from)} → ${str(d.to)}${d.note ? ` · ${str(d.note)}` : ''}${d.summary ? ` · ${str(d.summary)}` : ''}`;
    case 'transferred': return `${d.from ? name(str(d.from)) : 'nobody'} → ${name(str(d.to))}`;
    case 'proposal': return `${str(d.resolution)}${Number(d.amount) > 0 ? ` ${str(d.amount)}` : ''}: ${str(d.text)}`;
    case 'triaged': return `${str(d.tier)} tier, priority ${str(d.priority)}`;
    case 'rated': return `${str(d.score)}/5${d.comment ? ` · ${str(d.comment)}` : ''}`;
    case 'sla_met': case 'sla_breached': return str(d.kind).replace('_', ' ');
    case 'escalated': case 'proposal_rejected': return str(d.reason);
    case 'created': return `${str(d.category).replaceAll('_', ' ')}${d.orderId ? ` · order ${str(d.orderId)}` : ''}`;
    case 'attached': return str(d.description);
    case 'delivery_failed': return str(d.error);
    case 'side_effect_failed': return str(d.summary);
    case 'merchant_asked': return `${str(d.question)} · due ${d.dueAt ? new Date(Number(d.dueAt)).toISOString() : '?'}`;
    // The answer itself shows in the Merchant card (with its files); agents only, like the whole timeline.
    case 'merchant_answered': return `${str(d.text)}${Number(d.files) > 0 ? ` · ${str(d.files)} file${d.files === 1 ? '' : 's'}` : ''}${d.late ? ' · after the deadline' : ''}${d.via === 'api' ? ' · via the platform' : ''}`;
    case 'merchant_late': return `no answer to ${str(d.requestId)} by the deadline`;
    case 'merchant_shared': return str(d.requestId);
    case 'evidence_expired': return `${str(d.count)} file${d.count === 1 ? '' : 's'} deleted after ${str(d.retentionDays)} days (retention)${typeof d.merchantFiles === 'number' ? `, ${d.merchantFiles} of them the merchant's` : ''}`;
    default: return str(d.text);
  }
}

export function toTimeline(events: TimelineEvent[], names: ReadonlyMap<string, string>): TimelineEntry[] {
  const name = (id: string) => names.get(id) ?? id;
  return events.map((e) => ({
    at: e.at,
    type: e.type,
    who: e.actor.kind === 'agent' ? name(e.actor.id) : e.actor.kind === 'consumer' ? 'Consumer' : `Redress (${e.actor.id})`,
    summary: `${LABEL[e.type] ?? e.type}${detail(e, name) ? `: ${detail(e, name)}` : ''}`,
    internal: e.type === 'internal_note' || e.type === 'merchant_answered',
  }));
}
