/**
 * Eviction to the archive, for every archive engine: a closed case leaves Redis (every key and index entry of it)
 * once the archive holds it, is still found by every read path (the consumer's /status, the console's case page and
 * history, export, Slack's earlier complaints, erasure), comes back into Redis when it changes again (a supervisor
 * reopen, a consumer's low rating), and a sweep that dies mid-way finishes on its next run.
 */
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../src/archive/archive-db.port.js';
import { ArchiveEviction } from '../../src/archive/archive-eviction.js';
import { ArchiveProjection } from '../../src/archive/archive-projection.js';
import { ArchiveReader } from '../../src/archive/archive-reader.js';
import { PgArchiveDb } from '../../src/archive/pg-archive-db.js';
import type { Complaint } from '../../src/complaints/complaint.types.js';
import { RedisComplaintStore } from '../../src/complaints/redis-complaint.store.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import { silentLogger } from '../../src/logging/logger.js';
import { utcDay } from '../../src/redis/redis-keys.js';
import { SlackMessageStore } from '../../adapters/slack/slack-message.store.js';
import { slackKeys } from '../../adapters/slack/slack.keys.js';
import { AgentClient } from '../adapters/console/console-client.js';
import { draft } from '../complaints/core-fixture.js';
import { TestRedis } from '../helpers/redis-server.js';
import { consumer, eventually, fileComplaint, startTestApp, type TestApp } from '../helpers/test-app.js';
import type { ArchiveEngine } from './archive.contract.js';

const DAY = 86_400_000;
const SLACK_CHANNEL = 'CQUEUE01';
/** A Slack message ts of the case's own (the thread key names no case, so each case needs its own ts). */
const slackTs = (c: Complaint) => `1764000000.${String(c.createdAt % 1_000_000).padStart(6, '0')}`;
const AGENTS = JSON.stringify([
  { id: 'a-sup', name: 'Sue', role: 'supervisor', compensationLimit: 1000, password: 'pw-sup-12345' },
  { id: 'a-ann', name: 'Ann', role: 'agent', compensationLimit: 500, password: 'pw-ann-12345' },
]);

