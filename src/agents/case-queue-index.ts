/**
 * The agents' queue, kept in Redis so a page costs the same with 100 open cases as with 10,000: per complaint
 * shard a row per open case, a zset per sort order and a set per filter value and search token (keys:
 * `desk` in src/redis/redis-keys.ts). The `queue-index` side effect writes a case's row after every change;
 * a page asks each of the 16 shards for its next rows after a cursor (one script each, sent together), merges
 * them and reads only those rows. Before this the console read every open case's JSON and stopped at 500.
 */
import { randomUUID } from 'node:crypto';
import { RedressError } from '../errors.js';
import { isOpen } from '../complaints/complaint-state-machine.js';
import type { Complaint } from '../complaints/complaint.types.js';
import type { RedisComplaintStore } from '../complaints/redis-complaint.store.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { loadLua, runLua } from '../redis/lua-script.js';
import { buildQueueRow, filterMembers, safe, searchMembers, sortScores, tokensOf, type QueueFilter, type QueueIndexRow, type QueueSort } from './queue-row.js';

const WRITE = loadLua(new URL('./lua/queue-index-write.lua', import.meta.url));
const PAGE = loadLua(new URL('./lua/queue-index-page.lua', import.meta.url));

/** More search words than this in one query are refused: each is a set to intersect. */
const MAX_QUERY_TOKENS = 8;

export interface QueueQuery {
  filters?: Partial<Record<QueueFilter, string>>;
  /** Complaint number, order number, consumer id or name, or words the consumer wrote; every word must match. */
  search?: string;
  sort?: QueueSort;
  dir?: 'asc' | 'desc';
  /** From the previous page's `next`; absent for the first page. */
  cursor?: string;
  limit?: number;
}

export interface QueuePage {
  rows: QueueIndexRow[];
  /** How many open cases match, over every page. */
  total: number;
  /** Cursor of the following page, or null on the last one. */
  next: string | null;
}

interface Hit { id: string; score: number; shard: number }

