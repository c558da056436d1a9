import { SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { randomPrefix, TestRedis } from '../../helpers/redis-server.js';
import { Client, IDENTITY_SECRET, SECRET, sleep, startServer, type Started } from './webchat-harness.js';

const redis = new TestRedis();
let a: Started;
let b: Started;

beforeAll(async () => {
  await redis.start();
  const prefix = randomPrefix();
  // Two "processes": separate fastify servers and Redis clients, one Redis.
  a = await startServer(redis.url, prefix);
  b = await startServer(redis.url, prefix);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await redis.destroy();
});

const sign = (claims: Record<string, unknown>, secret: string, exp: number) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('redress-webchat').setAudience('webchat').setExpirationTime(exp).sign(new TextEncoder().encode(secret));

describe('webchat socket', () => {
  it('delivers a message sent through the channel on server B to the socket held on server A', async () => {
    const c = await Client.open(a.ws);
    const w = await c.hello();
    const address = { channel: 'webchat', conversationId: w.conversationId, userId: w.userId };
    const { messageId } = await b.channel.send(address, { kind: 'agent_reply', text: 'Hello from B', choices: [{ value: 'ok', label: 'OK' }] });
    const got = await c.next('msg', (f) => f.entry.text === 'Hello from B');
    expect(got.entry).toMatchObject({ from: 'bot', kind: 'agent_reply', choices: [{ value: 'ok', label: 'OK' }] });
    expect(messageId).toBe(`${w.conversationId}:${got.entry.seq}`);
    c.close();
  });

  it('runs a turn: ack, own message in history, then the bot reply', async () => {
    const c = await Client.open(a.ws);
    await c.hello({ locale: 'zh' });
    c.send({ type: 'message', clientId: 'm1', text: 'my parcel is late' });
    expect(await c.next('ack')).toMatchObject({ clientId: 'm1', seq: 1 });
    const reply = await c.next('msg', (f) => f.entry.from === 'bot');
    expect(reply.entry.text).toContain('my parcel is late');
    expect(c.msgs()[0]).toMatchObject({ seq: 1, from: 'user', clientId: 'm1', text: 'my parcel is late' });
    const inbound = a.bot.received.at(-1)!;
    expect(inbound).toMatchObject({ text: 'my parcel is late', locale: 'zh', address: { channel: 'webchat' } });
    c.send({ type: 'message', clientId: 'm2', action: 'late', text: 'Late delivery' });
    await c.next('msg', (f) => f.entry.text === 'You chose: late');
    expect(a.bot.received.at(-1)).toMatchObject({ action: 'late' });
    expect(a.bot.received.at(-1)!.text).toBeUndefined();
    c.close();
  });

  it('replays what was missed while offline, in order, once; a duplicate clientId is processed once', async () => {
    const c1 = await Client.open(a.ws);
    const w = await c1.hello();
    c1.send({ type: 'message', clientId: 'dup-1', text: 'first' });
    await c1.next('msg', (f) => f.entry.from === 'bot');
    const lastSeen = Math.max(...c1.msgs().map((e) => e.seq));
    c1.close();
    const address = { channel: 'webchat', conversationId: w.conversationId, userId: w.userId };
    for (const text of ['offline 1', 'offline 2', 'offline 3']) await b.channel.send(address, { kind: 'progress', text });

    const c2 = await Client.open(b.ws);
    const w2 = await c2.hello({ token: w.token, lastSeq: lastSeen });
    expect(w2).toMatchObject({ conversationId: w.conversationId, resumed: true });
    await c2.next('msg', (f) => f.entry.text === 'offline 3');
    await sleep(100);
    expect(c2.msgs().map((e) => e.text)).toEqual(['offline 1', 'offline 2', 'offline 3']);
    expect(c2.msgs().map((e) => e.seq)).toEqual([lastSeen + 1, lastSeen + 2, lastSeen + 3]);

    const before = a.bot.received.length + b.bot.received.length;
    c2.send({ type: 'message', clientId: 'dup-1', text: 'first' });
    c2.send({ type: 'message', clientId: 'dup-1', text: 'first' });
    await c2.next('ack', (f) => f.clientId === 'dup-1');
    await sleep(200);
    expect(c2.frames.filter((f) => f.type === 'ack' && f.clientId === 'dup-1')).toHaveLength(2);
    expect(a.bot.received.length + b.bot.received.length).toBe(before);
    expect(c2.msgs().filter((e) => e.clientId === 'dup-1')).toHaveLength(0);
    c2.close();
  });

  it('an idempotent send appends once', async () => {
    const c = await Client.open(a.ws);
    const w = await c.hello();
    const address = { channel: 'webchat', conversationId: w.conversationId, userId: w.userId };
    const m = { kind: 'progress' as const, text: 'Your complaint is being investigated', idempotencyKey: 'job-7' };
    const r1 = await a.channel.send(address, m);
    const r2 = await b.channel.send(address, m);
    expect(r2.messageId).toBe(r1.messageId);
    await sleep(100);
    expect(c.msgs().filter((e) => e.text === m.text)).toHaveLength(1);
    c.close();
  });

  it('answers oversized, malformed and unknown frames with error frames and keeps the socket working', async () => {
    const c = await Client.open(a.ws);
    await c.hello();
    c.send({ type: 'message', clientId: 'big', text: 'x'.repeat(4001) });
    expect(await c.next('error', (f) => f.clientId === 'big')).toMatchObject({ code: 'input.too_large', message: expect.stringContaining('4000') });
    c.send({ type: 'message', clientId: 'huge', text: '字'.repeat(60_000) });
    expect(await c.next('error', (f) => f.clientId === 'huge')).toMatchObject({ code: 'input.too_large' });
    c.send('{not json');
    expect(await c.next('error', (f) => f.code === 'input.invalid' && f.message.includes('JSON'))).toBeTruthy();
    c.send({ type: 'dance' });
    c.send({ type: 'message', clientId: 'empty', text: '   ' });
    expect(await c.next('error', (f) => f.clientId === 'empty')).toMatchObject({ code: 'input.invalid' });
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    c.send({ type: 'message', clientId: 'after', text: 'still here?' });
    await c.next('ack', (f) => f.clientId === 'after');
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.close();
  });

  it('tells the consumer when the bot fails and keeps going', async () => {
    const c = await Client.open(a.ws);
    await c.hello();
    c.send({ type: 'message', clientId: 'b1', text: 'boom' });
    expect(await c.next('error', (f) => f.clientId === 'b1')).toMatchObject({ code: 'server.error' });
    c.send({ type: 'message', clientId: 'b2', text: 'ok now' });
    await c.next('msg', (f) => f.entry.from === 'bot');
    c.close();
  });

  it('requires hello before messages', async () => {
    const c = await Client.open(a.ws);
    c.send({ type: 'message', clientId: 'x1', text: 'hi' });
    expect(await c.next('error')).toMatchObject({ code: 'input.invalid', message: expect.stringContaining('hello') });
    await c.hello();
    c.close();
  });

  it('starts a new conversation on a forged token, with an error frame saying so', async () => {
    const c = await Client.open(a.ws);
    const forged = await sign({ sub: 'ses_x', cid: 'wc_victim', uid: 'anon_x' }, 'not-the-secret-not-the-secret-123456', Math.floor(Date.now() / 1000) + 600);
    const w = await c.hello({ token: forged });
    expect(await c.next('error')).toMatchObject({ code: 'session.invalid' });
    expect(w.conversationId).not.toBe('wc_victim');
    c.send({ type: 'message', clientId: 'f1', text: 'works' });
    await c.next('ack');
    c.close();
  });

  it('resumes with an expired token while the session lives on; starts afresh when it ended', async () => {
    const c1 = await Client.open(a.ws);
    const w = await c1.hello();
    c1.close();
    const claims = decodeJwt(w.token);
    const past = Math.floor(Date.now() / 1000) - 60;
    const expired = await sign({ sub: claims.sub, cid: claims.cid, uid: claims.uid }, SECRET, past);
    const c2 = await Client.open(b.ws);
    expect(await c2.hello({ token: expired })).toMatchObject({ conversationId: w.conversationId, resumed: true });
    c2.close();

    const gone = await sign({ sub: 'ses_gone', cid: 'wc_gone', uid: 'anon_gone' }, SECRET, past);
    const c3 = await Client.open(b.ws);
    const w3 = await c3.hello({ token: gone });
    expect(await c3.next('error')).toMatchObject({ code: 'session.expired' });
    expect(w3).toMatchObject({ resumed: false });
    expect(w3.conversationId).not.toBe('wc_gone');
    c3.close();
  });

  it('recognises a shop-signed user across devices, and refuses a bad signature', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const sig = await sign({ sub: 'u-42' }, IDENTITY_SECRET, exp);
    const phone = await Client.open(a.ws);
    const w1 = await phone.hello({ userId: 'u-42', userSignature: sig });
    const laptop = await Client.open(b.ws);
    const w2 = await laptop.hello({ userId: 'u-42', userSignature: sig });
    expect(w1.userId).toBe('shop:u-42');
    expect(w2.conversationId).toBe(w1.conversationId);
    phone.send({ type: 'message', clientId: 'p1', text: 'from my phone' });
    await laptop.next('msg', (f) => f.entry.clientId === 'p1');
    const wrong = await Client.open(a.ws);
    const w3 = await wrong.hello({ userId: 'u-43', userSignature: sig });
    expect(await wrong.next('error')).toMatchObject({ code: 'identity.invalid' });
    expect(w3.userId).toMatch(/^anon_/);
    for (const c of [phone, laptop, wrong]) c.close();
  });
});

