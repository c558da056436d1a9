/**
 * Order facts through the port: a local order server speaking the README's contract (and verifying each
 * signature) tells the intake whether an order exists and whose it is; the case carries merchant, items,
 * amount and delivery; triage uses them; a slow or absent platform never stops the consumer from filing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrderFacts } from '../../src/orders/order-facts.js';
import { TestRedis } from '../helpers/redis-server.js';
import { consumer, fileComplaint, startTestApp, type TestApp } from '../helpers/test-app.js';
import { OrderServer } from './order-server.js';

const SECRET = 'orders-secret-0123456789';
const LAMP: OrderFacts = {
  orderId: 'SHOP-1001', consumerId: 'alice', merchant: { id: 'm-lumen', name: 'Lumen Home' },
  items: [{ sku: 'LAMP-01', name: 'Desk lamp', quantity: 1, price: 1299 }], amount: 1299, currency: 'CNY',
  orderedAt: '2026-11-20T09:00:00Z', delivery: { status: 'delivered', courier: 'SF Express', deliveredAt: '2026-11-23T15:00:00Z' },
};
const BOBS: OrderFacts = { ...LAMP, orderId: 'SHOP-2002', consumerId: 'bob', items: [{ sku: 'MUG-02', name: 'Mug', quantity: 2, price: 40 }], amount: 80 };
const SLOW: OrderFacts = { ...LAMP, orderId: 'SHOP-3003', consumerId: null };

const redis = new TestRedis();
const server = new OrderServer(SECRET, [LAMP, BOBS, SLOW]);
const apps: TestApp[] = [];

beforeAll(async () => { await Promise.all([redis.start(), server.start()]); });
afterAll(async () => { await server.stop(); await redis.destroy(); });
afterEach(async () => { for (const a of apps.splice(0)) await a.app.close(); });

async function app(env: Record<string, string> = {}): Promise<TestApp> {
  const a = await startTestApp(redis.url, { ORDER_LOOKUP_URL: server.url, ORDER_LOOKUP_SECRET: SECRET, ORDER_LOOKUP_TIMEOUT_MS: '300', ...env });
  apps.push(a);
  return a;
}

/** Up to the order number: a damaged parcel, category confirmed. */
async function toOrderStep(c: ReturnType<typeof consumer>, first = 'The parcel arrived damaged and the box was crushed'): Promise<void> {
  await c.say(first);
  await c.press('yes');
}

