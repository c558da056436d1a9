/**
 * Pure mapping from core types to what the console shows. The browser gets plain data only and
 * renders it with textContent; the consumer's channel address (and its opaque channelData) stays here.
 */
import type { Agent, Complaint, ConsumerProfile, TimelineEvent } from '../../src/complaints/complaint.types.js';
import { evidenceKeyOf, evidencePath } from '../../src/evidence/evidence-file.js';
import type { Attachment } from '../../src/messages/message.types.js';
import type { SlaDeadline } from '../../src/triage/triage.types.js';

export interface QueueRow {
  id: string;
  category: string;
  status: string;
  tier: string;
  priority: number;
  emotion: { anger: number | null; anxiety: number | null };
  reasons: string[];
  /** Deadlines not yet met, soonest first; the page counts down to `dueAt`. */
  sla: SlaDeadline[];
  assigneeId: string | null;
  assigneeName: string | null;
  orderId: string | null;
  channel: string;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export function pendingDeadlines(c: Complaint): SlaDeadline[] {
  return c.triage.deadlines.filter((d) => c.slaMet[d.kind] === undefined).sort((a, b) => a.dueAt - b.dueAt);
}

export function toQueueRow(c: Complaint, names: ReadonlyMap<string, string>): QueueRow {
  const { anger, anxiety } = c.triage.emotion;
  return {
    id: c.id, category: c.category, status: c.status, tier: c.triage.tier, priority: c.triage.priority,
    emotion: { anger: anger.flagged ? anger.intensity : null, anxiety: anxiety.flagged ? anxiety.intensity : null },
    reasons: c.triage.reasons, sla: pendingDeadlines(c),
    assigneeId: c.assigneeId, assigneeName: c.assigneeId ? (names.get(c.assigneeId) ?? c.assigneeId) : null,
    orderId: c.orderId, channel: c.address.channel, createdAt: c.createdAt, updatedAt: c.updatedAt, version: c.version,
  };
}

/** Highest priority first; among equals the case waiting longest. */
export function byPriority(a: QueueRow, b: QueueRow): number {
  return b.priority - a.priority || a.createdAt - b.createdAt;
}

export interface CaseDetail extends QueueRow {
  description: string;
  desiredResolution: string;
  merchantId: string | null;
  productId: string | null;
  locale: string;
  consumerId: string;
  /** The name the consumer's channel gave (Telegram profile, the shop's signed identity); null when none. */
  consumerName: string | null;
  evidence: EvidenceItem[];
  proposal: Complaint['proposal'];
  rating: Complaint['rating'];
  triage: Complaint['triage'];
}

export function toCaseDetail(c: Complaint, names: ReadonlyMap<string, string>): CaseDetail {
  return {
    ...toQueueRow(c, names),
    description: c.description, desiredResolution: c.desiredResolution,
    merchantId: c.merchantId ?? null, productId: c.productId ?? null, locale: c.locale, consumerId: c.consumerId,
    consumerName: c.consumerName ?? null,
    evidence: c.evidence.map((e, i) => toEvidenceItem(c.id, e, i)),
    proposal: c.proposal, rating: c.rating, triage: c.triage,
  };
}

/** One file the consumer sent, as the case page shows it: a thumbnail, a download, or a note that it was removed. */
export interface EvidenceItem {
  kind: string;
  name: string | null;
  mimeType: string | null;
  /** Our copy, served by the console's evidence route; else an external http(s) link; null when there is nothing to open. */
  url: string | null;
  /** Days after which the retention job removed the file, or null while it is kept. */
  removedAfterDays: number | null;
}

function toEvidenceItem(complaintId: string, e: Attachment, index: number): EvidenceItem {
  const url = e.expired ? null : evidenceKeyOf(e) ? evidencePath(complaintId, index) : safeUrl(e.url);
  return { kind: e.kind, name: e.name ?? null, mimeType: e.mimeType ?? null, url, removedAfterDays: e.expired?.afterDays ?? null };
}

// Only http(s) links are shown as links: a `javascript:` URL in evidence must never become clickable.
function safeUrl(url: string | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

export interface ConversationEntry {
  at: number;
  from: 'consumer' | 'agent';
  who: string;
  text: string;
}

/** What was said to and by the consumer: the original description, their messages, agents' replies. */
export function toConversation(c: Complaint, timeline: TimelineEvent[], names: ReadonlyMap<string, string>): ConversationEntry[] {
  const out: ConversationEntry[] = [];
  const consumer = c.consumerName ?? 'Consumer';
  for (const e of timeline) {
    const text = typeof e.data?.text === 'string' ? e.data.text : null;
    if (e.type === 'created') {
      // What they wrote during intake, in order (their first words, then the description), without repeats.
      const said = Array.isArray(e.data?.texts) ? e.data.texts.filter((x): x is string => typeof x === 'string' && !!x.trim()) : [];
      for (const t of new Set([...said, c.description].filter(Boolean))) out.push({ at: e.at, from: 'consumer', who: consumer, text: t });
    }
    else if (e.type === 'attached' && typeof e.data?.description === 'string') out.push({ at: e.at, from: 'consumer', who: consumer, text: e.data.description });
    else if (e.type === 'consumer_message' && text !== null) out.push({ at: e.at, from: 'consumer', who: consumer, text });
    else if (e.type === 'agent_reply' && text !== null) out.push({ at: e.at, from: 'agent', who: names.get(e.actor.id) ?? e.actor.id, text });
  }
  return out;
}

export interface ConsumerHistory {
  profile: ConsumerProfile | null;
  pastCases: Pick<QueueRow, 'id' | 'category' | 'status' | 'createdAt'>[];
}

export function toHistory(profile: ConsumerProfile | null, cases: Complaint[], currentId: string): ConsumerHistory {
  return {
    profile,
    pastCases: cases.filter((c) => c.id !== currentId).map((c) => ({ id: c.id, category: c.category, status: c.status, createdAt: c.createdAt })),
  };
}

export function agentNames(agents: Agent[]): Map<string, string> {
  return new Map(agents.map((a) => [a.id, a.name]));
}
