/**
 * Jobs that carry a consumer's conversation (a pending reminder, a delivery not yet sent) are removed through
 * BullMQ itself, and the queue's event stream forgets their ids (a job id names the conversation).
 */
import { Queue } from 'bullmq';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { QUEUE } from '../queues/queue-names.js';
import { globLiteral, scanKeys } from './redis-scan.js';

interface JobData { address?: { channel?: unknown; conversationId?: unknown }; consumerId?: unknown }

/** Removes every job addressed to one of these chats (reminders, deliveries) or naming the consumer; returns how many. */
export async function removeJobsFor(redis: RedisClient, keys: RedisKeys, consumerId: string, chats: Array<{ channel: string; conversationId: string }>): Promise<number> {
  const ours = (raw: string): boolean => {
    let data: JobData;
    try {
      data = JSON.parse(raw) as JobData;
    } catch {
      return false;
    }
    if (data.consumerId === consumerId) return true;
    return chats.some((c) => data.address?.channel === c.channel && data.address.conversationId === c.conversationId);
  };
  let removed = 0;
  for (const name of Object.values(QUEUE)) {
    const base = `${keys.queue(name)}:${name}:`;
    const ids: string[] = [];
    for (const key of await scanKeys(redis, `${globLiteral(base)}*`)) {
      const id = key.slice(base.length);
      if (id.includes(':') || (await redis.type(key)) !== 'hash') continue; // job hashes only, not `:logs`, `:lock`, lists
      const data = await redis.hget(key, 'data');
      if (data && ours(data)) ids.push(id);
    }
    if (!ids.length) continue;
    const queue = new Queue(name, { connection: redis, prefix: keys.queue(name) });
    try {
      for (const id of ids) await queue.remove(id);
    } finally {
      await queue.close();
    }
    const events = await redis.xrange(`${base}events`, '-', '+');
    const named = events.filter(([, fields]) => fields.some((f) => ids.includes(f))).map(([entryId]) => entryId);
    if (named.length) await redis.xdel(`${base}events`, ...named);
    removed += ids.length;
  }
  return removed;
}
