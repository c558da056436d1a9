import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../../helpers/redis-server.js';
import { eventually, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { FakeBotApi } from './fake-bot-api.js';
import { buttonUpdate, groupUpdate, photoUpdate, textUpdate } from './telegram-updates.fixture.js';

const TOKEN = '123456:TEST-token_abc';
const SECRET = 'webhook-secret_0123456789';
const AGENT = 'a-tian';
const redis = new TestRedis();
const api = new FakeBotApi(TOKEN);
const uploads = mkdtempSync(join(tmpdir(), 'redress-tg-'));
let t: TestApp;
let base = '';
let chatSeq = 7_000_000;

beforeAll(async () => {
  await redis.start();
  await api.start();
  t = await startTestApp(redis.url, {
    TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: api.url, UPLOAD_DIR: uploads, UPLOAD_MAX_BYTES: '500000',
  });
  await t.app.core.agents.upsert({ id: AGENT, name: 'Tian', role: 'agent', compensationLimit: 500 });
  const addr = t.app.http.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await t?.app.close();
  await api.close();
  await redis.destroy();
  rmSync(uploads, { recursive: true, force: true });
});

const post = (update: unknown, secret: string | null = SECRET) => fetch(`${base}/telegram/webhook`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
  body: JSON.stringify(update),
});
const lastText = (chat: number) => String(api.sent(String(chat)).at(-1)?.text ?? '');

/** The whole intake through the webhook; returns the complaint number from the last sendMessage. */
async function intake(chat: number): Promise<string> {
  for (const u of [
    textUpdate(chat, 'The parcel arrived damaged and the box was crushed'), buttonUpdate(chat, 'yes'), textUpdate(chat, 'A12345678'),
    textUpdate(chat, 'The lamp base is cracked.'), buttonUpdate(chat, 'skip'), buttonUpdate(chat, 'refund'), buttonUpdate(chat, 'confirm'),
  ]) expect((await post(u)).status).toBe(200);
  const id = /RD-\d{8}-\d{4}/.exec(lastText(chat))?.[0];
  if (!id) throw new Error(`no complaint number in "${lastText(chat)}"`);
  return id;
}

describe('telegram channel through the webhook', () => {
  it('runs a full intake: inline keyboards, button presses answered, a complaint number at the end', async () => {
    const chat = ++chatSeq;
    const id = await intake(chat);
    const sent = api.sent(String(chat));
    expect(sent.some((m) => Array.isArray((m.reply_markup as { inline_keyboard?: unknown[] } | undefined)?.inline_keyboard))).toBe(true);
    expect(sent.every((m) => m.parse_mode === undefined)).toBe(true);
    expect(api.calls.filter((c) => c.method === 'answerCallbackQuery')).toHaveLength(4);
    const complaint = await t.app.core.store.get(id);
    expect(complaint?.consumerId).toBe(`telegram:${chat}`);
  });

  it('refuses a forged or missing secret with 403 and handles nothing', async () => {
    const chat = ++chatSeq;
    expect((await post(textUpdate(chat, 'hello'), 'wrong-secret')).status).toBe(403);
    expect((await post(textUpdate(chat, 'hello'), null)).status).toBe(403);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.sent(String(chat))).toHaveLength(0);
  });

  it('downloads a photo through getFile and stores it; an oversized one is not downloaded', async () => {
    const chat = ++chatSeq;
    api.files.set('photo-ok', { path: 'photos/file_1.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]) });
    await post(textUpdate(chat, 'The parcel arrived damaged and the box was crushed'));
    await post(buttonUpdate(chat, 'yes'));
    await post(textUpdate(chat, 'A12345678'));
    await post(textUpdate(chat, 'The lamp base is cracked.'));
    expect((await post(photoUpdate(chat, 'photo-ok', 8))).status).toBe(200);
    expect(api.downloads).toContain('photos/file_1.jpg');
    const files = await readdir(join(uploads, 'telegram', String(chat)));
    expect(files).toHaveLength(1);
    expect((await readFile(join(uploads, 'telegram', String(chat), files[0]!))).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

    const before = api.calls.filter((c) => c.method === 'getFile').length;
    await post(photoUpdate(chat, 'photo-huge', 600_000));
    expect(api.calls.filter((c) => c.method === 'getFile').length).toBe(before);
    expect(api.sent(String(chat)).some((m) => /file is 0\.6 MB/.test(String(m.text)))).toBe(true);
    await post(buttonUpdate(chat, 'done'));
    await post(buttonUpdate(chat, 'refund'));
    await post(buttonUpdate(chat, 'confirm'));
    const id = /RD-\d{8}-\d{4}/.exec(lastText(chat))?.[0];
    const complaint = await t.app.core.store.get(id!);
    expect(complaint?.evidence).toEqual([expect.objectContaining({ kind: 'image', url: `/files/telegram/${chat}/${files[0]}` })]);
  });

  it('tells a group once that complaints are handled in private', async () => {
    const group = -1_000_000_000 - ++chatSeq;
    await post(groupUpdate(group, 42, 'my parcel is late'));
    await post(groupUpdate(group, 43, 'mine too'));
    expect(api.sent(String(group))).toHaveLength(1);
    expect(lastText(group)).toContain('private');
  });

  it('sends an agent reply to the right chat', async () => {
    const chat = ++chatSeq;
    const id = await intake(chat);
    await t.app.core.agentOps.claim(AGENT, id);
    await t.app.core.agentOps.reply(AGENT, id, 'Could you confirm the delivery address?');
    await eventually(() => api.sent(String(chat)).some((m) => String(m.text).includes('confirm the delivery address')), 'the agent reply at the fake');
  });

  it('waits out a 429 retry_after on a progress update and then delivers it', async () => {
    const chat = ++chatSeq;
    const id = await intake(chat);
    const count = api.sent(String(chat)).length;
    api.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }, 1, String(chat));
    const at = Date.now();
    await t.app.core.agentOps.claim(AGENT, id);
    await eventually(() => api.sent(String(chat)).length > count, 'the progress update after the 429');
    expect(Date.now() - at).toBeGreaterThanOrEqual(900);
    const attempts = api.calls.filter((c) => c.method === 'sendMessage' && String(c.body.chat_id) === String(chat)).length;
    expect(attempts).toBe(api.sent(String(chat)).length + 1);
    expect(String(api.sent(String(chat)).at(-1)?.text)).toContain(id);
  });

  it('records delivery_failed on the timeline when the bot was blocked (403)', async () => {
    const chat = ++chatSeq;
    const id = await intake(chat);
    api.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' }, 10, String(chat));
    await t.app.core.agentOps.claim(AGENT, id);
    await eventually(async () => (await t.app.core.store.timeline(id)).some((e) => e.type === 'delivery_failed'), 'delivery_failed on the timeline');
    const failed = (await t.app.core.store.timeline(id)).find((e) => e.type === 'delivery_failed')!;
    expect(String(failed.data?.error)).toContain('blocked');
    expect(String(failed.data?.error)).not.toContain(TOKEN);
  });
});
