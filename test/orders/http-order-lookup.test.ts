// The HTTP order look-up on its own: contract answers, a malformed answer, and the small cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpOrderLookup } from '../../src/orders/http-order-lookup.js';
import type { OrderFacts } from '../../src/orders/order-facts.js';
import { OrderServer } from './order-server.js';

const SECRET = 'orders-secret-0123456789';
const FACTS: OrderFacts = {
  orderId: 'SHOP-1', consumerId: 'alice', merchant: { id: 'm-1', name: 'Lumen' }, items: [{ sku: 'SKU-1', name: 'Lamp', quantity: 1, price: 80 }],
  amount: 80, currency: 'CNY', orderedAt: '2026-11-20T09:00:00Z',
};
const BROKEN = { orderId: 'SHOP-BAD', merchant: 'not an object' } as unknown as OrderFacts;
const server = new OrderServer(SECRET, [FACTS, BROKEN]);

beforeAll(() => server.start());
afterAll(() => server.stop());

describe('HttpOrderLookup', () => {
  it('answers found / not found per the contract and caches both for a minute, per consumer', async () => {
    // The server checks timestamps against the real clock, so the look-up's clock starts there.
    let now = Date.now();
    const lookup = new HttpOrderLookup({ url: server.url, secret: SECRET, timeoutMs: 1000, now: () => now });
    const asked = () => server.requests.filter((r) => r.orderId === 'SHOP-1' || r.orderId === 'NOPE').length;
    expect(await lookup.find('SHOP-1', 'alice')).toEqual({ kind: 'found', facts: FACTS });
    expect(await lookup.find('NOPE', null)).toEqual({ kind: 'not_found' });
    expect(asked()).toBe(2);
    await lookup.find('SHOP-1', 'alice');
    await lookup.find('NOPE', null);
    expect(asked()).toBe(2);
    await lookup.find('SHOP-1', 'bob');
    expect(asked()).toBe(3);
    now += 61_000;
    // A minute later the answer is asked again (the signature's timestamp is then a minute ahead: within 5 minutes).
    await lookup.find('SHOP-1', 'alice');
    expect(asked()).toBe(4);
  });

  it('an answer that breaks the contract is "unavailable", never half-read facts', async () => {
    const lookup = new HttpOrderLookup({ url: server.url, secret: SECRET, timeoutMs: 1000, now: Date.now });
    expect(await lookup.find('SHOP-BAD', null)).toEqual({ kind: 'unavailable', reason: 'the order system\'s answer did not match the contract' });
  });
});
