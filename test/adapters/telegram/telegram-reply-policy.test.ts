/**
 * Issue 8 item 2 on Telegram: a dialog reply sent directly keeps the delivery policy queued messages keep. It never
 * overtakes a message already queued for the same chat (it waits behind it in the queue), and it counts in the bot's
 * per-second window (TELEGRAM_SENDS_PER_SECOND): past it, replies wait in the queue for the window instead of
 * drawing 429s. Real webhook, real telegraf, the local Bot API.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerTrips } from '../../../bench/redis-trips.js';
import { t as say } from '../../../src/i18n/catalog.js';
import { eventually } from '../../complaints/core-fixture.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { startTelegramApp, type TelegramTestApp } from './telegram-test-app.js';
import { buttonUpdate, textUpdate } from './telegram-updates.fixture.js';

const redis = new TestRedis();
let tg: TelegramTestApp;
let chatSeq = 9_700_000;

beforeAll(async () => {
  await redis.start();
  tg = await startTelegramApp(redis.url, { TELEGRAM_SENDS_PER_SECOND: '3' });
});
afterAll(async () => {
  await tg?.close();
  await redis.destroy();
});

describe('a dialog reply sent directly', () => {
  it('does not overtake a message queued for the same chat: it follows it through the queue', async () => {
    await new Promise((r) => setTimeout(r, 1100)); // an empty window
    const chat = ++chatSeq;
    const address = { channel: 'telegram', conversationId: String(chat), userId: String(chat) };
    // A progress message whose first send fails: it waits in the queue for its retry (about a second).
    tg.api.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' }, 1, String(chat));
    await tg.t.app.core.delivery.enqueue(address, { kind: 'progress', text: 'Queued progress update', idempotencyKey: `policy-${chat}` });
    await eventually(() => tg.refused(chat).length === 1, 10_000, 'the first attempt refused');
    await tg.post(textUpdate(chat, '/status'));
    await eventually(() => tg.texts(chat).length === 2, 15_000, 'both messages delivered');
    expect(tg.texts(chat)).toEqual(['Queued progress update', say('en', 'dialog.status_none')]);
  }, 30_000);

  it('counts in the bot\'s per-second window: past it, replies wait for the window in the queue, none is lost', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const chats = Array.from({ length: 5 }, () => ++chatSeq);
    const before = tg.api.calls.length;
    await Promise.all(chats.map((chat) => tg.post(textUpdate(chat, '/status'))));
    // The window holds 3 sends a second: at most 3 went out while the webhooks were answered.
    expect(tg.api.calls.slice(before).filter((c) => c.ok && c.method === 'sendMessage').length).toBeLessThanOrEqual(3);
    await eventually(() => chats.every((chat) => tg.texts(chat).length === 1), 15_000, 'every reply delivered');
    for (const chat of chats) expect(tg.texts(chat)).toEqual([say('en', 'dialog.status_none')]);
    expect(tg.api.calls.slice(before).filter((c) => !c.ok)).toEqual([]);
  }, 30_000);

  it('costs one round trip: an ordinary Telegram turn with one reply stays at 4, counted on the server', async () => {
    const admin = new Redis(redis.url);
    try {
      const chat = ++chatSeq;
      await tg.post(textUpdate(chat, 'The parcel arrived damaged and the box was crushed'));
      await new Promise((r) => setTimeout(r, 1100));
      const trips = new ServerTrips(admin);
      const counts: number[] = [];
      for (const update of [buttonUpdate(chat, 'yes'), textUpdate(chat, 'A12345678'), textUpdate(chat, 'The lamp base is cracked.')]) {
        counts.push((await trips.measure(() => tg.post(update))).all);
        await new Promise((r) => setTimeout(r, 1100)); // a clear window (this app allows 3 sends a second)
      }
      // Per-chat rate limit │ gate with the dialog state │ the reply's send slot with the chat's queue marks │ commit.
      expect(Math.max(...counts), counts.join(', ')).toBeLessThanOrEqual(4);
      expect(tg.lastText(chat)).toBe(say('en', 'dialog.photo_ask', { maxMb: 10 }));
    } finally {
      admin.disconnect();
    }
  }, 30_000);
});
