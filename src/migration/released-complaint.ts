import { COMPLAINT_STATUSES, type Complaint, type TimelineEvent } from '../complaints/complaint.types.js';

/** A released-layout case read back: the current Complaint with its timeline, or why it cannot be moved. */
export type ReleasedCase = { ok: true; complaint: Complaint; timeline: TimelineEvent[] } | { ok: false; reason: string };

/**
 * The released version's Complaint JSON as the current type. The released shape is a subset of today's (every
 * field added since is optional: order facts, time zone, consumer name, merchant requests), so a case written
 * by the released code passes as it is. Older or hand-edited JSON may lack fields; they get honest defaults:
 *
 * - `version` 1: the first version the current code knows (its compare-and-set only needs it to increase).
 * - `assigneeId`, `proposal`, `rating` null; `slaMet` {}: nothing recorded, so nothing is claimed.
 * - `evidence`, `texts` []: no attachment or intake text was kept.
 * - `updatedAt` = `createdAt`: the only time known.
 * - `orderFacts` left out: the platform was never asked (the current code reads absent as "not looked up").
 *
 * What cannot be defaulted without inventing the case (id, status, consumer, address, creation time, triage) makes
 * it a skip with the reason, and its old keys stay.
 */
export function readReleasedCase(id: string, raw: string | null, rawTimeline: string[]): ReleasedCase {
  if (raw === null) return { ok: false, reason: 'the case key is gone (its timeline is left)' };
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'the case is not JSON' };
  }
  const missing = required(v, id);
  if (missing) return { ok: false, reason: missing };
  const timeline: TimelineEvent[] = [];
  for (const [i, r] of rawTimeline.entries()) {
    try {
      timeline.push(JSON.parse(r) as TimelineEvent);
    } catch {
      return { ok: false, reason: `timeline entry ${i} is not JSON` };
    }
  }
  const createdAt = v.createdAt as number;
  const complaint = {
    assigneeId: null, proposal: null, rating: null, slaMet: {}, evidence: [], texts: [], updatedAt: createdAt,
    ...v,
    version: typeof v.version === 'number' && v.version >= 1 ? v.version : 1,
  } as unknown as Complaint;
  return { ok: true, complaint, timeline };
}

function required(v: Record<string, unknown>, id: string): string | null {
  if (v.id !== id) return `the JSON names another id (${String(v.id)})`;
  if (!(COMPLAINT_STATUSES as readonly unknown[]).includes(v.status)) return `unknown status ${String(v.status)}`;
  if (typeof v.consumerId !== 'string' || !v.consumerId) return 'no consumerId';
  if (typeof v.createdAt !== 'number') return 'no createdAt';
  const address = v.address as { channel?: unknown; conversationId?: unknown } | undefined;
  if (typeof address?.channel !== 'string' || typeof address.conversationId !== 'string') return 'no conversation address';
  const triage = v.triage as { priority?: unknown; deadlines?: unknown; tier?: unknown } | undefined;
  if (typeof triage?.priority !== 'number' || !Array.isArray(triage.deadlines) || typeof triage.tier !== 'string') return 'no triage (priority, tier, deadlines)';
  return null;
}
