// Fuzzed input at the other edges, each through its real transport against one whole Redress: Telegram updates
// through the webhook (with the secret header), Slack payloads signed for the real Bolt receiver, and console API
// bodies from a logged-in agent. No 5xx, no unhandled rejection, every refusal a clear error, and a refused input
// changes nothing (no complaint, no timeline event). Text that is taken never keeps control or bidi characters.
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t as tr } from '../../src/i18n/catalog.js';
import { TestRedis } from '../helpers/redis-server.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { AgentClient } from '../adapters/console/console-client.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { address, draft, slackEnv } from '../adapters/slack/slack-app.js';
import { eventCallback, interaction, viewSubmission } from '../adapters/slack/slack-requests.js';
import { VIEWS } from '../../adapters/slack/slack.mapper.js';
import { mapUpdate } from '../../adapters/telegram/telegram.mapper.js';
import { FakeBotApi } from '../adapters/telegram/fake-bot-api.js';
import { textUpdate } from '../adapters/telegram/telegram-updates.fixture.js';
import { anyJson, FUZZ, hostileText, hugeText, noUnhandled, onlyUnsafe, UNSAFE } from './fuzz-inputs.js';

const TOKEN = '123456:FUZZ-token_abc';
const SECRET = 'webhook-secret_fuzz_0123456789';
const AGENTS = [
  { id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500, slackUserId: 'ULING', password: 'ling-pass' },
  { id: 's-mei', name: 'Mei', role: 'supervisor', compensationLimit: 5000, slackUserId: 'UMEI', password: 'mei-pass' },
];
/** Scaled from FUZZ_RUNS (60 by default), so a longer run covers every property. */
const runs = (share: number) => ({ ...FUZZ, numRuns: Math.max(1, Math.ceil(FUZZ.numRuns * share)) });
const RUNS = runs(2 / 3);
const redis = new TestRedis();
const api = new FakeBotApi(TOKEN);
let slack: FakeSlack;
let app: TestApp;
let base = '';
let caseId = '';
let ling: AgentClient;

beforeAll(async () => {
  await redis.start();
  await api.start();
  slack = await startFakeSlack();
  app = await startTestApp(redis.url, {
    ...slackEnv(slack), AGENTS: JSON.stringify(AGENTS),
    TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: api.url,
    CONSOLE_LOGIN_MAX_ATTEMPTS: '1000',
  });
  base = `http://127.0.0.1:${(app.app.http.server.address() as AddressInfo).port}`;
  caseId = (await app.app.core.complaints.submit(address('fuzz-1'), 'test:fuzz-1', draft('The vase arrived in pieces.'))).complaint.id;
  ling = await AgentClient.login(base, 'a-ling', 'ling-pass');
  expect((await ling.act(caseId, 'claim')).status).toBe(200);
});
afterAll(async () => {
  await app?.app.close();
  await slack?.close();
  await api.close();
  await redis.destroy();
});

/** What must not change when an input is refused: the case's version and timeline, and how many cases exist. */
async function snapshot() {
  const c = await app.app.core.store.require(caseId);
  return { version: (c as { version?: number }).version, updatedAt: c.updatedAt, timeline: (await app.app.core.store.timeline(caseId)).length, open: (await app.app.core.store.listOpen(1000)).length };
}

