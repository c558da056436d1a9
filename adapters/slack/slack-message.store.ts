import { createHash } from 'node:crypto';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { SlackKeys } from './slack.keys.js';

const YEAR_S = 365 * 24 * 3600;

/**
 * KEYS[1] = P:slack:ver:<complaintId>; ARGV[1] = version to show, ARGV[2] = ttl seconds.
 * Returns 1 (and records it) when ARGV[1] is not older than what the message shows, else 0.
 */
const NEWER_LUA = `local v = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) < v then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1`;
const ECHO_S = 60;

export interface MessageRef {
  channel: string;
  ts: string;
}

/** Where each case's Slack message is, both ways (see slack.keys.ts). */
export class SlackMessageStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: SlackKeys,
  ) {}

  async get(complaintId: string): Promise<MessageRef | null> {
    const raw = await this.redis.get(this.keys.message(complaintId));
    return raw ? (JSON.parse(raw) as MessageRef) : null;
  }

  async save(complaintId: string, ref: MessageRef): Promise<void> {
    // Two slots (the case's shard, the thread's tag): the thread first, so a message that can be found
    // always leads back to its case; both writes are idempotent and a failed save is retried whole.
    await this.redis.set(this.keys.thread(ref.channel, ref.ts), complaintId, 'EX', YEAR_S);
    await this.redis.set(this.keys.message(complaintId), JSON.stringify(ref), 'EX', YEAR_S);
  }

  async complaintAt(channel: string, ts: string): Promise<string | null> {
    return this.redis.get(this.keys.thread(channel, ts));
  }

  /** Changes fan out from several processes; a late render of an older version must not overwrite a newer one. */
  async claimRender(complaintId: string, version: number): Promise<boolean> {
    return (await this.redis.eval(NEWER_LUA, 1, this.keys.version(complaintId), String(version), String(YEAR_S))) === 1;
  }

  /** True the first time an Events API delivery is seen; false for Slack's retries of it. */
  async firstDelivery(eventId: string): Promise<boolean> {
    return (await this.redis.set(this.keys.event(eventId), '1', 'EX', 3600, 'NX')) === 'OK';
  }

  /** Marks a reply that came from Slack, so caseUpdated doesn't post it into the thread a second time. */
  async markEcho(complaintId: string, text: string): Promise<void> {
    await this.redis.set(this.keys.echo(complaintId, hash(text)), '1', 'EX', ECHO_S);
  }

  /** True (once) when this reply came from Slack. */
  async takeEcho(complaintId: string, text: string): Promise<boolean> {
    return (await this.redis.del(this.keys.echo(complaintId, hash(text)))) === 1;
  }
}

function hash(text: string): string {
  return createHash('sha1').update(text.trim()).digest('hex');
}
