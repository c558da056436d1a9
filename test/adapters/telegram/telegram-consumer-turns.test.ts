/**
 * Issue 10 on Telegram, through the real webhook, real telegraf code and the local Bot API: `/cancel` typed
 * mid-dialog asks before the draft goes; the language Telegram gives (language_code) or the consumer chose (/lang)
 * is not flipped by one message in another script; a slow turn shows "typing…" (sendChatAction) once, and a chat
 * action that fails never fails the turn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t as say } from '../../../src/i18n/catalog.js';
import { TYPING_AFTER_MS, TYPING_RENEW_MS } from '../../../adapters/telegram/telegram-typing.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { keyboard, startTelegramApp, type TelegramTestApp } from './telegram-test-app.js';
import { buttonUpdate, photoUpdate, textUpdate } from './telegram-updates.fixture.js';

const redis = new TestRedis();
let tg: TelegramTestApp;
let chatSeq = 9_500_000;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

beforeAll(async () => {
  await redis.start();
  tg = await startTelegramApp(redis.url);
});
afterAll(async () => {
  await tg?.close();
  await redis.destroy();
});

const buttons = (chat: number) => keyboard(tg.sent(chat).at(-1)).flat();
const chatActions = (chat: number) => tg.api.calls.filter((c) => c.method === 'sendChatAction' && String(c.body.chat_id) === String(chat));

/** Up to the description question, in `lang` (Telegram's language_code). */
async function toDescription(chat: number, lang = 'en'): Promise<void> {
  await tg.post(textUpdate(chat, lang === 'en' ? 'The parcel arrived damaged and the box was crushed' : '快递到了，东西摔坏了，盒子都压扁了', lang));
  await tg.post(buttonUpdate(chat, 'yes', lang));
  await tg.post(textUpdate(chat, 'A12345678', lang));
  expect(tg.lastText(chat)).toBe(say(lang === 'en' ? 'en' : 'zh', 'dialog.description_ask'));
}

describe('/cancel typed mid-dialog', () => {
  it('asks first; No goes back to the question, Yes deletes the draft', async () => {
    const chat = ++chatSeq;
    await toDescription(chat);
    await tg.post(textUpdate(chat, '/cancel'));
    expect(tg.lastText(chat)).toBe(say('en', 'dialog.cancel_confirm'));
    expect(buttons(chat).map((b) => [b.callback_data, b.text])).toEqual([['cancel_yes', say('en', 'dialog.cancel_yes')], ['cancel_no', say('en', 'dialog.cancel_no')]]);
    await tg.post(buttonUpdate(chat, 'cancel_no'));
    expect(tg.lastText(chat)).toBe(say('en', 'dialog.description_ask'));
    // The draft is as it was: the description goes on to the photo step.
    await tg.post(textUpdate(chat, 'The lamp base is cracked.'));
    expect(tg.lastText(chat)).toBe(say('en', 'dialog.photo_ask', { maxMb: 10 }));

    await tg.post(textUpdate(chat, '/cancel'));
    await tg.post(textUpdate(chat, '/cancel'));
    expect(tg.texts(chat).slice(-2)).toEqual([say('en', 'dialog.cancel_confirm'), say('en', 'dialog.cancel_confirm')]);
    await tg.post(buttonUpdate(chat, 'cancel_yes'));
    expect(tg.lastText(chat)).toBe(say('en', 'dialog.cancelled'));
    await tg.post(textUpdate(chat, '/status'));
    expect(tg.lastText(chat)).toBe(say('en', 'dialog.status_none'));
    // Gone: the next words start a new complaint, not the photo step.
    await tg.post(textUpdate(chat, 'The parcel arrived damaged and the box was crushed'));
    expect(buttons(chat).map((b) => b.callback_data)).toEqual(['yes', 'no']);
    expect(tg.refused(chat)).toEqual([]);
  });

  it('asks in Chinese for a zh user, and the typed answer (the button\'s label) works too', async () => {
    const chat = ++chatSeq;
    await toDescription(chat, 'zh-hans');
    await tg.post(textUpdate(chat, '/取消', 'zh-hans'));
    expect(tg.lastText(chat)).toBe(say('zh', 'dialog.cancel_confirm'));
    expect(buttons(chat).map((b) => b.text)).toEqual([say('zh', 'dialog.cancel_yes'), say('zh', 'dialog.cancel_no')]);
    await tg.post(textUpdate(chat, say('zh', 'dialog.cancel_yes'), 'zh-hans'));
    expect(tg.lastText(chat)).toBe(say('zh', 'dialog.cancelled'));
  });
});

