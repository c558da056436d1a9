/**
 * Issue 8: a turn that fails because Redis went away must not leave its conversation locked once Redis is back, and
 * a turn stuck on a dead Redis is given up after its timeout (well inside its lease) instead of hanging.
 * Real redis-server, real ComplaintBot, gate and dialog storage; the reply sink is where a test stops Redis mid-turn.
 * Clients reconnect with the production `reconnectDelay` (createApp's), as the 5 s promise depends on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisOptions } from 'ioredis';
import { ComplaintBot } from '../../dialogs/complaint-bot.js';
import { RedisDialogStorage } from '../../dialogs/redis-dialog.storage.js';
import { silentLogger } from '../../src/logging/logger.js';
import type { InboundMessage, OutboundMessage } from '../../src/messages/message.types.js';
import { ConversationGate } from '../../src/redis/conversation-gate.js';
import { reconnectDelay } from '../../src/redis/redis-availability.js';
import { createRedis, type RedisClient } from '../../src/redis/redis-connection.js';
import { createCore, SLA, triageFor, type Core } from '../complaints/core-fixture.js';
import { TestRedis } from '../helpers/redis-server.js';

const redis = new TestRedis();
let core: Core;
const clients: RedisClient[] = [];
beforeAll(async () => {
  await redis.start();
  core = await createCore(redis.url);
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await core?.close();
  await redis.destroy();
});

async function client(extra: RedisOptions = {}): Promise<RedisClient> {
  const c = createRedis({ url: redis.url }, { retryStrategy: reconnectDelay, ...extra });
  c.on('error', () => undefined);
  clients.push(c);
  if (c.status !== 'ready') await new Promise((r) => c.once('ready', r));
  return c;
}

/** A bot on `c`; `onReply` runs inside the turn, before its commit (where a test pulls Redis away). */
function bot(c: RedisClient, onReply: () => Promise<void>, turnTimeoutMs?: number) {
  const replies: OutboundMessage[] = [];
  const b = new ComplaintBot({
    storage: new RedisDialogStorage(c, core.keys), gate: new ConversationGate(c, core.keys), complaints: core.service,
    triage: triageFor(SLA), logger: silentLogger, defaultLocale: 'en', orderIdRegex: /^[A-Z0-9]{6,32}$/, orderIdExample: 'A12345678',
    maxUploadBytes: 1_000_000, maxTextChars: 4000, firstResponseMinutes: 30, timeZone: 'UTC', turnTimeoutMs,
    reply: async (_address, message) => {
      replies.push(message);
      await onReply();
    },
  });
  return { b, replies };
}

let n = 0;
function message(conversationId: string, text: string): InboundMessage {
  return { id: `m${++n}`, address: { channel: 'test', conversationId, userId: `u-${conversationId}` }, receivedAt: Date.now(), text };
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  return p.then(() => undefined, (err: { code?: string }) => err.code ?? 'uncoded');
}

describe('ConversationGate.release', () => {
  it('gives the conversation back as soon as Redis returns, though the first attempts fail', async () => {
    const c = await client({ enableOfflineQueue: false });
    const gate = new ConversationGate(c, core.keys, 15_000, 200);
    const entry = await gate.enter('gate:c1', 'm1');
    if (entry.status !== 'entered') throw new Error('expected to enter');
    await redis.stop();
    const released = gate.release('gate:c1', entry.token, entry.enteredAt);
    await new Promise((r) => setTimeout(r, 1000));
    await redis.start();
    const back = Date.now();
    expect(await released).toBe(true);
    expect(Date.now() - back).toBeLessThan(5000);
    expect((await gate.enter('gate:c1', 'm2')).status).toBe('entered');
  });
});

describe('a turn that fails because Redis went away', () => {
  it('answers redis.unavailable at once and leaves the conversation usable within 5 s of Redis returning', async () => {
    // A client that gives up on commands while disconnected (as any fail-fast client does): the turn's commit fails.
    const c = await client({ enableOfflineQueue: false });
    let pullRedis = false;
    const { b, replies } = bot(c, async () => {
      if (!pullRedis) return;
      pullRedis = false;
      await redis.stop();
    });
    await b.handle(message('turn:c1', 'hello'));
    expect(replies.at(-1)?.text).toMatch(/Tell me in a few words/);

    pullRedis = true;
    const failedAt = Date.now();
    expect(await codeOf(b.handle(message('turn:c1', 'My parcel never arrived')))).toBe('redis.unavailable');
    const failedMs = Date.now() - failedAt;
    expect(failedMs).toBeLessThan(2000);
    await new Promise((r) => setTimeout(r, 1000));
    await redis.start();
    const back = Date.now();
    await b.handle(message('turn:c1', 'My parcel never arrived'));
    const usableMs = Date.now() - back;
    console.info(`failed turn: redis.unavailable after ${failedMs} ms; conversation usable ${usableMs} ms after Redis returned`);
    expect(usableMs).toBeLessThan(5000);
    expect(replies.at(-1)?.text).toMatch(/parcel|order|lost|arrive/i);
  }, 30_000);

  it('gives a turn stuck on a dead Redis up after its timeout, inside its lease, and the conversation works once Redis is back', async () => {
    // The production client: commands wait in ioredis's queue while Redis is away, so only the turn timeout ends the wait.
    const c = await client();
    let pullRedis = false;
    const { b } = bot(c, async () => {
      if (!pullRedis) return;
      pullRedis = false;
      await redis.stop();
    }, 2000);
    await b.handle(message('turn:c2', 'hello'));
    pullRedis = true;
    const started = Date.now();
    expect(await codeOf(b.handle(message('turn:c2', 'My parcel never arrived')))).toBe('redis.unavailable');
    const gaveUpMs = Date.now() - started;
    expect(gaveUpMs).toBeGreaterThanOrEqual(1900);
    expect(gaveUpMs).toBeLessThan(3500);
    await redis.start();
    const back = Date.now();
    await b.handle(message('turn:c2', '/status'));
    const usableMs = Date.now() - back;
    console.info(`stuck turn: given up after ${gaveUpMs} ms (timeout 2000); conversation usable ${usableMs} ms after Redis returned`);
    expect(usableMs).toBeLessThan(5000);
  }, 30_000);
});
