/**
 * Where a consumer's data is: their cases (Redis indexes and profile, and the archive, closed cases too) and
 * the conversations those cases came from (each case's `address`). Export and erasure both start here.
 */
import { ArchiveReader } from '../archive/archive-reader.js';
import type { SqlRunner } from '../archive/archive-db.port.js';
import type { ConsumerProfileStore } from '../complaints/consumer-profile.store.js';
import type { Complaint, ConsumerProfile, TimelineEvent } from '../complaints/complaint.types.js';
import type { RedisComplaintStore } from '../complaints/redis-complaint.store.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { globLiteral, scanKeys } from './redis-scan.js';

export interface PrivacySources {
  redis: RedisClient;
  keys: RedisKeys;
  store: RedisComplaintStore;
  profiles: ConsumerProfileStore;
  archive?: SqlRunner | null;
}

export interface ConsumerCase {
  complaint: Complaint;
  timeline: TimelineEvent[];
  /** Redis holds hot cases; one that left Redis is read from the archive. */
  source: 'redis' | 'archive';
}

export interface ConsumerRecords {
  profile: ConsumerProfile | null;
  /** The profile as archived, when the archive is on (it may be all that is left). */
  archivedProfile: ConsumerProfile | null;
  cases: ConsumerCase[];
  /** Ids of the cases the archive holds for this consumer (erasure rewrites them there too). */
  archivedIds: string[];
  conversations: Array<{ channel: string; conversationId: string; userId: string }>;
}

export async function findConsumerRecords(src: PrivacySources, consumerId: string): Promise<ConsumerRecords> {
  const reader = src.archive ? new ArchiveReader(src.archive) : null;
  const [profile, indexed, archived, archivedProfile] = await Promise.all([
    src.profiles.get(consumerId),
    src.redis.zrange(src.keys.byConsumer(consumerId), '0', '-1'),
    src.archive ? src.archive.query<{ id: string }>('SELECT id FROM archive_cases WHERE consumer_id = $1 ORDER BY created_at', [consumerId]) : [],
    reader ? reader.profile(consumerId) : null,
  ]);
  const archivedIds = archived.map((r) => r.id);
  const ids = [...new Set([...indexed, ...(profile?.complaintIds ?? []), ...archivedIds])];
  const cases: ConsumerCase[] = [];
  for (const id of ids) {
    const hot = await src.store.getHot(id);
    // An id in a profile is only a hint: the case must still be this consumer's.
    if (hot?.consumerId === consumerId) {
      cases.push({ complaint: hot, timeline: await src.store.timeline(id), source: 'redis' });
      continue;
    }
    const cold = archivedIds.includes(id) && reader ? await reader.complaint(id) : null;
    if (cold?.consumerId === consumerId) cases.push({ complaint: cold, timeline: await reader!.timeline(id), source: 'archive' });
  }
  const conversations = new Map<string, ConsumerRecords['conversations'][number]>();
  const add = (channel: string, conversationId: string, userId: string) => conversations.set(`${channel}\u0000${conversationId}`, { channel, conversationId, userId });
  for (const { complaint: c } of cases) add(c.address.channel, c.address.conversationId, c.address.userId);
  for (const c of await chatsWithoutCase(src, consumerId)) add(c.channel, c.conversationId, c.userId);
  return { profile, archivedProfile, cases, archivedIds, conversations: [...conversations.values()] };
}

/**
 * Chats found from the consumer id alone (`<channel>:<user id>`), so an intake abandoned before any case is
 * found too: a private chat whose id is the user's (Telegram), and a shop-signed widget user's chat.
 */
async function chatsWithoutCase(src: PrivacySources, consumerId: string): Promise<Array<{ channel: string; conversationId: string; userId: string }>> {
  const at = consumerId.indexOf(':');
  if (at <= 0 || at === consumerId.length - 1) return [];
  const channel = consumerId.slice(0, at);
  const userId = consumerId.slice(at + 1);
  const ids = [userId];
  if (channel === 'webchat' && userId.startsWith('shop:')) {
    const linked = await src.redis.get(src.keys.webchat.shopUser(userId.slice('shop:'.length)));
    if (linked) ids.push(linked);
  }
  const found = [];
  for (const conversationId of ids) {
    const tag = src.keys.conversationTag(channel, conversationId);
    if ((await scanKeys(src.redis, `${globLiteral(tag)}:*`)).length) found.push({ channel, conversationId, userId });
  }
  return found;
}

/** The `conversationId` of a session or upload record (JSON); '' for anything else (a shop-user link is the bare id). */
export function conversationOf(raw: string): string {
  try {
    const v = JSON.parse(raw) as { conversationId?: unknown } | null;
    return typeof v?.conversationId === 'string' ? v.conversationId : '';
  } catch {
    return '';
  }
}