describe('webchat origin allowlist', () => {
  let s: Started;
  beforeAll(async () => { s = await startServer(redis.url, randomPrefix(), { env: { WEBCHAT_ALLOWED_ORIGINS: 'https://shop.example' } }); });
  afterAll(() => s.close());

  it('refuses a socket from another origin with a clear 403 and keeps serving allowed ones', async () => {
    const ws = new WebSocket(s.ws, { origin: 'https://evil.example' });
    const res = await new Promise<{ status: number; body: string }>((resolve) => {
      ws.on('unexpected-response', (_req, r) => {
        let body = '';
        r.on('data', (d: Buffer) => (body += d.toString()));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
      });
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'origin.not_allowed', message: expect.stringContaining('WEBCHAT_ALLOWED_ORIGINS') });
    const ok = await Client.open(s.ws, 'https://shop.example');
    await ok.hello();
    ok.close();
    const sameOrigin = await Client.open(s.ws, s.base);
    await sameOrigin.hello();
    sameOrigin.close();
  });

  it('limits messages per session across processes', async () => {
    const limited = await startServer(redis.url, randomPrefix(), { env: { WEBCHAT_MESSAGES_PER_MINUTE: '3' } });
    try {
      const c = await Client.open(limited.ws);
      await c.hello();
      for (let i = 0; i < 4; i++) c.send({ type: 'message', clientId: `r${i}`, text: `n${i}` });
      const err = await c.next('error', (f) => f.code === 'rate.limited');
      expect(err).toMatchObject({ clientId: 'r3', retryAfterMs: expect.any(Number) });
      c.close();
    } finally {
      await limited.close();
    }
  });
});
