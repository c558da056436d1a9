/**
 * Issue 8, "Redis full or gone": the whole app on a private redis-server, a consumer on the real widget socket and an
 * agent on the real console API. Redis is filled (`maxmemory` + `noeviction`) or stopped for 10 s (SIGKILL; the
 * append-only file keeps what was acknowledged), and every side must get a fast, clear answer and lose nothing.
 */
import { redisKeys } from '../../src/redis/redis-keys.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { ServerFrame } from '../../adapters/webchat/index.js';
import { t as text } from '../../src/i18n/catalog.js';
import { AgentClient } from '../adapters/console/console-client.js';
import { Client } from '../adapters/webchat/webchat-harness.js';
import { TestRedis } from '../helpers/redis-server.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const AGENTS = JSON.stringify([{ id: 'a-ana', name: 'Ana', role: 'agent', compensationLimit: 500, password: 'ana-pass' }]);
const UNAVAILABLE_EN = "We can't take messages right now — please try again in a minute.";

const redis = new TestRedis();
let t: TestApp;
let base: string;
let admin: Redis;

beforeAll(async () => {
  await redis.start();
  t = await startTestApp(redis.url, { AGENTS });
  const addr = t.app.http.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  admin = new Redis(redis.url, { maxRetriesPerRequest: null });
  admin.on('error', () => undefined);
});
afterAll(async () => {
  admin?.disconnect();
  await t?.app.close();
  await redis.destroy();
});

type ErrorFrame = Extract<ServerFrame, { type: 'error' }>;
type Entry = Extract<ServerFrame, { type: 'msg' }>['entry'];

/** A consumer on the widget socket, sending frames the way the widget's outbox does (a clientId per message). */
async function widgetConsumer(locale: 'en' | 'zh' = 'en') {
  const c = await Client.open(`${base.replace('http', 'ws')}/webchat/ws`);
  const welcome = await c.hello({ locale });
  let n = 0;
  return {
    c,
    consumerId: `webchat:${welcome.userId}`,
    newClientId: () => `k${++n}-${Date.now()}`,
    /** Sends and waits for the ack and then the bot's replies (until 300 ms pass without another). */
    send: (content: { text?: string; action?: string }, clientId = `k${++n}-${Date.now()}`): Promise<Entry[]> => c.turn(content, { clientId, settleMs: 300 }),
    /** Sends and waits for the refusal of exactly this message; resolves with the frame and how long it took. */
    async refused(content: { text?: string; action?: string }, clientId: string): Promise<{ frame: ErrorFrame; ms: number }> {
      const started = Date.now();
      c.send({ type: 'message', clientId, ...content });
      const frame = await c.next('error', (f) => f.clientId === clientId, 10_000);
      return { frame, ms: Date.now() - started };
    },
  };
}

