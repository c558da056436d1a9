/**
 * Erasure in the archive: the same rewrite as in Redis, in one transaction — case row and document, the
 * whole timeline, the profile under the pseudonym, and alerts that named the consumer.
 */
import type { ArchiveDb } from '../archive/archive-db.port.js';
import type { Complaint, ConsumerProfile, TimelineEvent } from '../complaints/complaint.types.js';
import { ArchiveReader } from '../archive/archive-reader.js';
import { scrubComplaint, scrubEvent, scrubProfile } from './personal-data.js';

const INSERT_EVENTS = `INSERT INTO archive_events (complaint_id, seq, at, type, actor_kind, actor_id, channel, data)
  SELECT $1, (e.n - 1)::int, (e.v->>'at')::bigint, e.v->>'type', e.v->'actor'->>'kind', e.v->'actor'->>'id', e.v->>'channel', e.v->'data'
  FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(v, n)`;

export async function eraseInArchive(db: ArchiveDb, consumerId: string, pseudonym: string, ids: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    const reader = new ArchiveReader(tx);
    for (const id of ids) {
      const [doc] = await tx.query<{ doc: Complaint }>('SELECT doc FROM archive_case_docs WHERE id = $1', [id]);
      if (doc) await tx.query('UPDATE archive_case_docs SET doc = $2 WHERE id = $1', [id, JSON.stringify(scrubComplaint(doc.doc, pseudonym))]);
      await tx.query('UPDATE archive_cases SET consumer_id = $2 WHERE id = $1', [id, pseudonym]);
      const timeline: TimelineEvent[] = await reader.timeline(id);
      await tx.query('DELETE FROM archive_events WHERE complaint_id = $1', [id]);
      if (timeline.length) await tx.query(INSERT_EVENTS, [id, JSON.stringify(timeline.map((e) => scrubEvent(e, consumerId, pseudonym)))]);
    }
    const [profile] = await tx.query<{ doc: ConsumerProfile; locale: string; last: number }>('SELECT doc, locale, last_contact_at::float8 AS last FROM archive_profiles WHERE consumer_id = $1', [consumerId]);
    await tx.query('DELETE FROM archive_profiles WHERE consumer_id = $1', [consumerId]);
    if (profile) {
      await tx.query('INSERT INTO archive_profiles (consumer_id, locale, last_contact_at, doc) VALUES ($1, $2, $3, $4) ON CONFLICT (consumer_id) DO NOTHING',
        [pseudonym, profile.locale, profile.last, JSON.stringify(scrubProfile(profile.doc, pseudonym))]);
    }
    // The id is plain text inside the JSON (ids carry no characters JSON escapes), so a text replace is exact.
    await tx.query("UPDATE archive_alerts SET doc = replace(doc::text, $1, $2)::jsonb WHERE strpos(doc::text, $1) > 0", [consumerId, pseudonym]);
  });
}
