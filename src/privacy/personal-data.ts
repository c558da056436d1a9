/**
 * What erasure keeps of a case: the facts statistics need (category, tier, status, timings, rating score,
 * amounts, merchant and order ids), with the consumer replaced by a pseudonym and everything they wrote, sent
 * or were called removed. Timeline data is kept by allow-list, so a field added later is dropped, not leaked.
 */
import { randomBytes } from 'node:crypto';
import type { Complaint, ConsumerProfile, TimelineEvent } from '../complaints/complaint.types.js';

/** Random, so the pseudonym cannot be computed back from the consumer id (a hash of it could be). */
export function newPseudonym(): string {
  return `erased-${randomBytes(8).toString('hex')}`;
}

/** Timeline `data` strings that are facts of the process, never words of a person. */
const FACT_KEYS = new Set(['from', 'to', 'kind', 'status', 'tier', 'category', 'resolution', 'effect', 'channel', 'outcome', 'level', 'orderId', 'merchantId', 'productId']);

function factsOnly(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!data) return undefined;
  const kept = Object.entries(data).filter(([k, v]) => typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && FACT_KEYS.has(k)));
  return kept.length ? Object.fromEntries(kept) : undefined;
}

export function scrubEvent(e: TimelineEvent, consumerId: string, pseudonym: string): TimelineEvent {
  const actor = e.actor.kind === 'consumer' || e.actor.id === consumerId ? { kind: e.actor.kind, id: pseudonym } : e.actor;
  const data = factsOnly(e.data);
  // An agent's id is kept only for agent actions; `to` of a transfer is an agent id (a fact), never the consumer.
  if (data && data.to === consumerId) data.to = pseudonym;
  return { at: e.at, type: e.type, actor, ...(e.channel ? { channel: e.channel } : {}), ...(data ? { data } : {}) };
}

export function scrubComplaint(c: Complaint, pseudonym: string): Complaint {
  const { timeZone: _tz, consumerName: _name, ...rest } = c;
  return {
    ...rest,
    consumerId: pseudonym,
    address: { channel: c.address.channel, conversationId: pseudonym, userId: pseudonym },
    description: '',
    texts: [],
    // How many photos there were and their types stay (a statistic); names, links and stored copies go.
    evidence: c.evidence.map((a) => ({ kind: a.kind, ...(a.mimeType ? { mimeType: a.mimeType } : {}), ...(a.sizeBytes ? { sizeBytes: a.sizeBytes } : {}) })),
    order: c.order ? { ...c.order, consumerId: null } : c.order,
    proposal: c.proposal ? { ...c.proposal, text: '' } : null,
    rating: c.rating ? { score: c.rating.score, at: c.rating.at } : null,
    // Reasons and emotion cues may quote the consumer's words; the tier, priority and scores stay.
    triage: { ...c.triage, reasons: [], emotion: { ...c.triage.emotion, cues: [] } },
  };
}

export function scrubProfile(p: ConsumerProfile, pseudonym: string): ConsumerProfile {
  return { ...p, consumerId: pseudonym };
}

/** The stored files a case refers to (what erasure deletes from the storage). */
export function storageKeysOf(c: Complaint): string[] {
  return c.evidence.flatMap((a) => (a.storageKey ? [a.storageKey] : []));
}
