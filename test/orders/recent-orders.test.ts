/**
 * The consumer's recent orders as choices at the order step, through the README's extended contract
 * (`{"recentFor","limit"}` → `{"orders": […]}`, signed like every look-up) served by a local order server that
 * verifies each signature: offered with readable labels, a choice files the case with that order's facts,
 * "another order" asks for the number, and a platform that is slow, down or older offers no choices.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalog.js';
import { HttpOrderLookup } from '../../src/orders/http-order-lookup.js';
import { recentOrdersKey, type OrderFacts } from '../../src/orders/order-facts.js';
import { TestRedis } from '../helpers/redis-server.js';
import { consumer, startTestApp, type TestApp } from '../helpers/test-app.js';
import { OrderServer } from './order-server.js';

const SECRET = 'orders-secret-0123456789';
const LAMP: OrderFacts = {
  orderId: 'SHOP-1001', consumerId: 'alice', merchant: { id: 'm-lumen', name: 'Lumen Home' },
  items: [{ sku: 'LAMP-01', name: 'Desk lamp', quantity: 1, price: 1299 }], amount: 1299, currency: 'CNY',
  orderedAt: '2026-11-20T09:00:00Z', delivery: { status: 'delivered', courier: 'SF Express' },
};
const MUGS: OrderFacts = {
  ...LAMP, orderId: 'SHOP-1002', merchant: { id: 'm-clay', name: 'Clay & Co' }, orderedAt: '2026-11-25T09:00:00Z',
  items: [{ sku: 'MUG-02', name: 'Stoneware mug', quantity: 2, price: 40 }, { sku: 'POT-01', name: 'Teapot', quantity: 1, price: 120 }], amount: 200,
  delivery: { status: 'in_transit', courier: 'ZTO Express' },
};
const redis = new TestRedis();
const server = new OrderServer(SECRET, [LAMP, MUGS]);
const apps: TestApp[] = [];

beforeAll(async () => { await Promise.all([redis.start(), server.start()]); });
afterAll(async () => { await server.stop(); await redis.destroy(); });
afterEach(async () => {
  server.recent = 'answer';
  server.slowRecent.clear();
  for (const a of apps.splice(0)) await a.app.close();
});

async function app(env: Record<string, string> = {}): Promise<TestApp> {
  const a = await startTestApp(redis.url, { ORDER_LOOKUP_URL: server.url, ORDER_LOOKUP_SECRET: SECRET, ORDER_LOOKUP_TIMEOUT_MS: '300', ...env });
  apps.push(a);
  return a;
}

type Consumer = ReturnType<typeof consumer>;
const labels = (c: Consumer) => (c.last()?.choices ?? []).map((x) => x.label);
const values = (c: Consumer) => (c.last()?.choices ?? []).map((x) => x.value);

async function toOrderStep(c: Consumer, first = 'The parcel arrived damaged and the box was crushed'): Promise<void> {
  await c.say(first);
  await c.press('yes');
}

/** From the description to the filed case; returns the summary's text and the case number. */
async function finish(c: Consumer, description = 'It arrived broken.'): Promise<{ summary: string; id: string }> {
  await c.say(description);
  await c.press('skip');
  await c.press('refund');
  const summary = c.last()?.text ?? '';
  await c.press('confirm');
  const id = /RD-\d{8}-\d{4}/.exec(c.last()?.text ?? '')?.[0];
  if (!id) throw new Error(`no complaint number in "${c.last()?.text}"`);
  return { summary, id };
}

describe('whom recent orders are asked for', () => {
  it('a signed shop identity by its platform id, a channel\'s own user by <channel>:<id>, an anonymous widget visitor not at all', () => {
    expect(recentOrdersKey({ channel: 'webchat', userId: 'shop:alice' })).toBe('alice');
    expect(recentOrdersKey({ channel: 'telegram', userId: '4242' })).toBe('telegram:4242');
    expect(recentOrdersKey({ channel: 'webchat', userId: 'anon_x1' })).toBeNull();
    expect(recentOrdersKey({ channel: 'telegram' })).toBeNull();
  });
});

