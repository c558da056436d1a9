/**
 * Telegram in its own idiom (issue 10, item 9), driven through the real webhook with the secret header, real
 * telegraf code and a local Bot API that refuses what the real one refuses (fake-bot-api.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t as say, variant } from '../../../src/i18n/catalog.js';
import { CATEGORIES } from '../../../src/triage/triage.types.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { eventually, type TestApp } from '../../helpers/test-app.js';
import type { FakeBotApi } from './fake-bot-api.js';
import { keyboard, startTelegramApp, type TelegramTestApp } from './telegram-test-app.js';
import { buttonUpdate, contentUpdate, documentUpdate, editUpdate, LOCATION, STICKER, textUpdate, VOICE } from './telegram-updates.fixture.js';

const PER_MINUTE = 12;
const redis = new TestRedis();
let tg: TelegramTestApp;
let t: TestApp;
let api: FakeBotApi;
let chatSeq = 9_000_000;

beforeAll(async () => {
  await redis.start();
  tg = await startTelegramApp(redis.url, { TELEGRAM_MESSAGES_PER_MINUTE: String(PER_MINUTE), ORDER_ID_PATTERN: '[A-Z]{2}-\\d{6}-\\d{3}|A\\d{8}' });
  ({ t, api } = tg);
});
afterAll(async () => {
  await tg?.close();
  await redis.destroy();
});

const post = (update: unknown) => tg.post(update);
const sent = (chat: number) => tg.sent(chat);
const texts = (chat: number) => tg.texts(chat);
const lastText = (chat: number) => tg.lastText(chat);
const refused = (chat: number) => tg.refused(chat);

describe('telegram in its own idiom', () => {
  it('registers the command menu in English and Chinese at start-up, within the Bot API rules', async () => {
    await eventually(() => api.calls.filter((c) => c.method === 'setMyCommands' && c.ok).length === 2, 'both setMyCommands calls');
    const calls = api.calls.filter((c) => c.method === 'setMyCommands');
    expect(calls.every((c) => c.ok)).toBe(true);
    const en = calls.find((c) => c.body.language_code === undefined)!.body.commands as Array<{ command: string; description: string }>;
    const zh = calls.find((c) => c.body.language_code === 'zh')!.body.commands as Array<{ command: string; description: string }>;
    expect(en.map((c) => c.command)).toEqual(expect.arrayContaining(['start', 'status', 'new', 'human', 'cancel', 'lang', 'help']));
    expect(zh.map((c) => c.command)).toEqual(en.map((c) => c.command));
    expect(en.find((c) => c.command === 'status')?.description).toBe(say('en', 'telegram.command.status'));
    expect(zh.every((c) => /[\u4e00-\u9fff]/.test(c.description))).toBe(true);
  });

  it('offers all ten categories, two to a row, and each of them can be chosen', async () => {
    const first = ++chatSeq;
    await post(textUpdate(first, 'The parcel arrived damaged and the box was crushed'));
    await post(buttonUpdate(first, 'no'));
    const rows = keyboard(sent(first).at(-1));
    expect(rows.flat().map((b) => b.callback_data)).toEqual([...CATEGORIES]);
    expect(rows.every((r) => r.length <= 2)).toBe(true);
    expect(rows.flat().map((b) => b.text)).toEqual(expect.arrayContaining(['Billing or payment', 'Something else']));
    for (const category of CATEGORIES) {
      const chat = category === CATEGORIES[0] ? first : ++chatSeq;
      if (chat !== first) {
        await post(textUpdate(chat, 'The parcel arrived damaged and the box was crushed'));
        await post(buttonUpdate(chat, 'no'));
      }
      await post(buttonUpdate(chat, category));
      expect(lastText(chat), category).toMatch(/order number/);
    }
    // The last one (Something else) goes through to the summary, which names it.
    const chat = chatSeq;
    for (const u of [textUpdate(chat, 'A12345678'), textUpdate(chat, 'They charged me twice.'), buttonUpdate(chat, 'skip'), buttonUpdate(chat, 'refund')]) await post(u);
    expect(lastText(chat)).toContain(`• Problem: ${say('en', 'category.other')}`);
    expect(refused(first)).toEqual([]);
  });

  it('answers a user whose Telegram is in Chinese in Chinese: commands, unknown commands and an old button', async () => {
    const chat = ++chatSeq;
    await post(textUpdate(chat, '/status', 'zh-hans'));
    expect(lastText(chat)).toBe(say('zh', 'dialog.status_none'));
    await post(textUpdate(chat, '/help', 'zh-hans'));
    expect(lastText(chat)).toBe(say('zh', 'dialog.help'));
    await post(textUpdate(chat, '/frobnicate', 'zh-hans'));
    expect(lastText(chat)).toBe(say('zh', 'dialog.unknown_command', { command: '/frobnicate' }));
    await post(buttonUpdate(chat, 'accept:RD-20260101-0001', 'zh-hans'));
    expect(lastText(chat)).toBe(say('zh', 'dialog.action_not_yours'));
    expect(texts(chat).every((x) => /[\u4e00-\u9fff]/.test(x))).toBe(true);
  });

  it('tells the user what it can take when a sticker, voice message or location arrives, and asks its question again', async () => {
    const chat = ++chatSeq;
    await post(textUpdate(chat, 'The parcel arrived damaged and the box was crushed'));
    await post(buttonUpdate(chat, 'yes'));
    const question = lastText(chat);
    for (const [content, what] of [[STICKER, 'stickers'], [VOICE, 'voice messages'], [LOCATION, 'locations']] as const) {
      const before = sent(chat).length;
      await post(contentUpdate(chat, content));
      const replies = texts(chat).slice(before);
      expect(replies[0]).toBe(say('en', 'dialog.unsupported', { what }));
      expect(replies.at(-1)).toBe(question);
    }
    const zh = ++chatSeq;
    await post(contentUpdate(zh, STICKER, 'zh-hans'));
    expect(lastText(zh)).toBe(say('zh', 'dialog.unsupported', { what: say('zh', 'content.sticker') }));
  });

  it('asks for an edited message to be sent again, once per edit', async () => {
    const chat = ++chatSeq;
    await post(textUpdate(chat, 'The parcel arrived damaged and the box was crushed'));
    const edit = editUpdate(chat, 4242, 'The parcel arrived damaged and the lamp is broken');
    await post(edit);
    expect(lastText(chat)).toBe(say('en', 'dialog.edited'));
    const count = sent(chat).length;
    await post(edit);
    expect(sent(chat)).toHaveLength(count);
  });

  it('keeps the summary of a 3,990-character description in one message, with its question; the case keeps all of it', async () => {
    const chat = ++chatSeq;
    const description = `${'The lamp base is cracked and the shade is dented. '.repeat(80)}`.slice(0, 3990);
    expect(description).toHaveLength(3990);
    for (const u of [textUpdate(chat, 'The parcel arrived damaged'), buttonUpdate(chat, 'yes'), textUpdate(chat, 'A12345678'), textUpdate(chat, description), buttonUpdate(chat, 'skip'), buttonUpdate(chat, 'refund')]) await post(u);
    const summary = lastText(chat);
    expect(summary.length).toBeLessThanOrEqual(4096);
    expect(summary.endsWith('Shall I send it?')).toBe(true);
    expect(summary).toContain('the specialist gets all 3990 characters');
    expect(keyboard(sent(chat).at(-1)).flat().map((b) => b.callback_data)).toEqual(['confirm', 'change', 'cancel']);
    expect(refused(chat)).toEqual([]);
    await post(buttonUpdate(chat, 'confirm'));
    const id = /RD-\d{8}-\d{4}/.exec(lastText(chat))?.[0];
    expect((await t.app.core.store.require(id!)).description).toBe(description);
  });

  it('welcomes on /start, and a deep link with an order number pre-fills it', async () => {
    const plain = ++chatSeq;
    await post(textUpdate(plain, '/start'));
    expect(lastText(plain)).toBe(say('en', 'dialog.welcome', { bot: say('en', 'bot.name') }));

    const chat = ++chatSeq;
    await post(textUpdate(chat, '/start MM-240815-001'));
    expect(lastText(chat)).toBe(say('en', 'dialog.welcome_order', { bot: say('en', 'bot.name'), order: 'MM-240815-001' }));
    await post(textUpdate(chat, 'The parcel arrived damaged and the box was crushed'));
    await post(buttonUpdate(chat, 'yes'));
    // No order question: straight on to the description.
    expect(lastText(chat)).toBe(say('en', 'dialog.description_ask'));
    for (const u of [textUpdate(chat, 'The lamp base is cracked.'), buttonUpdate(chat, 'skip'), buttonUpdate(chat, 'refund')]) await post(u);
    expect(lastText(chat)).toContain('• Order: MM-240815-001');
    await post(buttonUpdate(chat, 'confirm'));
    const id = /RD-\d{8}-\d{4}/.exec(lastText(chat))?.[0];
    expect((await t.app.core.store.require(id!)).orderId).toBe('MM-240815-001');

    const bad = ++chatSeq;
    await post(textUpdate(bad, '/start not_an_order'));
    expect(lastText(bad)).toBe(say('en', 'dialog.welcome', { bot: say('en', 'bot.name') }));

    // Reopening the chat (Telegram sends /start again) with a case open: what they write still reaches its specialist.
    await post(textUpdate(chat, '/start'));
    expect(lastText(chat)).toBe(say('en', 'dialog.welcome_open', { bot: say('en', 'bot.name'), id: id! }));
    await post(textUpdate(chat, 'Any news on the refund?'));
    await eventually(async () => (await t.app.core.store.require(id!)).texts.includes('Any news on the refund?'), 'the message on the open case');
  });

  it('acknowledges an angry first message before its first question, on Telegram too', async () => {
    const chat = ++chatSeq;
    await post(textUpdate(chat, "My parcel arrived broken and nobody answers my emails. I'm really angry!!!"));
    const [ack, question] = texts(chat);
    expect(ack).toBe(variant('en', 'ack.angry', `telegram:${chat}`));
    expect(question).toBe(say('en', 'dialog.category_suggest', { category: say('en', 'category.damaged_in_transit') }));
    const zh = ++chatSeq;
    await post(textUpdate(zh, '快递到了东西全碎了，客服也不理人，气死我了！！！', 'zh-hans'));
    expect(texts(zh)[0]).toBe(variant('zh', 'ack.angry', `telegram:${zh}`));
  });

  it('reads a document\'s type from its bytes: a PDF called a PNG is refused, a PNG sent as a file is a photo', async () => {
    const chat = ++chatSeq;
    api.files.set('doc-fake-png', { path: 'documents/file_9.png', bytes: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n') });
    api.files.set('doc-real-png', { path: 'documents/file_10.bin', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
    for (const u of [textUpdate(chat, 'The parcel arrived damaged and the box was crushed'), buttonUpdate(chat, 'yes'), textUpdate(chat, 'A12345678'), textUpdate(chat, 'The lamp base is cracked.')]) await post(u);
    await post(documentUpdate(chat, 'doc-fake-png', 'image/png', 30));
    expect(texts(chat)).toContain(say('en', 'dialog.photo_bad_type', { type: say('en', 'filetype.other') }));
    await post(documentUpdate(chat, 'doc-real-png', 'application/octet-stream', 12, 'scan.bin'));
    expect(lastText(chat)).toBe(say('en', 'dialog.photo_received', { count: 1 }));
  });

  it('answers a press on an expired long button in the user\'s language and asks the question again', async () => {
    const chat = ++chatSeq;
    await post(textUpdate(chat, 'The parcel arrived damaged and the box was crushed'));
    const question = lastText(chat);
    await post(buttonUpdate(chat, `#${'x'.repeat(40)}`, 'zh-hans'));
    expect(texts(chat).slice(-2)).toEqual([say('en', 'dialog.button_expired'), question]);
    const zh = ++chatSeq;
    await post(buttonUpdate(zh, `#${'y'.repeat(40)}`, 'zh-hans'));
    expect(lastText(zh)).toBe(say('zh', 'dialog.button_expired'));
  });

  it('limits how fast one chat is handled: the first message over the limit is answered once, the rest are not handled', async () => {
    // Stay inside one minute's window.
    if (Date.now() % 60_000 > 50_000) await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 200));
    const chat = ++chatSeq;
    for (let i = 0; i < PER_MINUTE + 4; i++) await post(textUpdate(chat, `/help ${i}`));
    expect(texts(chat).filter((x) => x === say('en', 'telegram.rate_limited'))).toHaveLength(1);
    expect(texts(chat).filter((x) => x === say('en', 'dialog.help'))).toHaveLength(PER_MINUTE);
    const other = ++chatSeq;
    await post(textUpdate(other, '/help'));
    expect(lastText(other)).toBe(say('en', 'dialog.help'));
  });
});

describe('the fake Bot API refuses what Telegram refuses', () => {
  const call = async (method: string, body: unknown) => (await fetch(`${api.url}/bot${api.token}/${method}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  })).status;

  it('text over 4096, callback_data over 64 bytes, a bad keyboard, bad command lists', async () => {
    expect(await call('sendMessage', { chat_id: 1, text: 'x'.repeat(4096) })).toBe(200);
    expect(await call('sendMessage', { chat_id: 1, text: 'x'.repeat(4097) })).toBe(400);
    expect(await call('sendMessage', { chat_id: 1, text: '' })).toBe(400);
    expect(await call('sendMessage', { chat_id: 1, text: 'q', reply_markup: { inline_keyboard: [[{ text: 'a', callback_data: 'é'.repeat(33) }]] } })).toBe(400);
    expect(await call('sendMessage', { chat_id: 1, text: 'q', reply_markup: { inline_keyboard: [[]] } })).toBe(400);
    expect(await call('sendMessage', { chat_id: 1, text: 'q', reply_markup: { inline_keyboard: [[{ text: 'a' }]] } })).toBe(400);
    expect(await call('setMyCommands', { commands: [{ command: 'Status', description: 'x' }] })).toBe(400);
    expect(await call('setMyCommands', { commands: [{ command: 'status', description: '' }] })).toBe(400);
    expect(await call('setMyCommands', { commands: [{ command: 'status', description: 'x'.repeat(257) }] })).toBe(400);
    expect(await call('setMyCommands', { commands: [{ command: 'status', description: 'ok' }], language_code: 'zh' })).toBe(200);
  });
});
