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

/**
 * A file we still hold a copy of: the consumer's evidence (`evidence`: its position on the complaint) or a file a
 * merchant sent with an answer (`merchant`), stored when the answer came. A merchant file's storage key is its own
 * (merchant/<request>/<uuid>), so the key alone finds it on the answer.
 */
interface KeptFile { key: string; storedAt: number; evidence?: number; merchant?: true }

function kept(c: Complaint): KeptFile[] {
  const evidence = c.evidence.flatMap((a, index) => {
    const key = evidenceKeyOf(a);
    return key ? [{ key, storedAt: storedAt(c, a), evidence: index }] : [];
  });
  const merchant = (c.merchantRequests ?? []).flatMap((r) => (r.answer?.files ?? []).flatMap((f) =>
    f.expired ? [] : [{ key: f.storageKey, storedAt: r.answer!.at, merchant: true as const }]));
  return [...evidence, ...merchant];
}

/** Kept files stored at or before `cutoff`. */
export function dueFiles(c: Complaint, cutoff: number): KeptFile[] {
  return kept(c).filter((f) => f.storedAt <= cutoff);
}

/** When the complaint's oldest kept file was stored, or null when it holds none. */
export function oldestKept(c: Complaint): number | null {
  const times = kept(c).map((f) => f.storedAt);
  return times.length ? Math.min(...times) : null;
}

/**
 * The complaint with its due files marked expired, and one `evidence_expired` event saying how many and why
 * (`merchantFiles`: how many of them the merchant had sent, which agents would otherwise find gone unexplained).
 */
export function expireDue(c: Complaint, cutoff: number, now: number, retentionDays: number): ComplaintChange {
  const files = dueFiles(c, cutoff);
  if (!files.length) return { complaint: c, events: [] };
  const expired = { at: now, afterDays: retentionDays };
  const due = new Set(files.flatMap((f) => (f.evidence === undefined ? [] : [f.evidence])));
  const merchantDue = new Set(files.flatMap((f) => (f.merchant ? [f.key] : [])));
  const evidence = c.evidence.map((a, i) => (due.has(i) ? { ...a, expired } : a));
  const merchantRequests = c.merchantRequests?.map((r) => (r.answer?.files.some((f) => merchantDue.has(f.storageKey))
    ? { ...r, answer: { ...r.answer, files: r.answer.files.map((f) => (merchantDue.has(f.storageKey) ? { ...f, expired } : f)) } }
    : r));
  return {
    complaint: { ...c, evidence, ...(merchantRequests ? { merchantRequests } : {}), updatedAt: now },
    events: [{
      at: now, type: 'evidence_expired', actor: { kind: 'system', id: 'retention' },
      data: { count: files.length, indexes: [...due], ...(merchantDue.size ? { merchantFiles: merchantDue.size } : {}), retentionDays },
    }],
  };
}
