/**
 * What an agent asked a case's merchant, and what came back. Kept on the complaint (`merchantRequests`), so an
 * answer and the deadline timer decide inside the case's own compare-and-set write whether the request is
 * still open: two answers at once cannot both land. No imports, so complaint.types.ts can hold it without a cycle.
 *
 * @example
 * { id: 'RD-20261201-0001.m1', question: 'Photo of the parcel as packed, please', askedBy: 'a-ling',
 *   askedAt: 1764583200000, dueAt: 1764756000000, status: 'open' }
 */
export interface MerchantRequest {
  /** `<complaintId>.m<n>`: names its case, so a link or an API call finds it without another index. */
  id: string;
  question: string;
  askedBy: string;
  askedAt: number;
  dueAt: number;
  status: 'open' | 'answered';
  /** When the deadline timer found it unanswered (the answer may still come, until the link expires). */
  lateAt?: number;
  answer?: MerchantAnswer;
  /** When an agent passed the answer's text on to the consumer. */
  sharedAt?: number;
}

export interface MerchantAnswer {
  text: string;
  files: MerchantFile[];
  at: number;
  /** `page`: through the signed link; `api`: the platform's signed POST. */
  via: 'page' | 'api';
}

/** A file the merchant sent, behind the storage port; agents open it by position, never by key. */
export interface MerchantFile {
  name: string;
  mimeType: string;
  sizeBytes: number;
  storageKey: string;
  /** Deleted by the evidence retention sweep (UPLOAD_RETENTION_DAYS after the answer); the entry stays to say so. */
  expired?: { at: number; afterDays: number };
}