describe('HttpOrderLookup.recent', () => {
  it('asks with the signed {"recentFor","limit"} body, answers newest first, caches, and never asks for an anonymous consumer', async () => {
    const lookup = new HttpOrderLookup({ url: server.url, secret: SECRET, timeoutMs: 1000, now: Date.now });
    const before = server.recentRequests.length;
    expect((await lookup.recent('alice', 5)).map((o) => o.orderId)).toEqual(['SHOP-1002', 'SHOP-1001']);
    expect((await lookup.recent('alice', 5)).map((o) => o.orderId)).toEqual(['SHOP-1002', 'SHOP-1001']);
    expect(await lookup.recent(null, 5)).toEqual([]);
    expect(server.recentRequests.slice(before)).toEqual([{ recentFor: 'alice', limit: 5 }]);
    expect(server.badSignatures).toBe(0);
    expect(await lookup.recent('nobody', 5)).toEqual([]);
    // The answer's orders are known now: looking one up for the same consumer asks nothing more.
    const asked = server.requests.length;
    expect(await lookup.find('SHOP-1002', 'alice')).toEqual({ kind: 'found', facts: MUGS });
    expect(server.requests.length).toBe(asked);
  });

  it('an older platform (400), one that is down, or one slower than the timeout gives no orders', async () => {
    server.recent = 'unsupported';
    expect(await new HttpOrderLookup({ url: server.url, secret: SECRET, timeoutMs: 1000, now: Date.now }).recent('alice', 5)).toEqual([]);
    server.recent = 'answer';
    expect(await new HttpOrderLookup({ url: 'http://127.0.0.1:9/orders', secret: SECRET, timeoutMs: 1000, now: Date.now }).recent('alice', 5)).toEqual([]);
    server.slowRecent.set('alice', 3000);
    const started = Date.now();
    expect(await new HttpOrderLookup({ url: server.url, secret: SECRET, timeoutMs: 200, now: Date.now }).recent('alice', 5)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('recent orders at the order step', () => {
  it('offers a signed-in consumer\'s recent orders by number, item and date; a choice files the case with that order\'s facts and the summary shows its items', async () => {
    const a = await app();
    const c = consumer(a, 'shop:alice');
    await toOrderStep(c);
    expect(c.last()?.text).toBe(t('en', 'dialog.order_pick'));
    expect(labels(c)).toEqual(['SHOP-1002 · Stoneware mug +1 · 25 Nov 2026', 'SHOP-1001 · Desk lamp · 20 Nov 2026', 'Another order', 'I don\'t have it']);
    await c.press(values(c)[0]!);
    expect(c.last()?.text).toBe(t('en', 'dialog.description_ask'));
    const { summary, id } = await finish(c);
    expect(summary).toContain('• Order: SHOP-1002 (Stoneware mug × 2; Teapot × 1)');
    const complaint = await a.app.core.store.require(id);
    expect(complaint).toMatchObject({ orderId: 'SHOP-1002', merchantId: 'm-clay', productId: 'MUG-02', order: { items: [{ sku: 'MUG-02', quantity: 2 }, { sku: 'POT-01', quantity: 1 }], delivery: { courier: 'ZTO Express' } } });
    expect(server.badSignatures).toBe(0);
  });

  it('in Chinese, the labels, question and summary are Chinese; a list number picks that order', async () => {
    const a = await app();
    const c = consumer(a, 'shop:alice');
    await toOrderStep(c, '包裹到了，盒子被压坏了，台灯也碎了');
    expect(c.last()?.text).toBe(t('zh', 'dialog.order_pick'));
    expect(labels(c)).toEqual(['SHOP-1002 · Stoneware mug +1 · 2026年11月25日', 'SHOP-1001 · Desk lamp · 2026年11月20日', '其他订单', '我没有订单号']);
    // A channel with fewer buttons lists the choices as numbers (fitChoices): typing "2" is the second order.
    await c.say('2');
    const { summary, id } = await finish(c, '台灯的底座裂开了。');
    expect(summary).toContain('订单：SHOP-1001（Desk lamp × 1）');
    expect((await a.app.core.store.require(id)).merchantId).toBe('m-lumen');
  });

  it('"another order" asks for the number as before; typing a number while the choices show works too', async () => {
    const a = await app();
    const c = consumer(a, 'shop:alice');
    await toOrderStep(c);
    await c.press('another_order');
    expect(c.last()?.text).toBe(t('en', 'dialog.order_ask'));
    expect(values(c)).toEqual(['no_order']);
    await c.say('SHOP-9999');
    expect(c.last()?.text).toContain('We can\'t find an order “SHOP-9999”');
    await c.say('SHOP-1001');
    const { summary, id } = await finish(c);
    expect(summary).toContain('• Order: SHOP-1001 (Desk lamp × 1)');
    expect((await a.app.core.store.require(id)).merchantId).toBe('m-lumen');

    // A fresh app: Alice's case above is open, and her next message would go to it.
    const typed = consumer(await app(), 'shop:alice');
    await toOrderStep(typed);
    await typed.say('shop-1001');
    expect(typed.last()?.text).toBe(t('en', 'dialog.description_ask'));
  });

  it('a platform that is down, slower than the timeout, or older offers no choices, and the consumer types the number', async () => {
    for (const setUp of [
      async () => app({ ORDER_LOOKUP_URL: 'http://127.0.0.1:9/orders/lookup' }),
      async () => { server.slowRecent.set('alice', 5000); return app(); },
      async () => { server.recent = 'unsupported'; return app(); },
    ]) {
      const a = await setUp();
      const c = consumer(a, 'shop:alice');
      const started = Date.now();
      await toOrderStep(c);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(c.last()?.text).toBe(t('en', 'dialog.order_ask'));
      expect(values(c)).toEqual(['no_order']);
      await c.say('SHOP-1001');
      expect((await a.app.core.store.require((await finish(c)).id)).orderId).toBe('SHOP-1001');
    }
  });

  it('a consumer the platform does not know is offered none; the demo shop offers its orders to everyone', async () => {
    const a = await app();
    const before = server.recentRequests.length;
    const stranger = consumer(a);
    await toOrderStep(stranger);
    // A channel's own user (not a signed shop identity) is asked for as <channel>:<user id>; this platform has no orders for them.
    expect(server.recentRequests.slice(before).map((r) => r.recentFor)).toEqual([`test:${stranger.address.userId}`]);
    expect(values(stranger)).toEqual(['no_order']);

    const demo = await startTestApp(redis.url, { ORDER_LOOKUP_DEMO: 'true' });
    apps.push(demo);
    const c = consumer(demo);
    await toOrderStep(c);
    expect(labels(c)).toEqual([
      'MM-240815-003 · Bamboo cutting board set · 20 Nov 2025', 'MM-240815-002 · Wool throw blanket · 14 Nov 2025',
      'MM-240815-001 · Ceramic teapot, celadon · 2 Nov 2025', 'Another order', 'I don\'t have it',
    ]);
    await c.press('MM-240815-002');
    const { summary, id } = await finish(c);
    expect(summary).toContain('MM-240815-002 (Wool throw blanket × 1)');
    expect((await demo.app.core.store.require(id)).order?.delivery?.courier).toBe('ZTO Express');
  });
});
