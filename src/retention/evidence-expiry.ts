/** Pure rules of evidence retention: which of a complaint's files are due, and the complaint once they are gone. */
import type { ComplaintChange } from '../complaints/redis-complaint.store.js';
import type { Complaint } from '../complaints/complaint.types.js';
import { evidenceKeyOf } from '../evidence/evidence-file.js';
import type { Attachment } from '../messages/message.types.js';

export const DAY_MS = 86_400_000;

/** When the file was stored; attachments from before `storedAt` existed count from the complaint's creation. */
function storedAt(c: Complaint, a: Attachment): number {
  return a.storedAt ?? c.createdAt;
}

/** Files we still hold a copy of, with their position on the complaint. */
function kept(c: Complaint): Array<{ index: number; key: string; storedAt: number }> {
  return c.evidence.flatMap((a, index) => {
    const key = evidenceKeyOf(a);
    return key ? [{ index, key, storedAt: storedAt(c, a) }] : [];
  });
}

/** Kept files stored at or before `cutoff`. */
export function dueFiles(c: Complaint, cutoff: number): Array<{ index: number; key: string }> {
  return kept(c).filter((f) => f.storedAt <= cutoff);
}

/** When the complaint's oldest kept file was stored, or null when it holds none. */
export function oldestKept(c: Complaint): number | null {
  const times = kept(c).map((f) => f.storedAt);
  return times.length ? Math.min(...times) : null;
}

/** The complaint with its due files marked expired, and one `evidence_expired` event saying how many and why. */
export function expireDue(c: Complaint, cutoff: number, now: number, retentionDays: number): ComplaintChange {
  const due = new Set(dueFiles(c, cutoff).map((f) => f.index));
  if (!due.size) return { complaint: c, events: [] };
  const evidence = c.evidence.map((a, i) => (due.has(i) ? { ...a, expired: { at: now, afterDays: retentionDays } } : a));
  return {
    complaint: { ...c, evidence, updatedAt: now },
    events: [{ at: now, type: 'evidence_expired', actor: { kind: 'system', id: 'retention' }, data: { count: due.size, indexes: [...due], retentionDays } }],
  };
}
