// Fuzzed widget frames through a real socket: every refusal is a clear error frame, the socket stays usable, and a
// refused frame changes nothing (no history entry, nothing handed to the bot). Accepted text never keeps unsafe characters.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisKeys } from '../../src/redis/redis-keys.js';
import { randomPrefix, TestRedis } from '../helpers/redis-server.js';
import { Client, startServer, type Started } from '../adapters/webchat/webchat-harness.js';
import { anyJson, FUZZ, hostileText, hugeText, noUnhandled, onlyUnsafe, UNSAFE } from './fuzz-inputs.js';

const WIRE_CODES = ['input.invalid', 'input.too_large', 'session.invalid', 'session.expired', 'identity.invalid', 'rate.limited', 'attachment.not_found', 'server.error', 'server.unavailable'];
const redis = new TestRedis();
const prefix = randomPrefix();
let s: Started;
beforeAll(async () => {
  await redis.start();
  s = await startServer(redis.url, prefix, { env: { WEBCHAT_MESSAGES_PER_MINUTE: '100000', WEBCHAT_IP_PER_MINUTE: '100000' } });
});
afterAll(async () => {
  await s?.close();
  await redis.destroy();
});

/** Frames the server must refuse. */
const refused = fc.oneof(
  fc.string({ maxLength: 200 }).filter((x) => { try { JSON.parse(x); return false; } catch { return true; } }),
  anyJson.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)).map((v) => JSON.stringify(v)),
  fc.record({ type: fc.oneof(fc.string({ maxLength: 20 }), anyJson) }).filter((f) => !['hello', 'message', 'ping'].includes(f.type as string)).map((f) => JSON.stringify(f)),
  fc.record({ type: fc.constant('message'), clientId: fc.oneof(anyJson.filter((v) => typeof v !== 'string'), fc.string({ maxLength: 3 }).map((x) => `${x} !`), fc.constant('x'.repeat(65))), text: fc.string() }).map((f) => JSON.stringify(f)),
  fc.record({ type: fc.constant('message'), clientId: fc.constant('c-ok'), text: anyJson.filter((v) => typeof v !== 'string' && v !== undefined) }).map((f) => JSON.stringify(f)),
  fc.record({ type: fc.constant('message'), clientId: fc.constant('c-ok'), attachments: fc.oneof(fc.string(), fc.array(fc.string({ minLength: 81 }), { minLength: 1, maxLength: 2 })) }).map((f) => JSON.stringify(f)),
  fc.tuple(fc.uuid(), onlyUnsafe).map(([id, text]) => JSON.stringify({ type: 'message', clientId: `u-${id.slice(0, 8)}`, text })),
  fc.tuple(fc.uuid(), hugeText).map(([id, text]) => JSON.stringify({ type: 'message', clientId: `h-${id.slice(0, 8)}`, text })),
);

describe('fuzzed widget frames over a real socket', () => {
  it('answers every malformed, mistyped, oversized or unreadable frame with a clear error, and stores nothing', async () => {
    const c = await Client.open(s.ws);
    const w = await c.hello({ locale: 'en' });
    const history = redisKeys(prefix).webchat.history(w.conversationId);
    const problems = await noUnhandled(() => fc.assert(fc.asyncProperty(refused, async (raw) => {
      const [llen, handed, framesBefore] = [await s.redis.llen(history), s.bot.received.length, c.frames.length];
      c.send(raw);
      c.send({ type: 'ping' });
      await c.next('pong', () => c.frames.length > framesBefore && c.frames.at(-1)!.type === 'pong');
      const answers = c.frames.slice(framesBefore, -1);
      expect(answers.map((f) => f.type)).toEqual(['error']);
      const err = answers[0] as Extract<typeof answers[0], { type: 'error' }>;
      expect(WIRE_CODES).toContain(err.code);
      expect(err.message.length).toBeGreaterThan(10);
      expect(await s.redis.llen(history)).toBe(llen);
      expect(s.bot.received.length).toBe(handed);
    }), FUZZ));
    expect(problems).toEqual([]);
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    c.close();
  });

  it('stores and hands on hostile text without a single control or bidi character', async () => {
    const c = await Client.open(s.ws);
    await c.hello({ locale: 'zh' });
    let n = 0;
    const problems = await noUnhandled(() => fc.assert(fc.asyncProperty(hostileText, async (text) => {
      const clientId = `ok-${++n}`;
      await c.turn({ text }, { clientId });
      const mine = c.msgs().find((e) => e.clientId === clientId)!;
      expect(mine.text).not.toMatch(UNSAFE);
      expect(s.bot.received.at(-1)!.text).not.toMatch(UNSAFE);
    }), { ...FUZZ, numRuns: Math.ceil(FUZZ.numRuns / 2) }));
    expect(problems).toEqual([]);
    c.close();
  });
});

describe('fuzzed widget frames in Chinese', () => {
  it('refuses empty, oversized and unreadable messages in the consumer language', async () => {
    const c = await Client.open(s.ws);
    await c.hello({ locale: 'zh-CN' });
    let n = 0;
    const bad = fc.oneof(hugeText, onlyUnsafe, fc.constantFrom('', '   ', '\n\t'));
    const problems = await noUnhandled(() => fc.assert(fc.asyncProperty(bad, fc.boolean(), async (text, asAction) => {
      const clientId = `zh-${++n}`;
      c.send({ type: 'message', clientId, ...(asAction && text.length < 200 ? { action: text } : { text }) });
      const err = await c.next('error', (f) => f.clientId === clientId);
      expect(err.message).toMatch(/[\u4e00-\u9fff]/);
      expect(c.msgs().some((e) => e.clientId === clientId)).toBe(false);
    }), { ...FUZZ, numRuns: Math.ceil(FUZZ.numRuns / 2) }));
    expect(problems).toEqual([]);
    c.close();
  });

  it('strips control and bidi characters from a quick reply value too', async () => {
    const c = await Client.open(s.ws);
    await c.hello({ locale: 'zh' });
    let n = 0;
    const problems = await noUnhandled(() => fc.assert(fc.asyncProperty(hostileText.filter((x) => x.length <= 256), async (action) => {
      const clientId = `act-${++n}`;
      await c.turn({ action, text: action }, { clientId });
      expect(c.msgs().find((e) => e.clientId === clientId)!.action ?? '').not.toMatch(UNSAFE);
      expect(s.bot.received.at(-1)!.action ?? '').not.toMatch(UNSAFE);
    }), { ...FUZZ, numRuns: Math.ceil(FUZZ.numRuns / 3) }));
    expect(problems).toEqual([]);
    c.close();
  });
});
