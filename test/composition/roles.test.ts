/**
 * Every role × every enabled channel and workspace: the adapter table registers each one in every role, and
 * each can deliver from there — a worker-role process with no HTTP routes of its own included. Real Redis,
 * real telegraf and Bolt clients against local servers that speak the Bot API and the Slack Web API.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/composition/create-app.js';
import { consoleKeys } from '../../adapters/console/console.keys.js';
import { FakeBotApi } from '../adapters/telegram/fake-bot-api.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { TestRedis } from '../helpers/redis-server.js';
import { eventually, startTestApp } from '../helpers/test-app.js';

const TOKEN = '123456:TEST-token_abc';
const redis = new TestRedis();
const telegram = new FakeBotApi(TOKEN);
let slack: FakeSlack;
let env: Record<string, string>;

beforeAll(async () => {
  await redis.start();
  await telegram.start();
  slack = await startFakeSlack();
  env = {
    TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: 'webhook-secret_0123456789', TELEGRAM_API_ROOT: telegram.url, TELEGRAM_BOT_USERNAME: 'redress_test_bot',
    SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'slack-signing-secret', SLACK_QUEUE_CHANNEL: 'CQUEUE1', SLACK_API_URL: slack.url,
  };
});
afterAll(async () => {
  await slack.close();
  await telegram.close();
  await redis.destroy();
});

describe.each<Role>(['all', 'web', 'worker'])('role %s', (role) => {
  it('registers every enabled channel and workspace, and each delivers from this process', async () => {
    const t = await startTestApp(redis.url, env, { role });
    const sub = new Redis(redis.url);
    try {
      expect(t.app.core.channels.ids().sort()).toEqual(['telegram', 'test', 'webchat']);
      expect(t.app.core.workspaces.ids().sort()).toEqual(['console', 'recording', 'slack']);
      const chatId = String(9_000_000 + ['all', 'web', 'worker'].indexOf(role));
      const message = { kind: 'agent_reply' as const, text: `From a ${role} process`, idempotencyKey: `roles-${role}` };
      // Dialog replies go straight to the channel in every role; queued updates wherever a worker runs.
      const tg = await t.app.core.channels.get('telegram')!.send({ channel: 'telegram', conversationId: chatId, userId: chatId }, message);
      expect(tg.messageId).toBeTruthy();
      expect(telegram.sent(chatId).map((m) => m.text)).toContain(`From a ${role} process`);
      const wc = await t.app.core.channels.get('webchat')!.send({ channel: 'webchat', conversationId: `wc_roles_${role}`, userId: 'anon_1' }, message);
      expect(wc.messageId).toMatch(new RegExp(`^wc_roles_${role}:\\d+$`));
      const live: string[] = [];
      await sub.subscribe(consoleKeys(t.app.core.keys).events());
      sub.on('message', (_c, m: string) => live.push(m));
      for (const w of t.app.core.workspaces.all()) await w.alertSupervisors({ kind: 'surge', text: `Surge seen by a ${role} process`, at: Date.now() });
      await eventually(() => live.some((m) => m.includes(`Surge seen by a ${role} process`)), 'the console alert');
      expect(slack.ok('chat.postMessage').some((c) => String(c.args.text).includes(`Surge seen by a ${role} process`))).toBe(true);
      if (role !== 'web') {
        await t.app.core.delivery.enqueue({ channel: 'telegram', conversationId: chatId, userId: chatId }, { ...message, text: `Queued in a ${role} process`, idempotencyKey: `roles-q-${role}` });
        await eventually(() => telegram.sent(chatId).some((m) => m.text === `Queued in a ${role} process`), 'the queued delivery');
      }
    } finally {
      sub.disconnect();
      await t.app.close();
    }
  });
});
