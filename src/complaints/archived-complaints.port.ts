/**
 * What the complaint store reads when Redis no longer holds a case: the archive (src/archive/archive-reader.ts)
 * keeps every case after the eviction sweep removed it from Redis. The store falls back to it in one place, so
 * every reader of a case (status, history, the console, Slack, export) finds an evicted case without knowing.
 *
 * @example
 * const store = new RedisComplaintStore(redis, keys, { archive: new ArchiveReader(db) });
 * await store.get('RD-20260101-0001'); // Redis first, then the archive
 */
import type { Complaint, TimelineEvent } from './complaint.types.js';

export interface ArchivedComplaints {
  /** The case at its latest archived version, or null. */
  complaint(id: string): Promise<Complaint | null>;
  /** The archived cases of `ids` (missing ones left out, any order). */
  complaints(ids: string[]): Promise<Complaint[]>;
  timeline(id: string): Promise<TimelineEvent[]>;
  /** Cases of one consumer or about one order, newest first. */
  search(q: { consumerId?: string; orderId?: string }, limit?: number): Promise<Complaint[]>;
}
