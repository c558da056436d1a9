/**
 * What the platform hears: a committed change's timeline events, mapped to outgoing case events. Pure: the
 * same change always maps to the same events with the same ids, so a change re-run by the change log
 * enqueues nothing new (ids are `<complaintId>:<version>:<n>`, n counting the change's mapped events).
 */
import type { ComplaintChangeNotice } from '../complaints/complaint-events.js';
import type { Complaint, TimelineEvent } from '../complaints/complaint.types.js';
import type { MerchantRequest } from '../merchants/merchant-request.types.js';

export const CASE_EVENT_TYPES = [
  'complaint.created', 'complaint.claimed', 'complaint.status_changed', 'complaint.proposal_made',
  'complaint.proposal_accepted', 'complaint.proposal_rejected', 'complaint.resolved', 'complaint.rated',
  'complaint.sla_breached', 'complaint.escalated', 'merchant.asked', 'merchant.answered', 'merchant.late',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/**
 * One outgoing event, exactly as POSTed.
 *
 * @example
 * { id: 'RD-20261201-0001:3:0', type: 'complaint.claimed', occurredAt: '2026-12-01T10:00:00.000Z',
 *   complaint: { id: 'RD-20261201-0001', number: 'RD-20261201-0001', status: 'claimed', category: 'damaged_in_transit',
 *                tier: 'medium', priority: 62, orderId: 'A12345678', merchantId: 'm-lumen' } }
 */
export interface CaseEvent {
  id: string;
  type: CaseEventType;
  occurredAt: string;
  complaint: {
    id: string;
    number: string;
    status: string;
    category: string;
    tier: string;
    priority: number;
    orderId: string | null;
    merchantId: string | null;
  };
  /**
   * On `merchant.*` events: the request. `link` (on `merchant.asked`, null without MERCHANT_LINK_SECRET) is the
   * signed page the merchant answers on, for a platform that forwards it; the answer's text and files are never sent.
   */
  merchantRequest?: { id: string; question: string; dueAt: string; link?: string | null };
}

/** A case event with its place in the complaint's stream: `seq` orders every event of one complaint. */
export interface QueuedCaseEvent {
  seq: number;
  event: CaseEvent;
}

const DIRECT: Partial<Record<TimelineEvent['type'], CaseEventType>> = {
  created: 'complaint.created',
  claimed: 'complaint.claimed',
  proposal: 'complaint.proposal_made',
  proposal_accepted: 'complaint.proposal_accepted',
  proposal_rejected: 'complaint.proposal_rejected',
  rated: 'complaint.rated',
  sla_breached: 'complaint.sla_breached',
  escalated: 'complaint.escalated',
  merchant_asked: 'merchant.asked',
  merchant_answered: 'merchant.answered',
  merchant_late: 'merchant.late',
};

/** Events per change are far fewer than this; it spaces versions in the per-complaint order. */
const PER_VERSION = 1000;

function typesOf(e: TimelineEvent): CaseEventType[] {
  if (e.type === 'status_changed') return e.data?.to === 'resolved' ? ['complaint.status_changed', 'complaint.resolved'] : ['complaint.status_changed'];
  const t = DIRECT[e.type];
  return t ? [t] : [];
}

function snapshot(c: Complaint): CaseEvent['complaint'] {
  return {
    id: c.id, number: c.id, status: c.status, category: c.category, tier: c.triage.tier, priority: c.triage.priority,
    orderId: c.orderId ?? null, merchantId: c.merchantId ?? null,
  };
}

/** The request a `merchant.*` event is about, with its link on `merchant.asked` (derived, never stored). */
function merchantRequestOf(c: Complaint, e: TimelineEvent, type: CaseEventType, link?: MerchantLinkOf): CaseEvent['merchantRequest'] {
  const r = c.merchantRequests?.find((x) => x.id === e.data?.requestId);
  if (!type.startsWith('merchant.') || !r) return undefined;
  const base = { id: r.id, question: r.question, dueAt: new Date(r.dueAt).toISOString() };
  return type === 'merchant.asked' ? { ...base, link: link?.(r) ?? null } : base;
}

/** Builds a request's signed answer link (src/merchants/merchant-link.ts); null when links are off. */
export type MerchantLinkOf = (r: MerchantRequest) => string | null;

export function caseEventsOf(n: ComplaintChangeNotice, merchantLink?: MerchantLinkOf): QueuedCaseEvent[] {
  const c = n.complaint;
  const types = n.events.flatMap((e) => typesOf(e).map((type) => ({ type, at: e.at, e })));
  return types.map(({ type, at, e }, i) => {
    const merchantRequest = merchantRequestOf(c, e, type, merchantLink);
    return {
      seq: c.version * PER_VERSION + i,
      event: { id: `${c.id}:${c.version}:${i}`, type, occurredAt: new Date(at).toISOString(), complaint: snapshot(c), ...(merchantRequest ? { merchantRequest } : {}) },
    };
  });
}