/** Walks the intake to the summary that asks for confirmation. */
async function toConfirm(w: Awaited<ReturnType<typeof widgetConsumer>>): Promise<void> {
  await w.send({ text: 'The parcel arrived damaged and the box was crushed' });
  await w.send({ action: 'yes' });
  expect((await w.send({ text: 'A12345678' })).at(-1)?.text).toMatch(/describe what happened/i);
  await w.send({ text: 'The lamp base is cracked.' });
  await w.send({ action: 'skip' });
  const summary = await w.send({ action: 'refund' });
  expect(summary.at(-1)?.choices?.map((x) => x.value)).toContain('confirm');
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function readyz(): Promise<{ status: number; body: { ok: boolean; reason?: string }; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${base}/readyz`);
  return { status: res.status, body: (await res.json()) as { ok: boolean; reason?: string }, ms: Date.now() - started };
}

/** Every key of this app (under its prefix) with its value, to prove a refused turn wrote nothing. */
async function snapshot(): Promise<Map<string, string>> {
  // Left out: the /readyz probe and BullMQ's stalled-check mark, both written with a short expiry by design.
  const probe = redisKeys(t.prefix).readiness();
  const keys = (await admin.keys(`${t.prefix}*`)).filter((k) => k !== probe && !k.endsWith(':stalled-check')).sort();
  const out = new Map<string, string>();
  for (const k of keys) out.set(k, (await admin.dumpBuffer(k))?.toString('base64') ?? '');
  return out;
}

async function fillMemory(): Promise<void> {
  const used = Number(/used_memory:(\d+)/.exec(await admin.info('memory'))?.[1]);
  await admin.config('SET', 'maxmemory-policy', 'noeviction');
  await admin.config('SET', 'maxmemory', String(used + 2 * 1024 * 1024));
  const chunk = 'x'.repeat(64 * 1024);
  for (let i = 0; ; i++) {
    try {
      await admin.set(`fill:${i}`, chunk);
    } catch (err) {
      expect((err as Error).message).toMatch(/^OOM/);
      break;
    }
  }
  // Right at the limit, a freed buffer lets small writes through again: stay well above it.
  const full = Number(/used_memory:(\d+)/.exec(await admin.info('memory'))?.[1]);
  await admin.config('SET', 'maxmemory', String(full - 1024 * 1024));
}

async function freeMemory(): Promise<void> {
  await admin.config('SET', 'maxmemory', '0');
  const fill = await admin.keys('fill:*');
  if (fill.length) await admin.del(...fill);
}

describe('Redis full (maxmemory + noeviction)', () => {
  it('/readyz is 503, the consumer gets the clear answer in their language, nothing is half-written, and the same message works once Redis has room', async () => {
    const w = await widgetConsumer('en');
    const zh = await widgetConsumer('zh');
    await toConfirm(w);
    expect((await readyz()).status).toBe(200);
    const agent = await AgentClient.login(base, 'a-ana', 'ana-pass');
    const other = await t.app.core.complaints.submit({ channel: 'test', conversationId: 'c-other', userId: 'other' }, 'test:other', {
      category: 'late_delivery', orderId: null, description: 'My parcel has not arrived.', evidence: [], desiredResolution: 'refund', locale: 'en', texts: ['My parcel has not arrived.'],
    });

    await fillMemory();
    try {
      const before = await snapshot();
      const ready = await readyz();
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ ok: false, reason: 'redis is full and refuses writes' });

      const confirmId = w.newClientId();
      const { frame, ms } = await w.refused({ action: 'confirm', text: 'Confirm' }, confirmId);
      expect(frame).toMatchObject({ code: 'server.unavailable', message: UNAVAILABLE_EN });
      expect(frame.retryAfterMs).toBeGreaterThan(0);
      expect(ms).toBeLessThan(2000);
      const zhRefusal = await zh.refused({ text: '我的包裹坏了' }, zh.newClientId());
      expect(zhRefusal.frame.message).toBe(text('zh', 'redis.unavailable'));
      expect(zhRefusal.frame.message).not.toBe(UNAVAILABLE_EN);
      // Refused before the ack: the widget keeps the message in its outbox.
      expect(w.c.frames.some((f) => f.type === 'ack' && f.clientId === confirmId)).toBe(false);

      const claim = await agent.act(other.complaint.id, 'claim');
      expect(claim.status).toBe(503);
      expect(claim.body.error).toMatchObject({ code: 'redis.full', message: UNAVAILABLE_EN });

      expect(await snapshot()).toEqual(before);
      expect(await t.app.core.complaints.listOwn(w.consumerId)).toEqual([]);

      await freeMemory();
      expect((await readyz()).status).toBe(200);
      // The outbox's resend of the very same message: the dialog was still waiting for it.
      const confirmed = await w.send({ action: 'confirm', text: 'Confirm' }, confirmId);
      const id = /RD-\d{8}-\d{4}/.exec(confirmed.map((e) => e.text).join('\n'))?.[0];
      expect(id).toBeDefined();
      const own = await t.app.core.complaints.listOwn(w.consumerId);
      expect(own.map((c) => c.id)).toEqual([id]);
      expect((await t.app.core.store.timeline(id!)).map((e) => e.type)).toEqual(['created', 'triaged', 'status_changed']);
    } finally {
      await freeMemory();
      w.c.close();
      zh.c.close();
    }
  });
});

describe('Redis gone for 10 s', () => {
  it('answers consumers and agents within 2 s during the outage, works again within 5 s of Redis returning, and loses or doubles nothing', async () => {
    const w = await widgetConsumer('en');
    await toConfirm(w);
    const filed = await w.send({ action: 'confirm', text: 'Confirm' });
    const id = /RD-\d{8}-\d{4}/.exec(filed.map((e) => e.text).join('\n'))?.[0];
    expect(id).toBeDefined();
    const agent = await AgentClient.login(base, 'a-ana', 'ana-pass');
    expect((await agent.get('/console/api/queue')).status).toBe(200);

    await redis.stop();
    const stoppedAt = Date.now();
    const refusedId = w.newClientId();
    const { frame, ms } = await w.refused({ text: 'Any news about my lamp?' }, refusedId);
    expect(frame).toMatchObject({ code: 'server.unavailable', message: UNAVAILABLE_EN });
    expect(ms).toBeLessThan(2500);

    const apiStarted = Date.now();
    const queue = await agent.get('/console/api/queue');
    const apiMs = Date.now() - apiStarted;
    expect(queue.status).toBe(503);
    expect(queue.body.error).toMatchObject({ code: 'redis.unavailable', message: UNAVAILABLE_EN });
    expect(apiMs).toBeLessThan(2500);
    const ready = await readyz();
    expect(ready).toMatchObject({ status: 503, body: { ok: false, reason: 'redis unreachable' } });
    expect(ready.ms).toBeLessThan(500);

    await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (Date.now() - stoppedAt))));
    await redis.start();
    const backAt = Date.now();
    // The widget's outbox resends the refused message (after retryAfterMs; here every 250 ms) until it is taken.
    const ofRefused = (type: 'ack' | 'error') => w.c.frames.filter((f) => f.type === type && 'clientId' in f && f.clientId === refusedId).length;
    for (;;) {
      const refusals = ofRefused('error');
      w.c.send({ type: 'message', clientId: refusedId, text: 'Any news about my lamp?' });
      await until(() => ofRefused('ack') > 0 || ofRefused('error') > refusals, 'an ack or a refusal');
      if (ofRefused('ack') > 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const answered = (e: Entry) => e.from === 'bot' && e.text.includes(`passed to the specialist handling ${id}`);
    await until(() => w.c.msgs().some(answered), 'the bot\'s answer after the outage');
    const recoveredMs = Date.now() - backAt;
    expect(recoveredMs).toBeLessThan(5000);
    expect((await agent.get('/console/api/queue')).status).toBe(200);
    expect((await readyz()).status).toBe(200);

    const own = await t.app.core.complaints.listOwn(w.consumerId);
    expect(own.map((c) => c.id)).toEqual([id]);
    const timeline = (await t.app.core.store.timeline(id!)).map((e) => [e.type, e.data?.text]);
    expect(timeline.filter(([type]) => type === 'created')).toHaveLength(1);
    expect(timeline.filter(([type, said]) => type === 'consumer_message' && said === 'Any news about my lamp?')).toHaveLength(1);
    console.info(`redis gone: consumer refused in ${ms} ms, console API 503 in ${apiMs} ms, /readyz 503 in ${ready.ms} ms; conversation answered ${recoveredMs} ms after Redis returned`);
    w.c.close();
  }, 60_000);
});
