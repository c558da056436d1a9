import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestRedis } from '../helpers/redis-server.js';
import { consumer, eventually, startTestApp, type TestApp } from '../helpers/test-app.js';

const redis = new TestRedis();
let t: TestApp;
beforeAll(async () => {
  await redis.start();
  t = await startTestApp(redis.url, { SLA_FIRST_RESPONSE_MINUTES: '0.005' });
});
afterAll(async () => {
  await t?.app.close();
  await redis.destroy();
});

it('a missed first-response deadline escalates, alerts supervisors and tells the consumer', async () => {
  const c = consumer(t, 'waiting');
  await c.say('I am worried, my parcel is lost and I need it by Friday');
  await c.press('yes');
  await c.say('A12345678');
  await c.say('Tracking has not moved for ten days.');
  await c.press('skip');
  await c.press('refund');
  await c.press('confirm');
  const id = /RD-\d{8}-\d{4}/.exec(c.last()!.text)![0];
  await eventually(() => c.messages().some((m) => /senior specialist/.test(m.message.text)), 'the escalation message');
  expect(c.last()?.text).toMatch(new RegExp(`${id} is now with a senior specialist`));
  const stored = await t.app.core.store.require(id);
  expect(stored.status).toBe('escalated');
  expect((await t.app.core.store.timeline(id)).map((e) => e.type)).toContain('sla_breached');
  expect(t.workspace.alerts.some((a) => a.kind === 'sla_breached' && a.complaintId === id)).toBe(true);
});
