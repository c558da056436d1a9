/**
 * Signed events out: every case event reaches the platform's receiver signed, once per id, in order per
 * complaint; a receiver that is down gets everything later without holding back the case's other side effects;
 * an event that fails every attempt is recorded on the case and alerted.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { EventDelivery } from '../../src/events/event-delivery-log.js';
import { AgentClient } from '../adapters/console/console-client.js';
import { TestRedis } from '../helpers/redis-server.js';
import { consumer, eventually, fileComplaint, startTestApp, type TestApp } from '../helpers/test-app.js';
import { EventReceiver } from './event-receiver.js';

const redis = new TestRedis();
const apps: TestApp[] = [];
const receivers: EventReceiver[] = [];
const SECRET = 'events-secret-0123456789';
const AGENTS = JSON.stringify([{ id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500, password: 'pw-ling-123' }]);
/** One whole case: filed, claimed, a refund proposed, accepted, rated (which closes it). */
const WHOLE_CASE = [
  'complaint.created', 'complaint.status_changed',
  'complaint.claimed', 'complaint.status_changed',
  'complaint.proposal_made', 'complaint.status_changed',
  'complaint.proposal_accepted', 'complaint.status_changed', 'complaint.resolved',
  'complaint.rated', 'complaint.status_changed',
];

beforeAll(() => redis.start());
afterAll(() => redis.destroy());
afterEach(async () => {
  for (const a of apps.splice(0)) await a.app.close();
  for (const r of receivers.splice(0)) await r.stop();
});

async function receiver(secret = SECRET): Promise<EventReceiver> {
  const r = new EventReceiver(secret);
  await r.start();
  receivers.push(r);
  return r;
}

async function app(r: EventReceiver, env: Record<string, string> = {}): Promise<TestApp> {
  const a = await startTestApp(redis.url, { AGENTS, CHANGE_LEASE_MS: '1000', EVENTS_WEBHOOK_URL: r.url, EVENTS_WEBHOOK_SECRET: SECRET, EVENTS_RETRY_BASE_MS: '50', ...env });
  apps.push(a);
  return a;
}

/** Files a case and works it to the end: every event type of WHOLE_CASE. */
async function wholeCase(a: TestApp): Promise<string> {
  const c = consumer(a);
  const id = await fileComplaint(c);
  await a.app.core.agentOps.claim('a-ling', id);
  await a.app.core.agentOps.propose('a-ling', id, { text: 'A full refund', resolution: 'refund', amount: 40 });
  await a.app.core.complaints.acceptProposal(c.consumerId, id);
  await a.app.core.complaints.rate(c.consumerId, id, 5);
  return id;
}

