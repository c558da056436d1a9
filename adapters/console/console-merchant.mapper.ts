/** A case's merchant requests as the case page shows them: the link to pass on, the answer and its files. */
import type { Complaint } from '../../src/complaints/complaint.types.js';
import type { MerchantRequest } from '../../src/merchants/merchant-request.types.js';

/** Where the console serves file `index` of a request's answer (agents with a session only). */
export function merchantFilePath(complaintId: string, requestId: string, index: number): string {
  return `/console/merchant-files/${encodeURIComponent(complaintId)}/${encodeURIComponent(requestId)}/${index}`;
}

export function toMerchantRequests(c: Complaint, link: ((r: MerchantRequest) => string) | null, names: ReadonlyMap<string, string>) {
  return (c.merchantRequests ?? []).map((r) => ({
    id: r.id, question: r.question, askedBy: names.get(r.askedBy) ?? r.askedBy, askedAt: r.askedAt, dueAt: r.dueAt,
    status: r.status, lateAt: r.lateAt ?? null, sharedAt: r.sharedAt ?? null,
    // Only an open request's link is worth passing on; an answered one's page only says so.
    link: r.status === 'open' && link ? link(r) : null,
    answer: r.answer ? {
      text: r.answer.text, at: r.answer.at, via: r.answer.via,
      files: r.answer.files.map((f, i) => ({
        name: f.name, mimeType: f.mimeType, sizeBytes: f.sizeBytes,
        url: f.expired ? null : merchantFilePath(c.id, r.id, i), removedAfterDays: f.expired?.afterDays ?? null,
      })),
    } : null,
  }));
}
