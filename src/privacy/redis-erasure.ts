/**
 * Erasure in Redis: the consumer's cases rewritten in place (pseudonym, no texts, no files), their indexes and
 * profile re-keyed under the pseudonym, and the rest of their keys deleted — submission markers, every key of
 * their conversations (dialog state, link, webchat history, delivery marks), webchat sessions and uploads.
 *
 * The case rewrite is not a complaint change on purpose: a change would notify the consumer and the platform,
 * and the change log only appends, while erasure must rewrite history. The script checks nobody wrote the
 * case meanwhile (retried when someone did), so the scrubbed case never overwrites a newer one.
 */
import { elapsedClock } from '../clock.js';
import type { Complaint, TimelineEvent } from '../complaints/complaint.types.js';
import type { ComplaintChangeNotice } from '../complaints/complaint-events.js';
import { loadLua, runLua } from '../redis/lua-script.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { conversationOf, type ConsumerRecords } from './consumer-records.js';
import { scrubComplaint, scrubEvent, scrubProfile } from './personal-data.js';
import { globLiteral, scanKeys } from './redis-scan.js';

const ERASE_COMPLAINT = loadLua(new URL('./lua/erase-complaint.lua', import.meta.url));
const REPLACE_ENTRIES = loadLua(new URL('./lua/replace-list-entries.lua', import.meta.url));
const MAX_RETRIES = 20;

export interface RedisErasureDeps {
  redis: RedisClient;
  keys: RedisKeys;
}

export async function eraseCaseInRedis(d: RedisErasureDeps, id: string, consumerId: string, pseudonym: string): Promise<boolean> {
  const k = d.keys;
  for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
    const raw = await d.redis.get(k.complaint(id));
    if (!raw) return false;
    const c = JSON.parse(raw) as Complaint;
    const timeline = (await d.redis.lrange(k.timeline(id), 0, -1)).map((e) => JSON.stringify(scrubEvent(JSON.parse(e) as TimelineEvent, consumerId, pseudonym)));
    // Change records of versions whose side effects are still due hold the case as it was: scrub them too.
    const versions = Array.from({ length: c.version }, (_, i) => i + 1);
    const records = await d.redis.mget(...versions.map((v) => k.changeRecord(id, v)));
    const pending = versions.flatMap((v, i) => (records[i] ? [{ key: k.changeRecord(id, v), raw: records[i]! }] : []));
    const scrubbed = pending.map((p) => {
      const n = JSON.parse(p.raw) as ComplaintChangeNotice;
      return JSON.stringify({ ...n, complaint: scrubComplaint(n.complaint, pseudonym), events: n.events.map((e) => scrubEvent(e, consumerId, pseudonym)) });
    });
    const done = await runLua(d.redis, ERASE_COMPLAINT, [k.complaint(id), k.timeline(id), ...pending.map((p) => p.key)],
      // A new version: a writer that read the case before the rewrite then fails its compare-and-set and re-reads
      // the scrubbed case, instead of writing the old texts back under the same version.
      [raw, JSON.stringify({ ...scrubComplaint(c, pseudonym), version: c.version + 1 }), timeline.length, ...timeline, ...scrubbed]);
    if (done === 1) return true;
  }
  throw new Error(`erasure: complaint ${id} kept changing; try again`);
}

/** Indexes and profile move to the pseudonym (the cases still count for the consumer-level statistics). */
export async function rekeyConsumer(d: RedisErasureDeps, rec: ConsumerRecords, consumerId: string, pseudonym: string): Promise<void> {
  const k = d.keys;
  const scored = await d.redis.zrange(k.byConsumer(consumerId), '0', '-1', 'WITHSCORES');
  if (scored.length) await d.redis.zadd(k.byConsumer(pseudonym), ...scored.flatMap((v, i) => (i % 2 ? [] : [scored[i + 1]!, v])));
  if (rec.profile) await d.redis.set(k.consumer(pseudonym), JSON.stringify(scrubProfile(rec.profile, pseudonym)));
  // The archive's cases move to the pseudonym too, so its list keeps asking the archive.
  if (await d.redis.exists(k.archivedByConsumer(consumerId))) await d.redis.set(k.archivedByConsumer(pseudonym), '1');
  const markers = await scanKeys(d.redis, `${globLiteral(k.submission(consumerId, ''))}*`);
  await Promise.all([k.byConsumer(consumerId), k.consumer(consumerId), k.archivedByConsumer(consumerId), ...markers].map((key) => d.redis.del(key)));
}