export function evictionContract(name: string, engine: () => ArchiveEngine): void {
  describe(`archive eviction: ${name}`, () => {
    const redis = new TestRedis();
    let e: ArchiveEngine;
    let t: TestApp;
    let db: ArchiveDb;
    let sue: AgentClient;

    beforeAll(async () => {
      e = engine();
      await redis.start();
      // ARCHIVE_AFTER_DAYS=0: the app's own sweep stays off; each test runs one with its clock 91 days ahead.
      t = await startTestApp(redis.url, { ...(await e.appEnv()), AGENTS, ARCHIVE_AFTER_DAYS: '0' });
      db = t.app.core.archive!.db;
      sue = await AgentClient.login(`http://127.0.0.1:${(t.app.http.server.address() as AddressInfo).port}`, 'a-sup', 'pw-sup-12345');
    }, 120_000);
    afterAll(async () => {
      await t?.app.close();
      await redis.destroy();
      await e?.teardown();
    });

    const sweeper = (over: ArchiveDb = db, days = 91, conn: RedisClient = t.app.core.redis) => new ArchiveEviction({
      redis: conn, keys: t.app.core.keys, reader: new ArchiveReader(over),
      store: conn === t.app.core.redis ? t.app.core.store : new RedisComplaintStore(conn, t.app.core.keys, { archive: new ArchiveReader(over) }),
      projection: new ArchiveProjection(over, { timeline: (id) => t.app.core.store.timeline(id), profile: (id) => t.app.core.profiles.get(id) }),
      afterDays: 90, logger: silentLogger, now: () => Date.now() + days * DAY, batchSize: 7,
    });
    const hot = (id: string) => t.app.core.redis.exists(t.app.core.keys.complaint(id));
    const settled = async (c: Complaint) => {
      const k = t.app.core.keys;
      await eventually(async () => (await new ArchiveReader(db).holding(c.id))?.version === c.version
        && (await t.app.core.redis.zscore(k.outbox(k.shardOf(c.id)), `${c.id}|${c.version}`)) === null, `${c.id} v${c.version} archived and settled`);
    };
    /** A case filed through the service, claimed and resolved by Ann: what most evicted cases look like. */
    const resolvedCase = async (who = consumer(t), orderId = `B${String(Date.now()).slice(-8)}`) => {
      const { complaint } = await t.app.core.complaints.submit(who.address, who.consumerId, draft({ orderId, merchantId: 'm-evict' }));
      await t.app.core.agentOps.claim('a-ann', complaint.id);
      const done = await t.app.core.agentOps.resolve('a-ann', complaint.id, 'Refunded in full.');
      await settled(done);
      return done;
    };
    /** Every place under the prefix that still names the case: key names, and members of the indexes and queue index. */
    const tracesInRedis = async (c: Complaint): Promise<string[]> => {
      const r = t.app.core.redis;
      const k = t.app.core.keys;
      const n = k.shardOf(c.id);
      // Keys outside the case that merely name it end on their own well before ARCHIVE_AFTER_DAYS: delivery marks
      // of the chat (7-day TTL) and queue jobs (BullMQ removes them by age, 7 days at most). Everything else counts.
      const named = (await r.keys(`${t.prefix}:*`)).filter((key) => key.includes(c.id));
      const ttls = await Promise.all(named.map((key) => r.ttl(key)));
      const keys = named.filter((key, i) => !key.includes('{bullmq:') && !(ttls[i]! > 0 && ttls[i]! <= 7 * 86_400));
      const members: Array<[string, Promise<unknown>]> = [
        ['consumer index', r.zscore(k.byConsumer(c.consumerId), c.id)], ['order index', r.sismember(k.byOrder(c.orderId!), c.id).then((x) => x || null)],
        ['merchant index', r.zscore(k.byMerchant('m-evict'), c.id)], ['created index', r.zscore(k.created(utcDay(c.createdAt)), c.id)],
        ['status set', r.sismember(k.byStatus(c.status, n), c.id).then((x) => x || null)], ['open zset', r.zscore(k.open(n), c.id)],
        ['queue rows', r.hget(k.desk.rows(n), c.id)], ['queue versions', r.hget(k.desk.versions(n), c.id)], ['pending eviction', r.hget(k.eviction.pending(), c.id)],
        // The thread key is named by its channel and ts, not the case: found by what it holds.
        ['slack thread', r.get(k.slack.thread(SLACK_CHANNEL, slackTs(c))).then((x) => (x === c.id ? x : null))],
      ];
      const found = await Promise.all(members.map(async ([what, p]) => ((await p) === null ? null : what)));
      return [...keys, ...found.filter((x): x is string => x !== null)];
    };

    it('keeps a closed case until ARCHIVE_AFTER_DAYS have passed, then removes every trace of it from Redis; a second sweep finds nothing', async () => {
      const c = await resolvedCase();
      // The case as Slack's workspace leaves it (a year-long message ref both ways, and the version it showed),
      // written by the adapter's own store: eviction must take these too.
      const slack = new SlackMessageStore(t.app.core.redis, slackKeys(t.app.core.keys));
      await slack.save(c.id, { channel: SLACK_CHANNEL, ts: slackTs(c) });
      await slack.claimRender(c.id, c.version);
      expect((await sweeper(db, 89).sweep()).evicted).toBe(0);
      expect(await hot(c.id)).toBe(1);
      expect(await tracesInRedis(c)).not.toEqual([]);
      const first = await sweeper().sweep();
      expect(first.evicted).toBeGreaterThanOrEqual(1);
      expect(await tracesInRedis(c)).toEqual([]);
      expect(await sweeper().sweep()).toMatchObject({ skipped: false, evicted: 0, resumed: 0 });
    });

    it('keeps open and reopened cases however old, and a closed case whose side effects are still due', async () => {
      const who = consumer(t);
      const open = (await t.app.core.complaints.submit(who.address, who.consumerId, draft({ orderId: 'B30000001' }))).complaint;
      const reopened = await resolvedCase();
      const back = await t.app.core.agentOps.reopen('a-sup', reopened.id, 'The refund never arrived.');
      await settled(back);
      const pending = await resolvedCase();
      // A change whose side effects are not all done is in the shard's outbox (as when a workspace keeps failing).
      const k = t.app.core.keys;
      await t.app.core.redis.zadd(k.outbox(k.shardOf(pending.id)), Date.now() + 3_600_000, `${pending.id}|${pending.version}`);
      await sweeper().sweep();
      for (const id of [open.id, reopened.id, pending.id]) expect(await hot(id)).toBe(1);
      await t.app.core.redis.zrem(k.outbox(k.shardOf(pending.id)), `${pending.id}|${pending.version}`);
      await sweeper().sweep();
      expect(await hot(pending.id)).toBe(0);
    });

    it('never evicts what the archive has not got: an unreachable archive keeps the case; a lagging one is brought up to date first', async () => {
      const c = await resolvedCase();
      // A timeline entry written after the last change (as the change log's failure note is) is not in the archive yet.
      await t.app.core.store.appendEvent(c.id, { at: Date.now(), type: 'side_effect_failed', actor: { kind: 'system', id: 'changes' }, data: { version: c.version } });
      // An archive the sweep cannot reach (nothing listens on port 1), whichever engine the app runs.
      const gone = new PgArchiveDb('postgres://redress@127.0.0.1:1/none', 1);
      await expect(sweeper(gone).sweep()).rejects.toThrow();
      await gone.close();
      expect(await hot(c.id)).toBe(1);
      const timeline = await t.app.core.store.timeline(c.id);
      // The archive lost the case altogether (say a restore from an older backup): the sweep projects it again.
      await db.query('DELETE FROM archive_events WHERE complaint_id = $1', [c.id]);
      await db.query('DELETE FROM archive_cases WHERE id = $1', [c.id]);
      await sweeper().sweep();
      expect(await hot(c.id)).toBe(0);
      expect(await new ArchiveReader(db).timeline(c.id)).toEqual(timeline);
      expect(await new ArchiveReader(db).complaint(c.id)).toEqual(c);
    });

    it('an evicted case is found by /status, the console case page and history, export and Slack\'s earlier complaints', async () => {
      const who = consumer(t);
      const id = await fileComplaint(who, 'refund', 'A23456789');
      await t.app.core.agentOps.claim('a-ann', id);
      const done = await t.app.core.agentOps.resolve('a-ann', id, 'Refunded in full.');
      await settled(done);
      const later = (await t.app.core.complaints.submit(who.address, who.consumerId, draft({ orderId: 'B30000002' }))).complaint;
      const timeline = await t.app.core.store.timeline(id);
      await sweeper().sweep();
      expect(await hot(id)).toBe(0);

      await who.say('/status');
      expect(who.last()?.text).toContain(id);
      const page = await sue.get<{ case: { id: string; status: string }; timeline: unknown[]; history: unknown }>(`/console/api/cases/${id}`);
      expect(page.status).toBe(200);
      expect(page.body.case).toMatchObject({ id, status: 'resolved' });
      expect(page.body.timeline).toHaveLength(timeline.length);
      const newer = await sue.get<{ history: unknown }>(`/console/api/cases/${later.id}`);
      expect(JSON.stringify(newer.body.history)).toContain(id);
      // The console's search on the Resolved tab, by number, order and consumer.
      for (const term of [id, 'A23456789', who.consumerId]) {
        const found = await sue.get<{ rows: Array<{ id: string }> }>(`/console/api/queue?view=resolved&q=${encodeURIComponent(term)}`);
        expect(found.body.rows.map((r) => r.id), term).toContain(id);
      }
      // Slack's case post reads the consumer's earlier cases through this same call (adapters/slack/index.ts casesOf).
      expect((await t.app.core.store.listByConsumer(who.consumerId, 100)).map((c) => c.id)).toEqual([later.id, id]);
      const exported = await sue.get<{ cases: Array<{ complaint: { id: string }; timeline: unknown[]; source: string }> }>(`/console/api/consumers/${encodeURIComponent(who.consumerId)}/export`);
      expect(exported.status).toBe(200);
      expect(exported.body.cases.find((x) => x.complaint.id === id)).toMatchObject({ source: 'archive', timeline: expect.any(Array) });
      expect(await hot(id)).toBe(0);
    });

    it('lists ask the archive only for a consumer or order that has a case there, and then find it', async () => {
      // A store whose archive is unreachable reports every read that asked it; the hot cases are listed regardless.
      const asked: string[] = [];
      const gone = new PgArchiveDb('postgres://redress@127.0.0.1:1/none', 1);
      const store = new RedisComplaintStore(t.app.core.redis, t.app.core.keys, { archive: new ArchiveReader(gone), onArchiveError: (_e, read) => asked.push(read) });
      try {
        const fresh = consumer(t);
        const open = (await t.app.core.complaints.submit(fresh.address, fresh.consumerId, draft({ orderId: 'B30000003' }))).complaint;
        expect((await store.listByConsumer(fresh.consumerId)).map((c) => c.id)).toEqual([open.id]);
        expect((await store.listByOrder('B30000003')).map((c) => c.id)).toEqual([open.id]);
        expect(asked).toEqual([]);

        const old = consumer(t);
        const c = await resolvedCase(old, 'B30000004');
        await sweeper().sweep();
        expect(await hot(c.id)).toBe(0);
        await store.listByConsumer(old.consumerId);
        await store.listByOrder('B30000004');
        expect(asked).toEqual(['consumer list', 'order list']);
        expect((await t.app.core.store.listByConsumer(old.consumerId)).map((x) => x.id)).toEqual([c.id]);
        expect((await t.app.core.store.listByOrder('B30000004')).map((x) => x.id)).toEqual([c.id]);
      } finally {
        await gone.close();
      }
    });

    it('erasure reaches an evicted case in the archive and does not bring it back into Redis', async () => {
      const who = consumer(t);
      const c = await resolvedCase(who);
      await sweeper().sweep();
      expect(await hot(c.id)).toBe(0);
      const res = await sue.post<{ erased: boolean; cases: number }>(`/console/api/consumers/${encodeURIComponent(who.consumerId)}/erase`, { reason: 'Erasure request, ticket 9' });
      expect(res.body).toMatchObject({ erased: true, cases: 1 });
      expect(await hot(c.id)).toBe(0);
      const [row] = await db.query<{ consumer_id: string }>('SELECT consumer_id FROM archive_cases WHERE id = $1', [c.id]);
      expect(row?.consumer_id).toMatch(/^erased-/);
      expect(JSON.stringify(await new ArchiveReader(db).complaint(c.id))).not.toContain(who.consumerId);
    });

    it('a reopen brings an evicted case back into Redis from the archive: a supervisor\'s, and a consumer\'s low rating', async () => {
      const c = await resolvedCase();
      const timeline = await t.app.core.store.timeline(c.id);
      await sweeper().sweep();
      expect(await hot(c.id)).toBe(0);
      const back = await t.app.core.agentOps.reopen('a-sup', c.id, 'The refund never arrived.');
      expect(back).toMatchObject({ status: 'reopened', version: c.version + 1 });
      expect(await t.app.core.store.getHot(c.id)).toMatchObject({ status: 'reopened', version: c.version + 1 });
      expect((await t.app.core.store.timeline(c.id)).slice(0, timeline.length)).toEqual(timeline);
      expect(await t.app.core.redis.zscore(t.app.core.keys.byConsumer(c.consumerId), c.id)).not.toBeNull();
      await settled(back);
      expect((await new ArchiveReader(db).holding(c.id))?.version).toBe(back.version);
      // The reopened case is back in the agents' queue.
      await eventually(async () => (await t.app.core.queueIndex.page({ search: c.id })).rows.some((r) => r.id === c.id), 'the reopened case in the queue');

      const who = consumer(t);
      const rated = await resolvedCase(who);
      await sweeper().sweep();
      expect(await hot(rated.id)).toBe(0);
      const low = await t.app.core.complaints.rate(who.consumerId, rated.id, 1, 'Still broken');
      expect(low).toMatchObject({ status: 'reopened', rating: { score: 1 } });
      expect(await hot(rated.id)).toBe(1);
    });

    it('a sweep that dies mid-way (its Redis connection cut) leaves nothing half done once the next sweep has run', async () => {
      const cases = await Promise.all(Array.from({ length: 24 }, () => resolvedCase()));
      // The dying sweeper has a connection of its own: cutting it is, for Redis, the process ending there.
      const conn = new Redis(redis.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true });
      await conn.connect();
      const caught = sweeper(db, 91, conn).sweep().then(() => null, (err: unknown) => err);
      await eventually(async () => (await Promise.all(cases.map((c) => hot(c.id)))).includes(0), 'the sweep under way');
      conn.disconnect();
      expect(await caught).toBeInstanceOf(Error);
      const left = (await Promise.all(cases.map((c) => hot(c.id)))).filter((x) => x === 1).length;
      expect(left).toBeGreaterThan(0);
      // The dead sweeper's lease would lapse on its own (a minute at least); the next one is not kept waiting here.
      await t.app.core.redis.del(t.app.core.keys.eviction.lock());
      await sweeper().sweep();
      for (const c of cases) expect(await tracesInRedis(c)).toEqual([]);
      for (const c of cases) expect((await t.app.core.store.get(c.id))?.version).toBe(c.version);
    }, 60_000);
  });
}
