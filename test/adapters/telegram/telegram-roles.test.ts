import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { eventually, startTestApp } from '../../helpers/test-app.js';
import { FakeBotApi } from './fake-bot-api.js';

const TOKEN = '654321:ROLE-token';
const SECRET = 'role_secret-42';
const redis = new TestRedis();
const api = new FakeBotApi(TOKEN);

beforeAll(async () => {
  await redis.start();
  await api.start();
});
afterAll(async () => {
  await api.close();
  await redis.destroy();
});

const env = () => ({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: api.url });

describe('telegram config', () => {
  it('is off without a token; a token without a secret is reported with every other problem', () => {
    expect(loadConfig({}).TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, PORT: 'abc' })).toThrow(/PORT[\s\S]*TELEGRAM_WEBHOOK_SECRET: required/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: 'has spaces!' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: 'not-a-token', TELEGRAM_WEBHOOK_SECRET: SECRET })).toThrow(/TELEGRAM_BOT_TOKEN/);
    const c = loadConfig({ ...env(), TELEGRAM_BOT_USERNAME: '@redress_bot' });
    expect(c.TELEGRAM_BOT_USERNAME).toBe('redress_bot');
    expect(loadConfig({}).TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
  });
});

describe('telegram wiring by role', () => {
  it('a worker can send through Telegram but mounts no webhook', async () => {
    const t = await startTestApp(redis.url, env(), { role: 'worker' });
    try {
      const channel = t.app.core.channels.get('telegram');
      expect(channel?.capabilities).toMatchObject({ perConversationPerSecond: 1, perChannelPerSecond: 30, maxButtons: 100 });
      await channel!.send({ channel: 'telegram', conversationId: '99', userId: '99' }, { kind: 'system', text: 'from a worker' });
      expect(api.sent('99').at(-1)?.text).toBe('from a worker');
      const res = await t.app.http.inject({ method: 'POST', url: '/telegram/webhook', headers: { 'x-telegram-bot-api-secret-token': SECRET }, payload: { update_id: 1 } });
      expect(res.statusCode).toBe(404);
    } finally {
      await t.app.close();
    }
  });

  it('with an https PUBLIC_URL, sets the webhook with the secret at start-up', async () => {
    const t = await startTestApp(redis.url, { ...env(), PUBLIC_URL: 'https://redress.example.com/' });
    try {
      await eventually(() => api.calls.some((c) => c.method === 'setWebhook'), 'setWebhook at the fake');
      expect(api.calls.find((c) => c.method === 'setWebhook')?.body).toMatchObject({ url: 'https://redress.example.com/telegram/webhook', secret_token: SECRET });
    } finally {
      await t.app.close();
    }
  });
});
