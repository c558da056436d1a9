/**
 * Signed events out with real processes: a web-role Redress writes the cases, two real `--role worker`
 * processes deliver their events. One worker is killed (kill -9) mid-stream and Redis is restarted (kill -9,
 * append-only file) while events are pending; the receiver still sees each complaint's events once, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedressProcess } from '../helpers/redress-process.js';
import { randomPrefix, TestRedis } from '../helpers/redis-server.js';
import { consumer, eventually, fileComplaint, startTestApp, type TestApp } from '../helpers/test-app.js';
import { EventReceiver } from './event-receiver.js';

const SECRET = 'events-secret-0123456789';
const AGENTS = JSON.stringify([{ id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500 }]);
const FILED = ['complaint.created', 'complaint.status_changed', 'complaint.claimed', 'complaint.status_changed'];
const WORKED = [...FILED, 'complaint.proposal_made', 'complaint.status_changed', 'complaint.proposal_accepted', 'complaint.status_changed', 'complaint.resolved'];
const CASES = 6;

const redis = new TestRedis();
const receiver = new EventReceiver(SECRET);
let web: TestApp;
let workers: RedressProcess[] = [];

beforeAll(async () => {
  await Promise.all([redis.start(), receiver.start()]);
  const prefix = randomPrefix();
  const env = {
    REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, AGENTS, CHANGE_LEASE_MS: '1000',
    EVENTS_WEBHOOK_URL: receiver.url, EVENTS_WEBHOOK_SECRET: SECRET, EVENTS_WEBHOOK_TIMEOUT_MS: '1000', EVENTS_RETRY_BASE_MS: '50',
  };
  web = await startTestApp(redis.url, env, { prefix, role: 'web' });
  workers = [new RedressProcess('worker', env), new RedressProcess('worker', env)];
  await Promise.all(workers.map((w) => w.start()));
}, 90_000);

afterAll(async () => {
  await web?.app.close();
  await Promise.all(workers.map((w) => w.stop()));
  await receiver.stop();
  await redis.destroy();
});

describe('signed events out across a worker kill and a Redis restart', () => {
  it('each complaint\'s events arrive signed, once, in order', async () => {
    receiver.delayMs = 40;
    const ops = web.app.core;
    const people = Array.from({ length: CASES }, () => consumer(web));
    const ids: string[] = [];
    for (const c of people) ids.push(await fileComplaint(c));
    await Promise.all(ids.map((id) => ops.agentOps.claim('a-ling', id)));
    // Mid-stream: some events delivered, most still queued.
    await eventually(() => receiver.posts >= 3, 'the first deliveries', 20_000);
    expect(receiver.posts).toBeLessThan(CASES * FILED.length);
    await workers[0]!.stop();
    await redis.restart();
    await eventually(async () => (await web.app.core.redis.ping().catch(() => '')) === 'PONG', 'the web process reconnected', 20_000);
    for (const [i, id] of ids.entries()) {
      await ops.agentOps.propose('a-ling', id, { text: 'A full refund', resolution: 'refund', amount: 30 });
      await ops.complaints.acceptProposal(people[i]!.consumerId, id);
    }
    await workers[0]!.start();
    await eventually(() => ids.every((id) => receiver.types(id).length >= WORKED.length), 'every event delivered', 60_000)
      .catch(() => undefined);
    const logs = workers.map((w) => w.log).join('\n');
    for (const id of ids) {
      expect(receiver.types(id), logs).toEqual(WORKED);
      expect(receiver.inOrder(id)).toBe(true);
    }
    expect(receiver.badSignatures).toBe(0);
    // At least once: a POST cut off by the kill may come again; the receiver's de-duplication by id absorbs it.
    console.info(`events: ${CASES * WORKED.length} distinct, ${receiver.posts} POSTs acknowledged, ${receiver.duplicates} duplicates`);
    await eventually(async () => (await ops.eventsOut!.outbox.pending()) === 0, 'the outbox drained');
  }, 120_000);
});
