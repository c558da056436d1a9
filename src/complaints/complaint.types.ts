import type { Attachment, ConversationAddress } from '../messages/message.types.js';
import type { MerchantRequest } from '../merchants/merchant-request.types.js';
import type { OrderFacts, OrderFactsStatus } from '../orders/order-facts.js';
import type { Category, DesiredResolution, TriageResult } from '../triage/triage.types.js';

export const COMPLAINT_STATUSES = [
  'intake',
  'queued',
  'claimed',
  'investigating',
  'resolution_proposed',
  'resolved',
  'closed',
  'escalated',
  'in_review',
  'reopened',
  'cancelled',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export type Locale = 'en' | 'zh';

/** Who did something: the consumer, an agent (by id) or Redress itself. */
export interface Actor {
  kind: 'consumer' | 'agent' | 'system';
  id: string;
}

export interface Proposal {
  text: string;
  resolution: DesiredResolution;
  /** Compensation / refund amount in the shop's currency, 0 when none. */
  amount: number;
  proposedBy: string;
  at: number;
}

export interface Rating {
  score: number;
  comment?: string;
  at: number;
}

/** What the consumer filed; the dialog fills it, the core stores it. */
export interface ComplaintDraft {
  category: Category;
  orderId: string | null;
  description: string;
  evidence: Attachment[];
  desiredResolution: DesiredResolution;
  merchantId?: string | null;
  productId?: string | null;
  locale: Locale;
  /** Every message the consumer wrote during intake (for triage). */
  texts: string[];
  /** The consumer asked for a human before finishing the dialog. */
  wantsHuman?: boolean;
  /** The platform's facts about the order (src/orders/), set at submit; null when there are none. */
  order?: OrderFacts | null;
  /** Whether the order's facts were found, and why not (`unavailable`: the platform was slow or down). */
  orderFacts?: { status: OrderFactsStatus; reason?: string };
  /** The consumer's own IANA zone when their channel sent it (the widget); progress updates give times in it. */
  timeZone?: string;
  /** The consumer's display name where the channel gives one (agents only; never logged above debug). */
  consumerName?: string | null;
}

/**
 * A complaint as stored. `version` increases on every change (optimistic concurrency).
 *
 * @example
 * { id: 'RD-20261124-0042', status: 'claimed', assigneeId: 'a-ling', category: 'damaged_in_transit', ... }
 */
export interface Complaint extends ComplaintDraft {
  id: string;
  version: number;
  status: ComplaintStatus;
  consumerId: string;
  address: ConversationAddress;
  triage: TriageResult;
  assigneeId: string | null;
  proposal: Proposal | null;
  rating: Rating | null;
  /** Deadlines met so far (kind → when), so SLA timers know what is still due. */
  slaMet: Partial<Record<string, number>>;
  /** What agents asked the merchant and what came back (src/merchants/); absent on cases that never asked. */
  merchantRequests?: MerchantRequest[];
  createdAt: number;
  updatedAt: number;
}

export type TimelineEventType =
  | 'created'
  | 'status_changed'
  | 'claimed'
  | 'released'
  | 'transferred'
  | 'agent_reply'
  | 'consumer_message'
  | 'internal_note'
  | 'proposal'
  | 'proposal_accepted'
  | 'proposal_rejected'
  | 'rated'
  | 'escalated'
  | 'sla_met'
  | 'sla_breached'
  | 'delivery_failed'
  | 'side_effect_failed'
  | 'attached'
  | 'triaged'
  /** The retention job deleted stored files (data: count, indexes, retentionDays); the attachments stay, marked expired. */
  | 'evidence_expired'
  /** The merchant as a party (src/merchants/): data.requestId on each; the answer stays with the agents unless `merchant_shared`. */
  | 'merchant_asked'
  | 'merchant_answered'
  | 'merchant_late'
  | 'merchant_shared';

/**
 * One append-only timeline entry.
 *
 * @example
 * { at: 1764000000000, type: 'claimed', actor: { kind: 'agent', id: 'a-ling' }, data: { from: 'queued', to: 'claimed' } }
 */
export interface TimelineEvent {
  at: number;
  type: TimelineEventType;
  actor: Actor;
  channel?: string;
  data?: Record<string, unknown>;
}

/** An agent who may act on cases. */
export interface Agent {
  id: string;
  name: string;
  role: 'agent' | 'supervisor';
  /** Largest compensation this agent may propose alone; supervisors too ('unlimited' only when configured so). */
  compensationLimit: number | 'unlimited';
}

/** What a consumer's history tells the next agent. */
export interface ConsumerProfile {
  consumerId: string;
  locale: Locale;
  complaintIds: string[];
  outcomes: Record<string, number>;
  /** What they asked for most: refund, apology, … */
  cares: Record<string, number>;
  lastContactAt: number;
}
