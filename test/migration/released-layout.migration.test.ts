// Issue 8 follow-up: an operator upgrading from the released key layout ({redress}:…) loses nothing.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { systemClock } from '../../src/clock.js';
import { createApp } from '../../src/composition/create-app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger, silentLogger } from '../../src/logging/logger.js';
import { runReleasedLayoutMigration } from '../../src/migration/released-layout.runner.js';
import { formatSummary, type MigrationOptions } from '../../src/migration/released-layout.migration.js';
import { warnIfReleasedLayout } from '../../src/migration/released-layout.warning.js';
import { QUEUE } from '../../src/queues/queue-names.js';
import { redisKeys, releasedKeys } from '../../src/redis/redis-keys.js';
import { AgentClient } from '../adapters/console/console-client.js';
import { randomPrefix, TestRedis } from '../helpers/redis-server.js';
import { consumer, eventually, fileComplaint, startTestApp, type TestApp } from '../helpers/test-app.js';
import { ReleasedRedress, type ReleasedComplaint } from './released-layout.fixture.js';

const server = new TestRedis();
let redis: Redis;
const apps: TestApp[] = [];

beforeAll(async () => {
  await server.start();
  redis = new Redis(server.url);
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((t) => t.app.close()));
});
afterAll(async () => {
  redis?.disconnect();
  await server.destroy();
});

const migrate = (prefix: string, opts: MigrationOptions = {}) =>
  runReleasedLayoutMigration(redis, { prefix, releasedPrefix: `{${prefix}}`, logger: silentLogger, now: systemClock }, opts);

async function start(prefix: string): Promise<TestApp> {
  const t = await startTestApp(server.url, {}, { prefix });
  apps.push(t);
  return t;
}

/** Every key whose name contains the prefix, with its value (DUMP) and whether it expires: what "changes nothing" compares. */
async function snapshot(prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `*${prefix}*`, 'COUNT', 1000);
    for (const k of keys) out.set(k, `${(await redis.dumpBuffer(k))?.toString('hex')}|${(await redis.pttl(k)) > 0}`);
    cursor = next;
  } while (cursor !== '0');
  return out;
}

/** A released install: two agents, three cases (queued, claimed with a breached first response, closed and rated), a dialog. */
async function seedReleased(prefix: string) {
  const old = new ReleasedRedress(redis, `{${prefix}}`);
  await old.addAgent({ id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500 }, 'ling-released-pw');
  await old.addAgent({ id: 's-mei', name: 'Mei', role: 'supervisor', compensationLimit: 2000 }, 'mei-released-pw');
  // Ten minutes ago: the first-response deadlines (30 min) are still ahead, so no timer fires during the test.
  const t0 = Date.now() - 10 * 60_000;
  const closed = await old.submit('test:u1', 'c-u1', t0);
  for (const [status, extra] of [['claimed', { assigneeId: 'a-ling' }], ['resolved', {}], ['closed', { rating: { score: 5, at: t0 + 3000 } }]] as const) {
    await old.update(closed.id, (c) => ({
      complaint: { ...c, ...extra, status, updatedAt: t0 + 1000 },
      events: [{ at: t0 + 1000, type: 'status_changed', actor: { kind: 'agent', id: 'a-ling' }, data: { from: c.status, to: status } }],
    }));
  }
  const queued = await old.submit('test:u1', 'c-u1', t0 + 60_000, { orderId: 'B22222222' });
  let claimed = await old.submit('test:u2', 'c-u2', t0 + 120_000, { orderId: 'C33333333' });
  claimed = await old.update(claimed.id, (c) => ({
    complaint: { ...c, status: 'claimed', assigneeId: 'a-ling' },
    events: [
      { at: t0 + 130_000, type: 'sla_breached', actor: { kind: 'system', id: 'sla' }, data: { kind: 'first_response', dueAt: c.triage.deadlines[0]!.dueAt } },
      { at: t0 + 140_000, type: 'claimed', actor: { kind: 'agent', id: 'a-ling' }, data: { from: 'queued', to: 'claimed' } },
      { at: t0 + 150_000, type: 'agent_reply', actor: { kind: 'agent', id: 'a-ling' }, data: { text: 'A new lamp ships today.' } },
    ],
  }));
  await redis.lpush(old.k.alerts(), JSON.stringify({ kind: 'sla_breached', complaintId: claimed.id, at: t0 + 130_000 }));
  await redis.set(old.k.dialog('test/conversations/c-u3/'), JSON.stringify({ eTag: '1', dialogStack: [] }));
  await old.saveWebchatSession({ sessionId: 'ses_1', conversationId: 'wc_1', userId: 'anon_1' }, 3600);
  return { old, closed, queued, claimed };
}