export class CaseQueueIndex {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly store: RedisComplaintStore,
  ) {}

  /**
   * Idempotent: writes the case as it is now (read with its timeline), dropped if a newer version is indexed. A case
   * no longer in Redis (only the archive holds it) leaves the index: nothing of it may linger in a row or a word set.
   */
  async write(complaint: Pick<Complaint, 'id'>): Promise<void> {
    const [c, timeline] = await Promise.all([this.store.getHot(complaint.id), this.store.timeline(complaint.id)]);
    if (c) await this.writeRow(c, timeline);
    else await this.remove(complaint.id);
  }

  private async remove(id: string): Promise<void> {
    const n = this.keys.shardOf(id);
    const d = this.keys.desk;
    await runLua(this.redis, WRITE, [d.rows(n), d.versions(n), d.members(n)], [d.prefix(n), id, Number.MAX_SAFE_INTEGER, '0', '', '[]', '[]']);
  }

  private async writeRow(c: Complaint, timeline: Parameters<typeof buildQueueRow>[1]): Promise<void> {
    const n = this.keys.shardOf(c.id);
    const d = this.keys.desk;
    const row = buildQueueRow(c, timeline);
    await runLua(this.redis, WRITE, [d.rows(n), d.versions(n), d.members(n)], [
      d.prefix(n), c.id, c.version, isOpen(c.status) ? '1' : '0', JSON.stringify(row),
      JSON.stringify(sortScores(row)), JSON.stringify([...filterMembers(row), ...searchMembers(c)]),
    ]);
  }

  /** One page of open cases; see QueueQuery. Bad filters, sorts or cursors are `input.invalid`. */
  async page(q: QueueQuery = {}): Promise<QueuePage> {
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
    const dir = q.dir ?? 'desc';
    const sort = q.sort ?? 'priority';
    const cursor = q.cursor ? decodeCursor(q.cursor) : null;
    const terms = q.search ? tokensOf(q.search) : [];
    if (q.search?.trim() && !terms.length) return { rows: [], total: 0, next: null };
    if (terms.length > MAX_QUERY_TOKENS) throw new RedressError('input.invalid', `Search for at most ${MAX_QUERY_TOKENS} words at a time.`);
    const d = this.keys.desk;
    const order = dir === 'desc' ? -1 : 1;
    const rank = (a: Hit, b: Hit) => order * (a.score - b.score) || order * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const ask = async (n: number, after: { score: number; id: string } | null, count: number) => {
      const sets = [
        ...Object.entries(q.filters ?? {}).filter(([, v]) => v).map(([k, v]) => d.filter(n, k, safe(String(v)))),
        ...terms.map((t) => d.term(n, t)),
      ];
      const res = (await runLua(this.redis, PAGE, [d.sort(n, sort), d.scratch(n, randomUUID()), ...sets], [
        dir, after ? String(after.score) : '', after?.id ?? '', count,
      ])) as Array<string | number>;
      const hits: Hit[] = [];
      for (let i = 1; i + 1 < res.length; i += 2) hits.push({ id: String(res[i]), score: Number(res[i + 1]), shard: n });
      return { total: Number(res[0]), hits, more: hits.length > count };
    };
    // Each shard is asked for its share (plus a margin) first: returning rows is what a page's scripts spend
    // their time on. A shard whose whole share made the page may hold more of it, so it is asked again.
    const share = Math.ceil(limit / this.keys.shards().length) + 4;
    const shards = await Promise.all(this.keys.shards().map((n) => ask(n, cursor, share)));
    let merged = shards.flatMap((s) => s.hits).sort(rank);
    for (let round = 0; round < 4; round++) {
      const cut = merged[Math.min(limit, merged.length) - 1];
      const short = shards.filter((s) => s.more && cut && rank(s.hits.at(-1)!, cut) <= 0);
      if (!short.length) break;
      await Promise.all(short.map(async (s) => {
        const again = await ask(s.hits[0]!.shard, s.hits.at(-1)!, limit);
        s.hits.push(...again.hits);
        s.more = again.more;
        merged.push(...again.hits);
      }));
      merged = merged.sort(rank);
    }
    const shown = merged.slice(0, limit);
    const last = shown.at(-1);
    const more = merged.length > limit || shards.some((s) => s.more);
    return {
      rows: await this.rows(shown),
      total: shards.reduce((sum, s) => sum + s.total, 0),
      next: more && last ? encodeCursor(last) : null,
    };
  }

  /** Only the rows of the page, one HMGET per shard that has any. */
  private async rows(hits: Hit[]): Promise<QueueIndexRow[]> {
    const byShard = new Map<number, string[]>();
    for (const h of hits) byShard.set(h.shard, [...(byShard.get(h.shard) ?? []), h.id]);
    const found = new Map<string, QueueIndexRow>();
    await Promise.all([...byShard].map(async ([n, ids]) => {
      const raws = await this.redis.hmget(this.keys.desk.rows(n), ...ids);
      raws.forEach((raw, i) => { if (raw) found.set(ids[i]!, JSON.parse(raw) as QueueIndexRow); });
    }));
    return hits.map((h) => found.get(h.id)).filter((r): r is QueueIndexRow => !!r);
  }

  /**
   * Indexes open cases filed before this index existed (or while its side effect was not registered): each
   * shard's open ids that have no indexed version yet. Safe to run on every start and from several processes.
   */
  async backfill(batch = 200): Promise<number> {
    let written = 0;
    for (const n of this.keys.shards()) {
      const ids = await this.redis.zrange(this.keys.open(n), '0', '-1');
      for (let i = 0; i < ids.length; i += batch) {
        const chunk = ids.slice(i, i + batch);
        const seen = await this.redis.hmget(this.keys.desk.versions(n), ...chunk);
        const missing = chunk.filter((_, j) => !seen[j]);
        await Promise.all(missing.map((id) => this.write({ id })));
        written += missing.length;
      }
    }
    return written;
  }
}

function encodeCursor(h: Hit): string {
  return Buffer.from(JSON.stringify([h.score, h.id])).toString('base64url');
}

function decodeCursor(raw: string): { score: number; id: string } {
  try {
    const [score, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof score === 'number' && Number.isFinite(score) && typeof id === 'string' && id.length <= 64) return { score, id };
  } catch { /* reported below */ }
  throw new RedressError('input.invalid', 'That page cursor is not valid; start again from the first page.');
}