describe('the conversation\'s language', () => {
  it('stays Chinese for a zh language_code when one message is in English', async () => {
    const chat = ++chatSeq;
    await toDescription(chat, 'zh-hans');
    await tg.post(textUpdate(chat, 'The IKEA lamp base is cracked and the shade is dented.', 'zh-hans'));
    expect(tg.lastText(chat)).toBe(say('zh', 'dialog.photo_ask', { maxMb: 10 }));
  });

  it('keeps the language chosen with /lang when the consumer writes in the other script', async () => {
    const chat = ++chatSeq;
    await tg.post(textUpdate(chat, '/lang en', 'zh-hans'));
    expect(tg.lastText(chat)).toBe(say('en', 'dialog.language_set'));
    await tg.post(textUpdate(chat, '快递到了，东西摔坏了，盒子都压扁了', 'zh-hans'));
    expect(tg.lastText(chat)).toBe(say('en', 'dialog.category_suggest', { category: say('en', 'category.damaged_in_transit') }));
  });

  it('reads the language from the text when Telegram\'s is one we have no catalogue for', async () => {
    const chat = ++chatSeq;
    await tg.post(textUpdate(chat, '快递到了，东西摔坏了，盒子都压扁了', 'de'));
    expect(tg.lastText(chat)).toBe(say('zh', 'dialog.category_suggest', { category: say('zh', 'category.damaged_in_transit') }));
  });
});

describe('"typing…" while a turn runs', () => {
  it('sends one typing action during a slow turn (a photo that takes 2 s to download), before the answer; none for a quick one', async () => {
    const quick = ++chatSeq;
    await tg.post(textUpdate(quick, '/help'));
    expect(tg.texts(quick).length).toBeGreaterThan(0);
    expect(chatActions(quick)).toEqual([]);

    const chat = ++chatSeq;
    await toDescription(chat);
    await tg.post(textUpdate(chat, 'The lamp base is cracked.'));
    tg.api.files.set('slow-photo', { path: 'photos/slow.jpg', bytes: JPEG, delayMs: 2000 });
    const before = chatActions(chat).length;
    const started = Date.now();
    await tg.post(photoUpdate(chat, 'slow-photo', JPEG.length));
    const took = Date.now() - started;
    expect(tg.lastText(chat)).toBe(say('en', 'dialog.photo_received', { count: 1 }));
    const actions = chatActions(chat).slice(before);
    // One when the turn passed TYPING_AFTER_MS, one more per TYPING_RENEW_MS it ran on: never one per reply.
    expect(actions.length).toBeGreaterThanOrEqual(1);
    expect(actions.length).toBeLessThanOrEqual(1 + Math.floor(Math.max(0, took - TYPING_AFTER_MS) / TYPING_RENEW_MS));
    expect(actions.map((c) => [c.ok, c.body])).toEqual(actions.map(() => [true, { chat_id: String(chat), action: 'typing' }]));
    const answer = tg.api.calls.findIndex((c) => c.method === 'sendMessage' && c.body.text === say('en', 'dialog.photo_received', { count: 1 }) && String(c.body.chat_id) === String(chat));
    expect(tg.api.calls.indexOf(actions[0]!)).toBeLessThan(answer);
  });

  it('answers as usual when the typing action is refused', async () => {
    const chat = ++chatSeq;
    await toDescription(chat);
    await tg.post(textUpdate(chat, 'The lamp base is cracked.'));
    tg.api.files.set('slow-photo-2', { path: 'photos/slow-2.jpg', bytes: JPEG, delayMs: 1800 });
    const before = chatActions(chat).length;
    tg.api.failNext('sendChatAction', { error_code: 429, description: 'Too Many Requests: retry after 5', parameters: { retry_after: 5 } }, 1, String(chat));
    await tg.post(photoUpdate(chat, 'slow-photo-2', JPEG.length));
    expect(chatActions(chat).slice(before).map((c) => c.ok)[0]).toBe(false);
    expect(tg.lastText(chat)).toBe(say('en', 'dialog.photo_received', { count: 1 }));
  });

  it('the fake Bot API takes sendChatAction only with its documented parameters', async () => {
    const call = async (body: unknown) => (await fetch(`${tg.api.url}/bot${tg.api.token}/sendChatAction`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    })).status;
    expect(await call({ chat_id: 1, action: 'typing' })).toBe(200);
    expect(await call({ chat_id: '1', action: 'upload_photo', message_thread_id: 7 })).toBe(200);
    expect(await call({ chat_id: 1, action: 'thinking' })).toBe(400);
    expect(await call({ action: 'typing' })).toBe(400);
    expect(await call({ chat_id: 1, action: 'typing', text: 'typing…' })).toBe(400);
  });
});