const telegramPost = (body: string) => fetch(`${base}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body });
let chat = 9_100_000;

describe('fuzzed Telegram updates through the webhook', () => {
  it('answers any body without a 5xx or an unhandled rejection, and files nothing', async () => {
    const before = await snapshot();
    const update = fc.oneof(
      anyJson.map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 100 }),
      fc.record({ update_id: anyJson, message: anyJson }).map((u) => JSON.stringify(u)),
      fc.record({ update_id: fc.nat(), message: fc.record({ message_id: anyJson, chat: fc.oneof(anyJson, fc.record({ id: anyJson, type: anyJson })), from: anyJson, text: anyJson, photo: anyJson, caption: anyJson }, { requiredKeys: [] }) }).map((u) => JSON.stringify(u)),
      fc.record({ update_id: fc.nat(), callback_query: fc.record({ id: anyJson, data: anyJson, from: anyJson, message: anyJson }, { requiredKeys: [] }) }).map((u) => JSON.stringify(u)),
    );
    const problems = await noUnhandled(() => fc.assert(fc.asyncProperty(update, async (body) => {
      const res = await telegramPost(body);
      expect([200, 400]).toContain(res.status);
    }), RUNS));
    expect(problems).toEqual([]);
    expect((await snapshot()).open).toBe(before.open);
  });

  it('never echoes a control or bidi character, and answers a message of nothing else in the consumer language', async () => {
    const problems = await noUnhandled(() => fc.assert(fc.asyncProperty(fc.oneof(hostileText, onlyUnsafe, hugeText), fc.constantFrom('en', 'zh'), async (text, lang) => {
      const id = ++chat;
      const sentBefore = api.sent(String(id)).length;
      expect((await telegramPost(JSON.stringify(textUpdate(id, text, lang)))).status).toBe(200);
      const replies = api.sent(String(id)).slice(sentBefore).map((m) => String(m.text ?? ''));
      expect(replies.length).toBeGreaterThan(0);
      for (const r of replies) expect(r).not.toMatch(UNSAFE);
      if (UNSAFE.test(text) && text.replace(new RegExp(UNSAFE.source, 'g'), '').trim() === '') expect(replies.join('\n')).toContain(tr(lang, 'dialog.empty'));
    }), runs(1 / 3)));
    expect(problems).toEqual([]);
  });
});

describe('fuzzed Slack payloads, signed, to the real Bolt receiver', () => {
  it('answers any event or interaction without a 5xx, and changes no case', async () => {
    const before = await snapshot();
    const payload = fc.oneof(
      fc.record({ type: fc.constantFrom('message', 'app_mention', 'reaction_added'), channel: fc.oneof(anyJson, fc.constant('CQUEUE01')), user: fc.oneof(anyJson, fc.constant('UNOBODY')), text: fc.oneof(anyJson, hostileText), ts: anyJson, thread_ts: anyJson }, { requiredKeys: ['type'] })
        .map((e) => ({ kind: 'event' as const, e })),
      fc.record({ type: fc.oneof(fc.constantFrom('block_actions', 'view_submission', 'shortcut'), fc.string()), user: fc.oneof(anyJson, fc.constant({ id: 'UNOBODY' })), actions: anyJson, view: anyJson, trigger_id: anyJson }, { requiredKeys: ['type'] })
        .map((e) => ({ kind: 'interaction' as const, e })),
    );
    // Sent ten at a time: an interaction no listener takes is answered only after Bolt's 3 s unhandled-request wait.
    const problems = await noUnhandled(() => fc.assert(fc.asyncProperty(fc.array(payload, { minLength: 10, maxLength: 10 }), async (batch) => {
      const answers = await Promise.all(batch.map((p) => (p.kind === 'event' ? eventCallback(base, p.e) : interaction(base, p.e))));
      for (const res of answers) expect(res.status).toBeLessThan(500);
    }), runs(1 / 15)));
    expect(problems).toEqual([]);
    const after = await snapshot();
    expect(after.timeline).toBe(before.timeline);
    expect(after.open).toBe(before.open);
  }, Math.max(30_000, FUZZ.numRuns * 400));

  it('refuses a proposal of nothing but control characters with a clear field error and no timeline event; strips them otherwise', async () => {
    const submit = (text: string) => interaction(base, viewSubmission('UMEI', VIEWS.propose, caseId, {
      resolution: { value: { type: 'static_select', selected_option: { value: 'refund' } } }, amount: { value: { type: 'number_input', value: '0' } }, text: { value: { type: 'plain_text_input', value: text } },
    }));
    const problems = await noUnhandled(() => fc.assert(fc.asyncProperty(onlyUnsafe, async (text) => {
      const before = await snapshot();
      const res = await submit(text);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toMatchObject({ response_action: 'errors', errors: { text: expect.stringMatching(/\w{4}/) } });
      expect((await snapshot()).timeline).toBe(before.timeline);
    }), runs(1 / 6)));
    expect(problems).toEqual([]);
  });
});

describe('fuzzed console API bodies from a logged-in agent', () => {
  const ops = ['reply', 'note', 'propose', 'investigate', 'escalate', 'transfer', 'claim', 'nonsense', '__proto__', 'constructor'];
  it('answers every body with a clear error or the case, never a 5xx, and a refusal changes nothing', async () => {
    const body = fc.oneof(anyJson, fc.record({ text: fc.oneof(anyJson, onlyUnsafe, hugeText), resolution: anyJson, amount: anyJson, reason: anyJson, toAgentId: anyJson, note: anyJson }, { requiredKeys: [] }));
    const problems = await noUnhandled(() => fc.assert(fc.asyncProperty(fc.constantFrom(...ops), body, async (op, b) => {
      const before = await snapshot();
      const res = await ling.act(caseId, op, b);
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) {
        expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.stringMatching(/\w{3}/) });
        expect(await snapshot()).toEqual(before);
      }
    }), RUNS));
    expect(problems).toEqual([]);
  });

  it('keeps no control or bidi character in what an agent writes, and refuses text of nothing else', async () => {
    const problems = await noUnhandled(() => fc.assert(fc.asyncProperty(fc.oneof(hostileText, onlyUnsafe), async (text) => {
      const before = await snapshot();
      const res = await ling.act(caseId, 'note', { text });
      const timeline = await app.app.core.store.timeline(caseId);
      if (res.status === 200) expect(String(timeline.at(-1)?.data?.text)).not.toMatch(UNSAFE);
      else {
        expect(res).toMatchObject({ status: 400, body: { error: { code: 'input.invalid' } } });
        expect(timeline.length).toBe(before.timeline);
      }
      expect(res.status === 200).toBe(text.replace(new RegExp(UNSAFE.source, 'g'), '').trim() !== '');
    }), runs(1 / 3)));
    expect(problems).toEqual([]);
  });
});

describe('fuzzed Telegram senders', () => {
  it('maps no control or bidi character into the text or the display name agents see', () => {
    fc.assert(fc.property(hostileText, hostileText, fc.oneof(hostileText, onlyUnsafe), (first, last, text) => {
      const update = textUpdate(++chat, text);
      Object.assign(update.message.from, { first_name: first, last_name: last });
      const mapped = mapUpdate(update as unknown as Parameters<typeof mapUpdate>[0], Date.now());
      expect(mapped.kind).toBe('message');
      if (mapped.kind !== 'message') return;
      expect(mapped.message.text ?? '').not.toMatch(UNSAFE);
      expect(mapped.message.displayName ?? '').not.toMatch(UNSAFE);
    }), FUZZ);
  });
});
