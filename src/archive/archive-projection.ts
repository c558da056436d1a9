/**
 * The `archive` side effect: projects each committed change into PostgreSQL — the case at its version, its
 * timeline, the consumer's profile — and records supervisor alerts. Idempotent by (complaint, version): the
 * case row changes only when the incoming version is newer, so a retried or late older change never
 * overwrites a newer one; timeline entries are keyed by their position in the append-only Redis list.
 * The report's daily rollups follow the case row by triggers in the same transaction (migrations/0002_daily_rollup.sql).
 */
import type { ComplaintChangeNotice } from '../complaints/complaint-events.js';
import type { ConsumerProfile, TimelineEvent } from '../complaints/complaint.types.js';
import type { AlertRecord } from '../reports/report.types.js';
import type { ArchiveDb, SqlRunner } from './archive-db.port.js';
import { CASE_COLUMNS, caseRow, deadlineRows } from './archive-case-row.js';

export interface ArchiveSources {
  /** The case's whole timeline as it is now (Redis). */
  timeline(complaintId: string): Promise<TimelineEvent[]>;
  profile(consumerId: string): Promise<ConsumerProfile | null>;
}

const placeholders = CASE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
const updates = CASE_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = EXCLUDED.${c}`).join(', ');
const UPSERT_CASE = `INSERT INTO archive_cases (${CASE_COLUMNS.join(', ')}) VALUES (${placeholders})
  ON CONFLICT (id) DO UPDATE SET ${updates} WHERE archive_cases.version < EXCLUDED.version RETURNING id`;

const INSERT_DEADLINES = `INSERT INTO archive_deadlines (complaint_id, kind, created_at, due_at, met_at, breach_recorded)
  SELECT $1, d->>'kind', $2, (d->>'due_at')::bigint, (d->>'met_at')::bigint, (d->>'breach_recorded')::boolean
  FROM jsonb_array_elements($3::jsonb) AS d`;

const INSERT_EVENTS = `INSERT INTO archive_events (complaint_id, seq, at, type, actor_kind, actor_id, channel, data)
  SELECT $1, (e.n - 1 + $2)::int, (e.v->>'at')::bigint, e.v->>'type', e.v->'actor'->>'kind', e.v->'actor'->>'id', e.v->>'channel', e.v->'data'
  FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(v, n)
  ON CONFLICT (complaint_id, seq) DO NOTHING`;

const UPSERT_PROFILE = `INSERT INTO archive_profiles (consumer_id, locale, last_contact_at, doc) VALUES ($1, $2, $3, $4)
  ON CONFLICT (consumer_id) DO UPDATE SET locale = EXCLUDED.locale, last_contact_at = EXCLUDED.last_contact_at, doc = EXCLUDED.doc`;

export class ArchiveProjection {
  constructor(
    readonly db: ArchiveDb,
    private readonly sources: ArchiveSources,
  ) {}

  /** The side effect registered as `archive` on ComplaintEvents. */
  readonly project = async ({ complaint: c }: ComplaintChangeNotice): Promise<void> => {
    const [timeline, profile] = await Promise.all([this.sources.timeline(c.id), this.sources.profile(c.consumerId)]);
    await this.db.transaction(async (tx) => {
      const newer = await tx.query(UPSERT_CASE, caseRow(c, timeline));
      if (newer.length) {
        await tx.query('INSERT INTO archive_case_docs (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc', [c.id, JSON.stringify(c)]);
        await tx.query('DELETE FROM archive_deadlines WHERE complaint_id = $1', [c.id]);
        await tx.query(INSERT_DEADLINES, [c.id, c.createdAt, JSON.stringify(deadlineRows(c, timeline))]);
      }
      await this.appendTimeline(tx, c.id, timeline);
      if (profile) await tx.query(UPSERT_PROFILE, [profile.consumerId, profile.locale, profile.lastContactAt, JSON.stringify(profile)]);
    });
  };

  /** Records a supervisor alert once under the key it was raised with. */
  async recordAlert(alert: AlertRecord, onceKey: string): Promise<void> {
    await this.db.query('INSERT INTO archive_alerts (once_key, kind, at, doc) VALUES ($1, $2, $3, $4) ON CONFLICT (once_key) DO NOTHING',
      [onceKey, alert.kind, alert.at, JSON.stringify(alert)]);
  }

  /** Only the entries past what the archive holds are sent; the key (complaint, seq) makes a repeat harmless anyway. */
  private async appendTimeline(tx: SqlRunner, id: string, timeline: TimelineEvent[]): Promise<void> {
    const [row] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM archive_events WHERE complaint_id = $1', [id]);
    const have = row?.n ?? 0;
    if (timeline.length > have) await tx.query(INSERT_EVENTS, [id, have, JSON.stringify(timeline.slice(have))]);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
