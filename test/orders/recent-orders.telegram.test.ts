/**
 * Recent orders as inline-keyboard buttons in Telegram, through the webhook and a local Bot API that rejects what
 * the real one rejects (callback_data over 64 bytes among it): long order numbers still make valid buttons, and a
 * press files the case with that order's facts. The platform hears of the user as `telegram:<user id>`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderFacts } from '../../src/orders/order-facts.js';
import { FakeBotApi } from '../adapters/telegram/fake-bot-api.js';
import { buttonUpdate, textUpdate } from '../adapters/telegram/telegram-updates.fixture.js';
import { TestRedis } from '../helpers/redis-server.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { OrderServer } from './order-server.js';

const TOKEN = '123456:TEST-token_abc';
const WEBHOOK_SECRET = 'webhook-secret_0123456789';
const ORDERS_SECRET = 'orders-secret-0123456789';
const CHAT = 8_100_001;
const order = (orderId: string, name: string, orderedAt: string): OrderFacts => ({
  orderId, consumerId: `telegram:${CHAT}`, merchant: { id: 'm-lumen', name: 'Lumen Home' },
  items: [{ sku: `SKU-${orderedAt.slice(8, 10)}`, name, quantity: 1, price: 99 }], amount: 99, currency: 'CNY', orderedAt,
  delivery: { status: 'in_transit', courier: 'SF Express' },
});
// 64 ASCII characters (the most callback_data takes), and 61 characters that are 67 bytes in UTF-8.
const LONG_ASCII = `SHOP-${'A'.repeat(59)}`;
const LONG_UTF8 = `订单号-${'B'.repeat(57)}`;
const redis = new TestRedis();
const api = new FakeBotApi(TOKEN);
const orders = new OrderServer(ORDERS_SECRET, [
  order(LONG_ASCII, 'Desk lamp with a very long product name that goes on', '2026-11-20T09:00:00Z'),
  order(LONG_UTF8, '羊毛毯', '2026-11-24T09:00:00Z'),
]);
let t: TestApp;
let base = '';

beforeAll(async () => {
  await Promise.all([redis.start(), api.start(), orders.start()]);
  t = await startTestApp(redis.url, {
    TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET, TELEGRAM_API_ROOT: api.url,
    ORDER_LOOKUP_URL: orders.url, ORDER_LOOKUP_SECRET: ORDERS_SECRET, ORDER_LOOKUP_TIMEOUT_MS: '500',
  });
  const addr = t.app.http.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await t?.app.close();
  await Promise.all([api.close(), orders.stop()]);
  await redis.destroy();
});

const post = async (update: unknown) => {
  const res = await fetch(`${base}/telegram/webhook`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET }, body: JSON.stringify(update),
  });
  expect(res.status).toBe(200);
};
type Button = { text: string; callback_data: string };
const lastMessage = () => api.sent(String(CHAT)).at(-1) ?? {};
const buttons = () => ((lastMessage().reply_markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();

describe('recent orders in Telegram', () => {
  it('offers long order numbers as buttons whose callback_data fits 64 bytes; a press files the case with that order', async () => {
    await post(textUpdate(CHAT, 'The parcel arrived damaged and the box was crushed'));
    await post(buttonUpdate(CHAT, 'yes'));
    expect(orders.recentRequests).toContainEqual({ recentFor: `telegram:${CHAT}`, limit: 5 });
    const offered = buttons();
    expect(offered.map((b) => b.text)).toEqual([
      `…${LONG_UTF8.slice(-15)} · 羊毛毯 · 24 Nov 2026`, `…${LONG_ASCII.slice(-15)} · Desk lamp with a very l… · 20 Nov 2026`, 'Another order', 'I don\'t have it',
    ]);
    // The fake Bot API refused nothing, and every button's data is within Telegram's 64 bytes.
    expect(api.calls.filter((c) => !c.ok)).toEqual([]);
    for (const b of offered) expect(Buffer.byteLength(b.callback_data, 'utf8')).toBeLessThanOrEqual(64);
    // The 64-byte number travels as itself; the 67-byte one as a short reference the transport resolves.
    expect(offered[1]!.callback_data).toBe(LONG_ASCII);
    expect(offered[0]!.callback_data).not.toBe(LONG_UTF8);
    await post(buttonUpdate(CHAT, offered[0]!.callback_data));
    for (const u of [textUpdate(CHAT, 'It arrived torn.'), buttonUpdate(CHAT, 'skip'), buttonUpdate(CHAT, 'refund')]) await post(u);
    expect(String(lastMessage().text)).toContain(`• Order: ${LONG_UTF8} (羊毛毯 × 1)`);
    await post(buttonUpdate(CHAT, 'confirm'));
    const id = /RD-\d{8}-\d{4}/.exec(String(lastMessage().text))?.[0];
    expect(id).toBeDefined();
    expect(await t.app.core.store.require(id!)).toMatchObject({ orderId: LONG_UTF8, merchantId: 'm-lumen', productId: 'SKU-24' });
    expect(orders.badSignatures).toBe(0);
  });
});
