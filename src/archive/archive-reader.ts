/**
 * Reads cases back out of the archive: one case with its timeline, a consumer's cases and profile, and a
 * search by the facts agents look cases up by. What the console falls back to for cases Redis no longer
 * holds; every value comes back as it was stored in Redis (the contract test compares them).
 */
import type { Complaint, ComplaintStatus, ConsumerProfile, TimelineEvent } from '../complaints/complaint.types.js';
import type { ArchivedComplaints } from '../complaints/archived-complaints.port.js';
import type { SqlRunner } from './archive-db.port.js';

export interface ArchiveSearch {
  consumerId?: string;
  orderId?: string;
  merchantId?: string;
  productId?: string;
  status?: ComplaintStatus;
  /** Created in [createdFrom, createdTo), epoch ms. */
  createdFrom?: number;
  createdTo?: number;
}

/** Search results are newest first, at most this many unless asked for fewer. */
export const ARCHIVE_SEARCH_MAX = 200;

interface EventRow { at: number; type: TimelineEvent['type']; actor_kind: TimelineEvent['actor']['kind']; actor_id: string; channel: string | null; data: Record<string, unknown> | null }

const FILTERS: Array<[keyof ArchiveSearch, string]> = [
  ['consumerId', 'c.consumer_id = '], ['orderId', 'c.order_id = '], ['merchantId', 'c.merchant_id = '], ['productId', 'c.product_id = '],
  ['status', 'c.status = '], ['createdFrom', 'c.created_at >= '], ['createdTo', 'c.created_at < '],
];

export class ArchiveReader implements ArchivedComplaints {
  constructor(private readonly db: SqlRunner) {}

  /** The case at its latest archived version, or null. */
  async complaint(id: string): Promise<Complaint | null> {
    const [row] = await this.db.query<{ doc: Complaint }>('SELECT doc FROM archive_case_docs WHERE id = $1', [id]);
    return row?.doc ?? null;
  }

  /** The archived cases of `ids`, in no particular order; ids it does not hold are left out. */
  async complaints(ids: string[]): Promise<Complaint[]> {
    if (!ids.length) return [];
    const rows = await this.db.query<{ doc: Complaint }>('SELECT doc FROM archive_case_docs WHERE id = ANY($1::text[])', [ids]);
    return rows.map((r) => r.doc);
  }

  /** What the archive holds of a case: its version and how many timeline entries (the eviction sweep compares both with Redis). */
  async holding(id: string): Promise<{ version: number; events: number } | null> {
    const [row] = await this.db.query<{ version: number; events: number }>(
      'SELECT version, (SELECT count(*) FROM archive_events WHERE complaint_id = $1)::int AS events FROM archive_cases WHERE id = $1', [id]);
    return row ?? null;
  }

  /** The whole archived timeline, in the order it was written. */
  async timeline(id: string): Promise<TimelineEvent[]> {
    const rows = await this.db.query<EventRow>(
      'SELECT at::float8 AS at, type, actor_kind, actor_id, channel, data FROM archive_events WHERE complaint_id = $1 ORDER BY seq', [id]);
    return rows.map((r) => ({
      at: r.at, type: r.type, actor: { kind: r.actor_kind, id: r.actor_id },
      ...(r.channel !== null ? { channel: r.channel } : {}), ...(r.data !== null ? { data: r.data } : {}),
    }));
  }

  async profile(consumerId: string): Promise<ConsumerProfile | null> {
    const [row] = await this.db.query<{ doc: ConsumerProfile }>('SELECT doc FROM archive_profiles WHERE consumer_id = $1', [consumerId]);
    return row?.doc ?? null;
  }

  /** A consumer's cases, newest first (the console's "consumer history"). */
  listByConsumer(consumerId: string, limit = 20): Promise<Complaint[]> {
    return this.search({ consumerId }, limit);
  }

  /** Cases matching every given fact, newest first; no fact given matches every case. */
  async search(q: ArchiveSearch, limit = ARCHIVE_SEARCH_MAX): Promise<Complaint[]> {
    const params: unknown[] = [];
    const where = FILTERS.filter(([k]) => q[k] !== undefined).map(([k, sql]) => { params.push(q[k]); return `${sql}$${params.length}`; });
    params.push(Math.max(1, Math.min(limit, ARCHIVE_SEARCH_MAX)));
    const rows = await this.db.query<{ doc: Complaint }>(`SELECT d.doc FROM archive_cases c JOIN archive_case_docs d USING (id)
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.created_at DESC, c.id DESC LIMIT $${params.length}`, params);
    return rows.map((r) => r.doc);
  }
}