describe('signed events out', () => {
  it('every event of two cases arrives signed, once, in order, with the contract fields', async () => {
    const r = await receiver();
    const a = await app(r);
    const ids = await Promise.all([wholeCase(a), wholeCase(a)]);
    await eventually(() => ids.every((id) => r.types(id).length === WHOLE_CASE.length), 'every event delivered').catch(() => undefined);
    const log = JSON.stringify(await a.app.core.eventsOut!.log.recent(40));
    for (const id of ids) {
      expect(r.types(id), log).toEqual(WHOLE_CASE);
      expect(r.inOrder(id)).toBe(true);
    }
    expect(r.badSignatures).toBe(0);
    const created = r.byComplaint.get(ids[0]!)![0]!;
    expect(Object.keys(created).sort()).toEqual(['complaint', 'id', 'occurredAt', 'type']);
    expect(created.complaint).toMatchObject({ id: ids[0], number: ids[0], status: 'queued', category: 'damaged_in_transit', orderId: 'A12345678', merchantId: null });
    expect(typeof created.complaint.priority).toBe('number');
    expect(['low', 'medium', 'high']).toContain(created.complaint.tier);
    expect(new Date(created.occurredAt).toISOString()).toBe(created.occurredAt);
    // The change log holds nothing back, and the delivery log shows each delivery.
    const mine = await a.app.core.eventsOut!.log.recent(100, ids[0]);
    expect(mine.filter((d) => d.outcome === 'delivered')).toHaveLength(WHOLE_CASE.length);
    expect(mine.every((d) => d.status === 200)).toBe(true);
  });

  it('a receiver with another secret refuses every event: nothing counts as delivered', async () => {
    const r = await receiver('not-the-secret-at-all');
    const a = await app(r);
    const id = await fileComplaint(consumer(a));
    await eventually(async () => (await a.app.core.eventsOut!.log.recent(10, id)).some((d) => d.status === 401 && d.outcome === 'retrying'), 'a refused delivery logged');
    expect(r.badSignatures).toBeGreaterThan(0);
    expect(r.types(id)).toEqual([]);
    expect(await a.app.core.eventsOut!.outbox.pending()).toBeGreaterThan(0);
  });

  it('a receiver answering 500 for a while gets everything in order later, and the consumer\'s updates never wait for it', async () => {
    const r = await receiver();
    let down = true;
    r.answer = () => (down ? 500 : 200);
    const a = await app(r);
    const c = consumer(a);
    const id = await fileComplaint(c);
    await a.app.core.agentOps.claim('a-ling', id);
    await a.app.core.agentOps.reply('a-ling', id, 'Looking into it now');
    // While the webhook is down, the consumer's claim notice and the agent's reply still arrive.
    await eventually(() => c.messages().some((m) => m.message.text?.includes('Looking into it now')), 'the reply reached the consumer');
    await eventually(async () => (await a.app.core.eventsOut!.log.recent(100, id)).filter((d) => d.outcome === 'retrying').length >= 3, 'several failed attempts');
    expect(r.types(id)).toEqual([]);
    down = false;
    await eventually(() => r.types(id).length === 4, 'the events after the receiver came back');
    expect(r.types(id)).toEqual(['complaint.created', 'complaint.status_changed', 'complaint.claimed', 'complaint.status_changed']);
    expect(r.inOrder(id)).toBe(true);
  });

  it('an event that fails every attempt is recorded on the case and alerted; the case\'s later events still go', async () => {
    const r = await receiver();
    let down = true;
    r.answer = () => (down ? 503 : 200);
    const a = await app(r, { EVENTS_MAX_ATTEMPTS: '2' });
    const id = await fileComplaint(consumer(a));
    await eventually(async () => (await a.app.core.store.timeline(id)).filter((e) => e.type === 'side_effect_failed').length === 2, 'both events of the filing recorded as failed');
    const failed = (await a.app.core.store.timeline(id)).filter((e) => e.type === 'side_effect_failed');
    expect(failed.map((e) => e.data?.eventType)).toEqual(['complaint.created', 'complaint.status_changed']);
    expect(String(failed[0]!.data?.summary)).toContain('answered 503');
    await eventually(async () => (await a.app.core.alertLog.recent(50)).some((al) => al.kind === 'side_effect_failed' && al.complaintId === id), 'a supervisor alert');
    await eventually(async () => (await a.app.core.eventsOut!.log.recent(10, id)).filter((d) => d.outcome === 'failed').length === 2, 'both failures in the delivery log');
    down = false;
    await a.app.core.agentOps.claim('a-ling', id);
    await eventually(() => r.types(id).length === 2, 'the claim\'s events');
    expect(r.types(id)).toEqual(['complaint.claimed', 'complaint.status_changed']);
  });

  it('the console\'s API shows a case\'s delivery log to a logged-in agent only', async () => {
    const r = await receiver();
    const a = await app(r);
    const id = await fileComplaint(consumer(a));
    await eventually(() => r.types(id).length === 2, 'the filing\'s events');
    const base = `http://127.0.0.1:${(a.app.http.server.address() as AddressInfo).port}`;
    const path = `/console/api/events/deliveries?complaintId=${id}`;
    expect((await fetch(`${base}${path}`, { headers: { accept: 'application/json' } })).status).toBe(401);
    const agent = await AgentClient.login(base, 'a-ling', 'pw-ling-123');
    await eventually(async () => (await agent.get<{ deliveries: EventDelivery[] }>(path)).body.deliveries.length === 2, 'both deliveries logged');
    const res = await agent.get<{ enabled: boolean; deliveries: EventDelivery[] }>(path);
    expect(res.body.enabled).toBe(true);
    expect(res.body.deliveries.map((d) => [d.type, d.outcome, d.status])).toEqual([['complaint.status_changed', 'delivered', 200], ['complaint.created', 'delivered', 200]]);
    expect((await agent.get(`/console/api/events/deliveries?complaintId=${encodeURIComponent('<x>')}`)).status).toBe(400);
  });
});
