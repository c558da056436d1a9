/**
 * Issue 8 on Telegram: while Redis is gone (or full) the consumer gets the clear answer in the chat, through the Bot
 * API, within about REDIS_WAIT_MS; the webhook answers 200 then, and 500 (Telegram redelivers) only when that reply
 * could not be sent. Once Redis is back the same message goes through the dialog as usual.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { t as text } from '../../../src/i18n/catalog.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { FakeBotApi } from './fake-bot-api.js';
import { textUpdate } from './telegram-updates.fixture.js';

const TOKEN = '123456:TEST-token_abc';
const SECRET = 'webhook-secret_0123456789';
const redis = new TestRedis();
const api = new FakeBotApi(TOKEN);
const uploads = mkdtempSync(join(tmpdir(), 'redress-tg-'));
let t: TestApp;
let base = '';

beforeAll(async () => {
  await redis.start();
  await api.start();
  t = await startTestApp(redis.url, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: api.url, UPLOAD_DIR: uploads });
  const addr = t.app.http.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await t?.app.close();
  await api.close();
  await redis.destroy();
  rmSync(uploads, { recursive: true, force: true });
});

async function post(update: unknown): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${base}/telegram/webhook`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update),
  });
  return { status: res.status, ms: Date.now() - started };
}
const texts = (chat: number) => api.sent(String(chat)).map((m) => String(m.text));

it('while Redis is stopped: the reply in the chat within 2 s and a 200; a 500 when the reply cannot be sent; the dialog afterwards', async () => {
  const chat = 8_100_001;
  await redis.stop();
  try {
    const refused = await post(textUpdate(chat, '我的包裹坏了', 'zh-hans'));
    expect(refused.status).toBe(200);
    expect(refused.ms).toBeLessThan(2500);
    expect(texts(chat)).toEqual([text('zh', 'redis.unavailable')]);

    api.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' }, 1, String(chat));
    expect((await post(textUpdate(chat, 'hello?'))).status).toBe(500);
  } finally {
    await redis.start();
  }
  await post(textUpdate(chat, 'hello'));
  expect(texts(chat).at(-1)).toMatch(/Tell me in a few words/);
}, 30_000);

it('while Redis is full: the English reply and a 200, and nothing taken', async () => {
  const chat = 8_100_002;
  const admin = new Redis(redis.url, { maxRetriesPerRequest: null });
  try {
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await admin.config('SET', 'maxmemory', '1');
    expect((await post(textUpdate(chat, 'The parcel arrived damaged and the box was crushed'))).status).toBe(200);
    expect(texts(chat)).toEqual(["We can't take messages right now — please try again in a minute."]);
  } finally {
    await admin.config('SET', 'maxmemory', '0');
    admin.disconnect();
  }
  expect((await post(textUpdate(chat, 'The parcel arrived damaged and the box was crushed'))).status).toBe(200);
  expect(texts(chat).at(-1)).not.toMatch(/can't take messages/);
  // One refusal, then the dialog's answer to the same message (an acknowledgement, if it reads as upset, and the question).
  expect(texts(chat).filter((x) => /can't take messages/.test(x))).toHaveLength(1);
  expect(texts(chat).at(-1)).toMatch(/Damaged in transit/);
});