describe('order facts through the port', () => {
  it('a signed-in shop user\'s case carries merchant, items, amount and delivery, and triage gives its reasons', async () => {
    const a = await app();
    const c = consumer(a, 'shop:alice');
    const id = await fileComplaint(c, 'refund', 'SHOP-1001');
    const complaint = await a.app.core.store.require(id);
    expect(complaint.merchantId).toBe('m-lumen');
    expect(complaint.productId).toBe('LAMP-01');
    expect(complaint.order).toMatchObject({ amount: 1299, currency: 'CNY', items: [{ sku: 'LAMP-01', name: 'Desk lamp', quantity: 1 }], delivery: { status: 'delivered' } });
    expect(complaint.orderFacts).toEqual({ status: 'found' });
    expect(complaint.triage.reasons).toContain('order value 1299 CNY (≥ 1000) → +8');
    // Signed and answered per the contract: the platform heard who asks. (SHOP-1001 is one of Alice's recent
    // orders, so typing it is picking it: that answer's facts serve the case, with no look-up of its own.)
    expect(server.badSignatures).toBe(0);
    expect(server.recentRequests).toContainEqual({ recentFor: 'alice', limit: 5 });
    expect(server.requests.filter((r) => r.orderId === 'SHOP-1001')).toEqual([]);
  });

  it('an order the platform does not know, and someone else\'s order, get a clear answer in the consumer\'s language', async () => {
    const a = await app();
    const en = consumer(a, 'shop:alice');
    await toOrderStep(en);
    await en.say('SHOP-9999');
    expect(en.last()?.text).toContain('We can\'t find an order “SHOP-9999” in our shop');
    await en.say('SHOP-2002');
    expect(en.last()?.text).toContain('Order “SHOP-2002” isn\'t one of the orders on your account');
    const zh = consumer(a, 'shop:carol');
    await toOrderStep(zh, '包裹到了，盒子被压坏了，台灯也碎了');
    await zh.say('SHOP-9999');
    expect(zh.last()?.text).toContain('我们的店铺里找不到订单“SHOP-9999”');
    await zh.say('SHOP-2002');
    expect(zh.last()?.text).toContain('订单“SHOP-2002”不在您的账户下');
    // Without a platform identity nobody can tell whose it is: Bob's order is accepted from an anonymous chat.
    const anon = consumer(a);
    const id = await fileComplaint(anon, 'refund', 'SHOP-2002');
    expect((await a.app.core.store.require(id)).merchantId).toBe('m-lumen');
  });

  it('a platform slower than the timeout still lets the consumer file; the case says facts were unavailable', async () => {
    server.slow.set('SHOP-3003', 5000);
    const a = await app();
    const started = Date.now();
    const id = await fileComplaint(consumer(a, 'shop:dave'), 'refund', 'SHOP-3003');
    const complaint = await a.app.core.store.require(id);
    expect(complaint.orderFacts).toEqual({ status: 'unavailable', reason: 'the order system did not answer within 300 ms' });
    expect(complaint.merchantId ?? null).toBeNull();
    expect(complaint.triage.reasons).toContain('order facts unavailable (the order system did not answer within 300 ms): check the order by hand');
    // Filed without waiting for the 5 s answer (two look-ups of at most 300 ms each: the order step and the submit).
    expect(Date.now() - started).toBeLessThan(4500);
  });

  it('a platform that is down still lets the consumer file', async () => {
    const a = await app({ ORDER_LOOKUP_URL: 'http://127.0.0.1:9/orders/lookup' });
    const id = await fileComplaint(consumer(a, 'shop:erin'), 'refund', 'SHOP-1001');
    expect((await a.app.core.store.require(id)).orderFacts).toEqual({ status: 'unavailable', reason: 'the order system could not be reached' });
  });

  it('a receiver-side secret that differs makes every look-up fail verification (so the signature is really checked)', async () => {
    const a = await app({ ORDER_LOOKUP_SECRET: 'some-other-secret-entirely' });
    const before = server.badSignatures;
    const id = await fileComplaint(consumer(a, 'shop:alice'), 'refund', 'SHOP-1001');
    expect(server.badSignatures).toBeGreaterThan(before);
    expect((await a.app.core.store.require(id)).orderFacts).toEqual({ status: 'unavailable', reason: 'the order system answered 401' });
  });

  it('without ORDER_LOOKUP_URL the demo shop\'s orders serve: its orders exist with their facts, others do not', async () => {
    const a = await startTestApp(redis.url, { ORDER_LOOKUP_DEMO: 'true' });
    apps.push(a);
    const c = consumer(a);
    await toOrderStep(c);
    await c.say('A12345678');
    expect(c.last()?.text).toContain('We can\'t find an order “A12345678”');
    const id = await fileComplaint(consumer(a), 'refund', 'MM-240815-002');
    const complaint = await a.app.core.store.require(id);
    expect(complaint).toMatchObject({ merchantId: 'm-maple-moss', productId: 'MM-THROW-WOOL', order: { amount: 459, currency: 'CNY', delivery: { status: 'in_transit', courier: 'ZTO Express' } } });
    expect(complaint.triage.reasons.some((r) => r.includes('damaged in transit, but the platform shows the parcel as in_transit'))).toBe(true);
  });

  it('repeat complaints about one merchant and surges about one product come from the facts, each with its reason', async () => {
    const a = await app();
    const reasons: string[][] = [];
    for (let i = 0; i < 5; i++) {
      const id = await fileComplaint(consumer(a), 'refund', 'SHOP-2002');
      reasons.push((await a.app.core.store.require(id)).triage.reasons);
    }
    const merchant = (r: string[]) => r.find((x) => x.startsWith('merchant Lumen Home (m-lumen)'));
    expect(reasons.slice(0, 3).map(merchant)).toEqual([undefined, undefined, undefined]);
    expect(merchant(reasons[3]!)).toBe('merchant Lumen Home (m-lumen): 3 other complaints in 30 days → +5');
    expect(reasons[4]!.some((r) => r.startsWith('surge: 5 complaints about product MUG-02'))).toBe(true);
  });
});
