/**
 * Replies held for the commit MULTI (channels whose send is a Redis write): they go out in the commit when it
 * succeeds, and are sent normally — not lost — when the commit fails. Real redis-server, real ComplaintBot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainableCommander } from 'ioredis';
import { ComplaintBot } from '../../dialogs/complaint-bot.js';
import { RedisChangeLog } from '../../src/changes/change-log.js';
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
  it('ride in the commit of a dialog turn, one that reads through ComplaintService included', async () => {
    const { b, sent, inCommit } = bot(new RedisDialogStorage(c, core.keys));
    await b.handle(message('h1', COMPLAINT)); // looks up the consumer's open case first
    expect(sent).toEqual([]);
    expect(inCommit.length).toBeGreaterThan(0);
    await b.handle(message('h1', { action: 'yes' }));
    expect(sent).toEqual([]);
    expect(inCommit.at(-1)).toMatch(/order number/i);
  });

  it('are sent normally when the commit fails', async () => {
    const storage = new FlakyStorage(c, core.keys);
    const { b, sent, inCommit } = bot(storage);
    await b.handle(message('h2', COMPLAINT));
    const committed = inCommit.length;
    storage.failNext = true;
    // The failed commit is the turn's error: the consumer gets what the turn said, then the error notice.
    await b.handle(message('h2', { action: 'yes' })).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    expect(inCommit).toHaveLength(committed);
    expect(sent.some((t) => /order number/i.test(t))).toBe(true);
    expect(sent.length).toBeGreaterThanOrEqual(2);
  });

  it('go out before the side effects of the complaint the turn files: those run after the commit, before handle() returns', async () => {
    const { b, sent, inCommit } = bot(new RedisDialogStorage(c, core.keys));
    const seenByEffect: Array<{ id: string; committed: boolean }> = [];
    // A side effect like the handoff: it records whether the consumer's number had already gone out in a commit.
    core.events.on('probe-after-commit', async (n) => {
      if (!n.previous) seenByEffect.push({ id: n.complaint.id, committed: inCommit.some((t) => t.includes(n.complaint.id)) });
    });
    for (const step of [COMPLAINT, { action: 'yes' }, { text: 'A12345678' }, { text: 'The lamp base is cracked.' }, { action: 'skip' }, { action: 'refund' }]) {
      await b.handle(message('h3', step));
    }
    await b.handle(message('h3', { action: 'confirm' }));
    const id = /RD-\d{8}-\d{4}/.exec(inCommit.at(-1) ?? '')?.[0];
    expect(id, inCommit.at(-1)).toBeTruthy();
    expect(sent).toEqual([]);
    expect(seenByEffect).toEqual([{ id, committed: true }]);
    // Settled, not left to a worker: the change log has nothing pending once handle() has returned.
    expect(await new RedisChangeLog(c, core.keys).pending()).toBe(0);
  });
});