/**
 * Every key of the consumer's conversations, and the webchat sessions, shop-user links and uploads naming them.
 * Returns how many keys went and the storage keys of those uploads (a photo sent but never attached to a case).
 */
export async function deleteConversations(d: RedisErasureDeps, rec: ConsumerRecords): Promise<{ keys: number; files: string[] }> {
  const k = d.keys;
  const keys: string[] = [];
  const files: string[] = [];
  for (const { channel, conversationId, userId } of rec.conversations) {
    // Every conversation key starts with the conversation's tag (see redis-keys.ts: `P:{v:<channel>:<id>}:…`).
    const tag = k.conversationTag(channel, conversationId);
    keys.push(...(await scanKeys(d.redis, `${globLiteral(tag)}:*`)));
    // A shop-signed widget user is `shop:<shop's id>`; their link from every device to this chat goes too.
    if (channel === 'webchat' && userId.startsWith('shop:')) keys.push(k.webchat.shopUser(userId.slice('shop:'.length)));
  }
  const webchat = new Set(rec.conversations.filter((c) => c.channel === 'webchat').map((c) => c.conversationId));
  if (webchat.size) {
    for (const pattern of [`${globLiteral(k.prefix)}:*:webchat:session`, `${globLiteral(k.prefix)}:*:webchat:upload`, `${globLiteral(k.prefix)}:*:webchat:user`]) {
      for (const key of await scanKeys(d.redis, pattern)) {
        const raw = await d.redis.get(key);
        if (!raw || !(webchat.has(raw) || webchat.has(conversationOf(raw)))) continue;
        keys.push(key);
        if (key.endsWith(':webchat:upload')) files.push((JSON.parse(raw) as { storageKey: string }).storageKey);
      }
    }
  }
  const unique = [...new Set(keys)];
  for (const key of unique) await d.redis.del(key);
  return { keys: unique.length, files };
}

/** Alert-log entries that name the consumer now name the pseudonym. */
export async function pseudonymiseAlerts(d: RedisErasureDeps, consumerId: string, pseudonym: string): Promise<void> {
  const entries = await d.redis.lrange(d.keys.alerts(), 0, -1);
  const pairs = entries.filter((e) => e.includes(consumerId)).flatMap((e) => [e, e.replaceAll(consumerId, pseudonym)]);
  if (pairs.length) await runLua(d.redis, REPLACE_ENTRIES, [d.keys.alerts()], pairs);
}

/** Surge windows count intake messages by `<consumerId>:<at>:<uuid>` until there is a case: the pseudonym takes over. */
export async function pseudonymiseSurgeMembers(d: RedisErasureDeps, consumerId: string, pseudonym: string): Promise<void> {
  for (const key of await scanKeys(d.redis, `${globLiteral(d.keys.prefix)}:{s:*}:surge`)) {
    const scored = await d.redis.zrange(key, '0', '-1', 'WITHSCORES');
    for (let i = 0; i < scored.length; i += 2) {
      const member = scored[i]!;
      if (!member.startsWith(`${consumerId}:`)) continue;
      await d.redis.multi().zrem(key, member).zadd(key, scored[i + 1]!, `${pseudonym}${member.slice(consumerId.length)}`).exec();
    }
  }
}

/**
 * Waits (bounded) until the cases' change records are gone, i.e. every side effect of their changes ran. A
 * projection that read a record before the rewrite could otherwise put the old case back into the archive
 * after erasure rewrote it there; records still pending at the timeout were scrubbed, so later runs are harmless.
 */
export async function settleChanges(d: RedisErasureDeps, cases: Array<{ id: string; version: number }>, timeoutMs = 10_000): Promise<boolean> {
  const keys = cases.flatMap((c) => Array.from({ length: c.version }, (_, i) => d.keys.changeRecord(c.id, i + 1)));
  const deadline = elapsedClock() + timeoutMs;
  for (;;) {
    const left = keys.length ? (await d.redis.mget(...keys)).filter(Boolean).length : 0;
    if (!left) return true;
    if (elapsedClock() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}
