/**
 * A whole Redress with Telegram on, against the local Bot API (fake-bot-api.ts), driven through the real webhook with
 * its secret header; plus the readers a test needs of what the bot sent to a chat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { FakeBotApi } from './fake-bot-api.js';

const TOKEN = '123456:TEST-token_idiom';
const SECRET = 'webhook-secret_idiom_0123';

export type InlineKeyboard = Array<Array<{ text: string; callback_data: string }>>;

export interface TelegramTestApp {
  t: TestApp;
  api: FakeBotApi;
  /** POSTs one update to the webhook and expects 200. */
  post(update: unknown): Promise<void>;
  /** The messages Telegram accepted for `chat`. */
  sent(chat: number): Array<Record<string, unknown>>;
  texts(chat: number): string[];
  lastText(chat: number): string;
  /** The API calls to `chat` that the fake refused. */
  refused(chat: number): FakeBotApi['calls'];
  close(): Promise<void>;
}

export function keyboard(m: Record<string, unknown> | undefined): InlineKeyboard {
  return (m?.reply_markup as { inline_keyboard?: InlineKeyboard } | undefined)?.inline_keyboard ?? [];
}

export async function startTelegramApp(redisUrl: string, env: Record<string, string> = {}): Promise<TelegramTestApp> {
  const api = new FakeBotApi(TOKEN);
  await api.start();
  const uploads = mkdtempSync(join(tmpdir(), 'redress-tg-'));
  // The tests' turns follow each other faster than Telegram's 30 sends a second per bot, and read replies as soon as
  // the webhook answers: past the window they would go through the queue. telegram-reply-policy.test.ts keeps 30.
  const t = await startTestApp(redisUrl, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: api.url, UPLOAD_DIR: uploads, TELEGRAM_SENDS_PER_SECOND: '1000', ...env });
  const addr = t.app.http.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const sent = (chat: number) => api.sent(String(chat));
  const texts = (chat: number) => sent(chat).map((m) => String(m.text));
  return {
    t, api, sent, texts,
    lastText: (chat) => texts(chat).at(-1) ?? '',
    refused: (chat) => api.calls.filter((c) => !c.ok && String(c.body.chat_id) === String(chat)),
    post: async (update) => {
      const res = await fetch(`${base}/telegram/webhook`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update),
      });
      expect(res.status).toBe(200);
    },
    close: async () => {
      await t.app.close();
      await api.close();
      rmSync(uploads, { recursive: true, force: true });
    },
  };
}