function numberOf(id: string): { day: string; n: number } {
  const [, day, n] = /^RD-(\d{8})-(\d+)$/.exec(id)!;
  return { day: day!, n: Number(n) };
}

describe('migration from the released key layout', () => {
  it('an upgraded install keeps its cases, timelines, profiles, agents and numbers', async () => {
    const prefix = randomPrefix();
    const { old, closed, queued, claimed } = await seedReleased(prefix);
    const oldTimeline = await redis.lrange(old.k.timeline(claimed.id), 0, -1);
    const oldProfile = JSON.parse((await redis.get(old.k.consumer('test:u1')))!) as unknown;
    // The operator upgraded first: the app runs (its console's start-up queue backfill finds nothing) and warns.
    const t = await start(prefix);
    expect((await t.app.core.queueIndex.page({ limit: 50 })).rows).toEqual([]);

    const summary = await migrate(prefix);
    expect(summary.skipped).toEqual([]);
    expect(summary.cases).toEqual({ migrated: 3, open: 2, already: 0 });
    expect(summary.timelineEvents).toBe(3 + 3 + 3 + 3 + 3);
    expect(summary.profiles.migrated).toBe(2);
    expect(summary.agents.migrated).toBe(2);
    expect(summary.alerts).toBe(1);
    expect(summary.notMigrated).toEqual({ dialog: 1 });
    // The session is copied; the app started first generated its own widget secret, which is kept (it signs its tokens now).
    expect(summary.copied).toEqual({ copied: 1, keptCurrent: 1 });
    // Only what is not migrated by design is left of the released layout.
    expect([...(await snapshot(`{${prefix}}`)).keys()]).toEqual([old.k.dialog('test/conversations/c-u3/')]);

    const keys = redisKeys(prefix);
    // The widget's session moved as it was, still expiring: the consumer's chat (and their cases' replies) continue.
    expect(JSON.parse((await redis.get(keys.webchat.session('ses_1')))!)).toEqual({ sessionId: 'ses_1', conversationId: 'wc_1', userId: 'anon_1' });
    expect(await redis.pttl(keys.webchat.session('ses_1'))).toBeGreaterThan(3_000_000);

    // The consumer's /status lists both their cases.
    const u1 = consumer(t, 'u1');
    await u1.say('/status');
    const status = u1.messages().map((m) => m.message.text).join('\n');
    expect(status).toContain(queued.id);
    expect(status).toContain(closed.id);

    // The agent logs in with the released password and finds both open cases in the queue (written by the change worker).
    const ling = await AgentClient.login(await baseUrl(t), 'a-ling', 'ling-released-pw');
    await eventually(async () => {
      const page = await ling.get<{ rows: Array<{ id: string }> }>('/console/api/queue?limit=50');
      const ids = page.body.rows?.map((r) => r.id) ?? [];
      return ids.includes(queued.id) && ids.includes(claimed.id) && !ids.includes(closed.id);
    }, 'the open cases in the agents\' queue');
    // The running app's change worker told the workspaces of each open case (and of no closed one), without an announcement.
    expect(t.workspace.updates.map((u) => u.complaint.id).sort()).toEqual([queued.id, claimed.id].sort());
    expect(t.workspace.updates.every((u) => u.events.length === 0)).toBe(true);
    expect(t.workspace.announced).toEqual([]);
    const claim = await ling.act(queued.id, 'claim');
    expect(claim.status).toBe(200);
    expect((await t.app.core.store.require(queued.id))).toMatchObject({ status: 'claimed', assigneeId: 'a-ling' });

    // The timeline is whole, in order, and the case page shows it.
    const timeline = await t.app.core.store.timeline(claimed.id);
    expect(timeline.map((e) => JSON.stringify(e))).toEqual(oldTimeline);
    const page = await ling.get<{ timeline: Array<{ type: string }>; history: { profile: { complaintIds: string[] } | null } }>(`/console/api/cases/${claimed.id}`);
    expect(page.body.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['created', 'triaged', 'sla_breached', 'claimed', 'agent_reply']));
    expect(page.body.history.profile?.complaintIds).toEqual([claimed.id]);
    expect(await t.app.core.profiles.get('test:u1')).toEqual(oldProfile);

    // SLA timers: the queued case's are scheduled again; the claimed case's breached first response is not re-armed.
    const sla = new Queue(QUEUE.sla, { connection: redis, prefix: keys.queue(QUEUE.sla) });
    expect(await sla.getJob(`sla-${queued.id}-first_response`)).toBeTruthy();
    expect(await sla.getJob(`sla-${claimed.id}-first_response`)).toBeFalsy();
    expect(await sla.getJob(`sla-${claimed.id}-plan`)).toBeTruthy();
    await sla.close();

    // A new complaint gets a number after the released ones of its day.
    const fresh = numberOf(await fileComplaint(consumer(t, 'u9')));
    const released = [closed.id, queued.id, claimed.id].map(numberOf).filter((x) => x.day === fresh.day);
    expect(fresh.n).toBeGreaterThan(Math.max(0, ...released.map((x) => x.n)));

    // A second run finds nothing left to do and changes nothing.
    await Promise.all(apps.splice(0).map((a) => a.app.close()));
    const before = await snapshot(prefix);
    const again = await migrate(prefix);
    expect(again.cases).toEqual({ migrated: 0, open: 0, already: 0 });
    expect(again.skipped).toEqual([]);
    expect(await snapshot(prefix)).toEqual(before);
  }, 60_000);

  it('warns at start-up until migrated; --dry-run writes nothing; with --keep-old a second run changes nothing', async () => {
    const prefix = randomPrefix();
    await seedReleased(prefix);
    const keys = redisKeys(prefix);
    const old = releasedKeys(`{${prefix}}`);
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (_o: unknown, msg?: string) => { warnings.push(String(msg)); } } as typeof silentLogger;
    expect(await warnIfReleasedLayout(redis, keys, old, logger)).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('npm run migrate:redis');

    // A mistyped --old-prefix finds nothing, says so, and does not silence the warning about the real layout.
    const typo = await runReleasedLayoutMigration(redis, { prefix, releasedPrefix: `{${prefix}x}`, logger: silentLogger, now: systemClock });
    expect(formatSummary(typo)).toBe(`Found no keys starting {${prefix}x}, so there is nothing to migrate (is --old-prefix the released REDIS_KEY_PREFIX?).`);
    expect(await warnIfReleasedLayout(redis, keys, old, silentLogger)).toBe(true);

    const untouched = await snapshot(prefix);
    const dry = await migrate(prefix, { dryRun: true });
    expect(dry.cases.migrated).toBe(3);
    expect(dry.agents.migrated).toBe(2);
    expect(await snapshot(prefix)).toEqual(untouched);

    expect(formatSummary(dry)).toMatch(/^Dry run: nothing was written[\s\S]*cases {6}3 \(2 open[\s\S]*Skipped: none\.[\s\S]*dialog: 1 keys/);
    const first = await migrate(prefix, { keepOld: true });
    expect(first.cases).toEqual({ migrated: 3, open: 2, already: 0 });
    expect(await warnIfReleasedLayout(redis, keys, old, logger)).toBe(false);
    expect(warnings).toHaveLength(1);
    const after = await snapshot(prefix);
    const second = await migrate(prefix, { keepOld: true });
    expect(second.cases).toEqual({ migrated: 0, open: 0, already: 3 });
    expect(second.profiles).toEqual({ migrated: 0, merged: 0, already: 2 });
    expect(await snapshot(prefix)).toEqual(after);
  }, 60_000);

  for (const stage of ['restored', 'noticed'] as const) {
    it(`a run killed after a case was ${stage} finishes on the next run, nothing twice`, async () => {
      const prefix = randomPrefix();
      const old = new ReleasedRedress(redis, `{${prefix}}`);
      const now = Date.now() - 60_000;
      const cases: ReleasedComplaint[] = [];
      for (let i = 0; i < 4; i++) cases.push(await old.submit(`test:k${i}`, `c-k${i}`, now + i));
      const crash = cases[1]!.id;
      await expect(migrate(prefix, { checkpoint: (s, id) => { if (s === stage && id === crash) throw new Error('killed'); } })).rejects.toThrow('killed');
      // The first case is done and its old keys gone; the second was written, its old keys are still there.
      expect(await redis.exists(old.k.complaint(cases[0]!.id), old.k.complaint(crash), old.k.complaint(cases[2]!.id))).toBe(2);

      const resumed = await migrate(prefix);
      expect(resumed.skipped).toEqual([]);
      expect(resumed.cases.migrated).toBe(3);
      expect(await redis.exists(...cases.map((c) => old.k.complaint(c.id)))).toBe(0);

      const t = await start(prefix);
      for (const c of cases) {
        expect(await t.app.core.store.timeline(c.id)).toHaveLength(3);
        expect((await t.app.core.complaints.listOwn(c.consumerId)).map((x) => x.id)).toEqual([c.id]);
      }
      await eventually(async () => (await t.app.core.queueIndex.page({ limit: 50 })).rows.length === 4, 'all four cases in the queue');
      const fresh = numberOf(await fileComplaint(consumer(t, 'k9')));
      expect(fresh.n).toBeGreaterThan(Math.max(...cases.map((c) => numberOf(c.id)).filter((x) => x.day === fresh.day).map((x) => x.n), 0));
    }, 60_000);
  }

  it('a number the current code gave out again before the migration is reported, and its released case kept', async () => {
    const prefix = randomPrefix();
    const old = new ReleasedRedress(redis, `{${prefix}}`);
    const c = await old.submit('test:x1', 'c-x1', Date.now());
    // The upgraded app ran unmigrated: its counter started afresh and gave the same number to someone else.
    const t = await start(prefix);
    const other = await fileComplaint(consumer(t, 'x2'));
    expect(other).toBe(c.id);
    await Promise.all(apps.splice(0).map((a) => a.app.close()));

    const summary = await migrate(prefix);
    expect(summary.skipped).toEqual([{ what: `case ${c.id}`, reason: expect.stringContaining('taken by a case filed after the upgrade') }]);
    expect(await redis.exists(old.k.complaint(c.id), old.k.timeline(c.id))).toBe(2);
    expect(await warnIfReleasedLayout(redis, redisKeys(prefix), releasedKeys(`{${prefix}}`), silentLogger)).toBe(true);
  }, 60_000);

  it('the app logs the one warning at start-up, naming the command, and not after the migration', async () => {
    const prefix = randomPrefix();
    await new ReleasedRedress(redis, `{${prefix}}`).submit('test:w1', 'c-w1', Date.now());
    const startWarnings = async () => {
      const lines: string[] = [];
      const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(chunk.toString()); done(); } });
      const config = loadConfig({ REDIS_URL: server.url, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'warn', NODE_ENV: 'test' });
      const app = await createApp(config, { logger: createLogger('warn', sink), role: 'web', webAdapters: false });
      await app.start(0, '127.0.0.1');
      await app.close();
      return lines.filter((l) => l.includes('npm run migrate:redis'));
    };
    const before = await startWarnings();
    expect(before).toHaveLength(1);
    expect(JSON.parse(before[0]!)).toMatchObject({ level: 40, releasedPrefix: `{${prefix}}`, command: 'npm run migrate:redis' });
    await migrate(prefix);
    expect(await startWarnings()).toEqual([]);
  }, 60_000);

  it('a consumer who filed again after the upgrade keeps both cases and one merged profile, merged once', async () => {
    const prefix = randomPrefix();
    const old = new ReleasedRedress(redis, `{${prefix}}`);
    // Filed yesterday under the released version: a number of another day, so no collision with today's.
    const earlier = await old.submit('test:m1', 'c-m1', Date.now() - 86_400_000);
    const t = await start(prefix);
    const m1 = consumer(t, 'm1');
    const later = await fileComplaint(m1);
    const first = await migrate(prefix, { keepOld: true });
    expect(first.profiles).toEqual({ migrated: 0, merged: 1, already: 0 });
    const profile = await t.app.core.profiles.get('test:m1');
    expect(profile?.complaintIds).toEqual([earlier.id, later]);
    expect(profile?.cares).toEqual({ refund: 2 });
    await m1.say('/status');
    const status = m1.last()?.text ?? '';
    expect(status).toContain(earlier.id);
    expect(status).toContain(later);
    // The merge marks itself done: a second run (old keys kept) adds nothing again.
    await migrate(prefix, { keepOld: true });
    expect((await t.app.core.profiles.get('test:m1'))?.cares).toEqual({ refund: 2 });
  }, 60_000);
});

async function baseUrl(t: TestApp): Promise<string> {
  const a = t.app.http.server.address();
  return typeof a === 'object' && a ? `http://127.0.0.1:${a.port}` : String(a);
}
