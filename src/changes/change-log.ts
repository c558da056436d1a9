import type { ComplaintChangeNotice } from '../complaints/complaint-events.js';
import { outboxMember } from '../complaints/redis-complaint.store.js';
import { loadLua, runLua } from '../redis/lua-script.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';

const CLAIM = loadLua(new URL('./lua/claim-due-changes.lua', import.meta.url));
const SETTLE = loadLua(new URL('./lua/settle-change.lua', import.meta.url));
const PROGRESS_TTL_S = 7 * 86_400;

/** A change a worker has leased: its record, the side effects already done, and how often it was tried. */
export interface DueChange {
  id: string;
  version: number;
  /** Null when the record is gone (settled meanwhile by another process): only the outbox entry is left. */
  notice: ComplaintChangeNotice | null;
  done: Set<string>;
  attempts: number;
  /** The previous version's side effects are not all done yet: this one must wait (order per case). */
  previousPending: boolean;
}

/**
 * The change log's outbox in Redis: one per complaint shard, `P:{c<n>}:outbox` (zset of `<id>|<version>` by due
 * time) beside each change's record `P:{c<n>}:chg:<id>:<version>`, both written by the complaint store in the
 * same script as the change. Workers lease due changes from every shard, run what is not done yet, and settle
 * them (done, or due again later).
 */
export class RedisChangeLog {
  constructor(private readonly redis: RedisClient, private readonly keys: RedisKeys) {}

  /** Up to `limit` due changes from each shard's outbox (the shards are claimed together, one script each). */
  async claimDue(now: number, leaseMs: number, limit: number): Promise<DueChange[]> {
    const perShard = await Promise.all(this.keys.shards().map((n) =>
      runLua(this.redis, CLAIM, [this.keys.outbox(n)], [now, leaseMs, limit, this.keys.changeRecordPrefix(n)]) as Promise<unknown[]>));
    return perShard.flatMap((flat) => parseClaimed(flat));
  }

  /** Every side effect is done: the change leaves the log. */
  async complete(id: string, version: number): Promise<void> {
    await this.settle(id, version, '', 0, []);
  }

  /** Not finished: due again at `dueAt`, remembering which side effects are done and how many attempts were made. */
  async retryAt(id: string, version: number, dueAt: number, attempts: number, done: string[]): Promise<void> {
    await this.settle(id, version, String(dueAt), attempts, done);
  }

  /** How many changes are waiting for their side effects (all processes, every shard). */
  async pending(): Promise<number> {
    const counts = await Promise.all(this.keys.shards().map((n) => this.redis.zcard(this.keys.outbox(n))));
    return counts.reduce((a, b) => a + b, 0);
  }

  private async settle(id: string, version: number, dueAt: string, attempts: number, done: string[]): Promise<void> {
    const k = this.keys;
    await runLua(this.redis, SETTLE, [k.outbox(k.shardOf(id)), k.changeRecord(id, version), k.changeProgress(id, version)],
      [outboxMember(id, version), dueAt, attempts, PROGRESS_TTL_S, ...done]);
  }
}

function parseClaimed(flat: unknown[]): DueChange[] {
  const out: DueChange[] = [];
  for (let i = 0; i < flat.length; i += 4) {
    const member = String(flat[i]);
    const sep = member.lastIndexOf('|');
    const progress = pairs(flat[i + 2] as string[] | null);
    out.push({
      id: member.slice(0, sep),
      version: Number(member.slice(sep + 1)),
      notice: flat[i + 1] ? (JSON.parse(String(flat[i + 1])) as ComplaintChangeNotice) : null,
      done: new Set([...progress.keys()].filter((k) => k.startsWith('done:')).map((k) => k.slice(5))),
      attempts: Number(progress.get('attempts') ?? 0),
      previousPending: Number(flat[i + 3]) === 1,
    });
  }
  return out;
}

function pairs(flat: string[] | null): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; flat && i + 1 < flat.length; i += 2) m.set(flat[i]!, flat[i + 1]!);
  return m;
}
