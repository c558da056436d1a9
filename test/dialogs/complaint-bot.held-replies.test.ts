/**
 * Replies held for the commit MULTI (channels whose send is a Redis write): they go out in the commit when it
 * succeeds, and are sent normally — not lost — when the commit fails. Real redis-server, real ComplaintBot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainableCommander } from 'ioredis';
import { ComplaintBot } from '../../dialogs/complaint-bot.js';
import { RedisDialogStorage } from '../../dialogs/redis-dialog.storage.js';
import { silentLogger } from '../../src/logging/logger.js';
import type { InboundMessage, OutboundMessage } from '../../src/messages/message.types.js';
import { ConversationGate } from '../../src/redis/conversation-gate.js';
import { createRedis, type RedisClient } from '../../src/redis/redis-connection.js';
import { createCore, SLA, triageFor, type Core } from '../complaints/core-fixture.js';
import { TestRedis } from '../helpers/redis-server.js';

const redis = new TestRedis();
let core: Core;
let c: RedisClient;
beforeAll(async () => {
  await redis.start();
  core = await createCore(redis.url);
  c = createRedis({ url: redis.url }, {});
});
afterAll(async () => {
  c?.disconnect();
  await core?.close();
  await redis.destroy();
});

/** Fails the next commit before it reaches Redis when told to. */
class FlakyStorage extends RedisDialogStorage {
  failNext = false;
  override async writeWith(...args: Parameters<RedisDialogStorage['writeWith']>): Promise<void> {
    if (!this.failNext) return super.writeWith(...args);
    this.failNext = false;
    throw new Error('commit failed');
  }
}

function bot(storage: RedisDialogStorage) {
  const sent: string[] = [];
  const inCommit: string[] = [];
  const b = new ComplaintBot({
    storage, gate: new ConversationGate(c, core.keys), complaints: core.service,
    triage: triageFor(SLA), logger: silentLogger, defaultLocale: 'en', orderIdRegex: /^[A-Z0-9]{6,32}$/, orderIdExample: 'A12345678',
    maxUploadBytes: 1_000_000, maxTextChars: 4000, firstResponseMinutes: 30, timeZone: 'UTC',
    reply: async (_address, m: OutboundMessage) => { sent.push(m.text); },
    replyInCommit: (_address, m) => (multi: ChainableCommander) => { inCommit.push(m.text); multi.ping(); },
  });
  return { b, sent, inCommit };
}

let n = 0;
const message = (conversationId: string, content: { text?: string; action?: string }): InboundMessage =>
  ({ id: `m${++n}`, address: { channel: 'test', conversationId, userId: `u-${conversationId}` }, receivedAt: Date.now(), ...content });
const COMPLAINT = { text: 'The parcel arrived damaged and the box was crushed' };

describe('replies held for the commit', () => {
  it('ride in the commit of an ordinary dialog turn; a turn that asks ComplaintService sends its replies directly', async () => {
    const { b, sent, inCommit } = bot(new RedisDialogStorage(c, core.keys));
    await b.handle(message('h1', COMPLAINT)); // looks up the open case first: direct
    expect(inCommit).toEqual([]);
    const first = sent.length;
    expect(first).toBeGreaterThan(0);
    await b.handle(message('h1', { action: 'yes' }));
    expect(sent.length).toBe(first);
    expect(inCommit.at(-1)).toMatch(/order number/i);
  });

  it('are sent normally when the commit fails', async () => {
    const storage = new FlakyStorage(c, core.keys);
    const { b, sent, inCommit } = bot(storage);
    await b.handle(message('h2', COMPLAINT));
    const first = sent.length;
    storage.failNext = true;
    // The failed commit is the turn's error: the consumer gets what the turn said, then the error notice.
    await b.handle(message('h2', { action: 'yes' })).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    expect(inCommit).toEqual([]);
    const after = sent.slice(first);
    expect(after.some((t) => /order number/i.test(t))).toBe(true);
    expect(after.length).toBeGreaterThanOrEqual(2);
  });
});
