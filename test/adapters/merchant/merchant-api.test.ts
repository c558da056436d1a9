/**
 * The platform's side of the merchant as a party, over real HTTP against a real Redis: the signed `merchant.asked`
 * event carries the request and its link; the platform answers through `POST /api/merchant/answers`, signed like
 * every platform call. A bad or old signature, a malformed body, an unknown request and a file that is not a photo
 * or PDF are refused with a reason and change nothing; a good one lands once (a replay gets 409). The answer page
 * itself over plain HTTP: a refusal in the merchant's language, and the per-link rate limit.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signature, signedHeaders } from '../../../src/events/signed-request.js';
import { t as text } from '../../../src/i18n/catalog.js';
import { merchantLinks } from '../../../src/merchants/merchant-link.js';
import { jobId } from '../../../src/queues/queue-names.js';
import { EventReceiver } from '../../events/event-receiver.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { consumer, eventually, fileComplaint, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { tinyPng } from '../webchat/png.fixture.js';

const API_SECRET = 'merchant-api-secret-0123456789';
const redis = new TestRedis();
const receiver = new EventReceiver('merchant-events-secret-0123456789');
const uploads = mkdtempSync(join(tmpdir(), 'redress-merchant-api-'));
let t: TestApp;
let base = '';

beforeAll(async () => {
  await Promise.all([redis.start(), receiver.start()]);
  t = await startTestApp(redis.url, {
    AGENTS: JSON.stringify([{ id: 'a-ling', name: 'Ling', role: 'agent' }, { id: 'a-bo', name: 'Bo', role: 'agent' }]),
    EVENTS_WEBHOOK_URL: receiver.url, EVENTS_WEBHOOK_SECRET: 'merchant-events-secret-0123456789',
    MERCHANT_API_SECRET: API_SECRET, MERCHANT_LINK_SECRET: 'merchant-api-link-secret-0123456789abcdef',
    PUBLIC_URL: 'https://redress.example', UPLOAD_DIR: uploads,
  });
  base = `http://127.0.0.1:${(t.app.http.server.address() as { port: number }).port}`;
}, 60_000);

afterAll(async () => {
  await t?.app.close();
  await receiver.stop();
  await redis.destroy();
  rmSync(uploads, { recursive: true, force: true });
});

function post(body: string, headers: Record<string, string> = signedHeaders(API_SECRET, body, Date.now)) {
  return fetch(`${base}/api/merchant/answers`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

function storedFiles(): string[] {
  try {
    return readdirSync(join(uploads, 'merchant'), { recursive: true }).map(String).filter((f) => /\.(png|jpg|webp|gif|pdf)$/.test(f));
  } catch {
    return [];
  }
}

describe('POST /api/merchant/answers', () => {
  it('the platform gets the request with its link, answers with a signed POST, and the answer lands once', async () => {
    const c = consumer(t);
    const id = await fileComplaint(c);
    await t.app.core.agentOps.claim('a-ling', id);
    // Only the owner (or a supervisor) asks the merchant.
    await expect(t.app.core.agentOps.askMerchant('a-bo', id, { question: 'Photo?', hours: 24 })).rejects.toMatchObject({ code: 'complaint.not_owner' });
    await expect(t.app.core.agentOps.askMerchant('a-ling', id, { question: 'Photo?', hours: '0' })).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(t.app.core.agentOps.askMerchant('a-ling', id, { question: 'Photo?', hours: 24 * 15 })).rejects.toMatchObject({ code: 'input.invalid' });
    await t.app.core.agentOps.askMerchant('a-ling', id, { question: 'Please send the packing photo.', hours: '24' });
    const requestId = `${id}.m1`;

    await eventually(() => receiver.types(id).includes('merchant.asked'), 'merchant.asked at the platform');
    const asked = receiver.byComplaint.get(id)!.find((e) => e.type === 'merchant.asked')!;
    expect(asked.merchantRequest).toMatchObject({ id: requestId, question: 'Please send the packing photo.', link: expect.stringMatching(/^https:\/\/redress\.example\/merchant\/r\//) });
    const timer = () => t.app.core.merchantDeadlines.queue.getJob(jobId('merchant', requestId));
    expect(await timer()).toBeTruthy();

    const good = JSON.stringify({ requestId, text: 'Packed in double foam; photo attached.', files: [{ name: 'packed.png', contentType: 'image/png', base64: tinyPng(24, [1, 2, 3]).toString('base64') }] });
    // Wrong secret, an edited body, a timestamp ten minutes old, no headers: 401, nothing stored.
    expect((await post(good, signedHeaders('some-other-secret-0123', good, Date.now))).status).toBe(401);
    expect((await post(good.replace('double', 'single'), signedHeaders(API_SECRET, good, Date.now))).status).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 600;
    const stale = await post(good, { 'x-redress-timestamp': String(old), 'x-redress-signature': signature(API_SECRET, old, good) });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ error: { code: 'merchant.bad_signature' } });
    expect((await post(good, {})).status).toBe(401);
    // Signed but wrong: the shape, an unknown request, a file that is not a photo or PDF (its claimed type is not believed).
    const shape = await post(JSON.stringify({ requestId, text: 'x', files: [{ name: 'a.png' }] }));
    expect(shape.status).toBe(400);
    expect(((await shape.json()) as { error: { message: string } }).error.message).toMatch(/files\.0\.contentType/);
    expect((await post(JSON.stringify({ requestId: `${id}.m9`, text: 'x' }))).status).toBe(404);
    const fake = await post(JSON.stringify({ requestId, text: 'x', files: [{ name: 'a.png', contentType: 'image/png', base64: Buffer.from('<svg onload=alert(1)>').toString('base64') }] }));
    expect(fake.status).toBe(415);
    expect(storedFiles()).toEqual([]);
    expect((await t.app.core.store.require(id)).merchantRequests![0]!.status).toBe('open');

    const headers = signedHeaders(API_SECRET, good, Date.now);
    const ok = await post(good, headers);
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ requestId, files: 1 });
    // The same signed request again (a replay within the window): refused, nothing added.
    const replay = await post(good, headers);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ error: { code: 'merchant.already_answered' } });
    expect(storedFiles()).toHaveLength(1);

    const answered = (await t.app.core.store.require(id)).merchantRequests![0]!;
    expect(answered).toMatchObject({ status: 'answered', answer: { text: 'Packed in double foam; photo attached.', via: 'api', files: [{ name: 'packed.png', mimeType: 'image/png' }] } });
    const timeline = await t.app.core.store.timeline(id);
    expect(timeline.filter((e) => e.type === 'merchant_answered')).toHaveLength(1);
    // The timer is gone; the platform hears `merchant.answered` without the answer's text; the consumer hears nothing of it.
    await eventually(async () => !(await timer()), 'the deadline timer removed');
    await eventually(() => receiver.types(id).includes('merchant.answered'), 'merchant.answered at the platform');
    expect(JSON.stringify(receiver.byComplaint.get(id))).not.toContain('double foam');
    expect(c.messages().some((m) => m.message.text.includes('double foam'))).toBe(false);
  }, 60_000);

  it('two answers to one request at once: exactly one lands, the other gets 409 and leaves no file behind', async () => {
    const c = consumer(t);
    const id = await fileComplaint(c);
    await t.app.core.agentOps.claim('a-ling', id);
    await t.app.core.agentOps.askMerchant('a-ling', id, { question: 'Which courier?', hours: 1 });
    const before = storedFiles().length;
    const bodies = ['SF Express', 'JD Logistics'].map((text) => JSON.stringify({ requestId: `${id}.m1`, text, files: [{ name: 'r.png', contentType: 'image/png', base64: tinyPng(8, [9, 9, 9]).toString('base64') }] }));
    const statuses = (await Promise.all(bodies.map((b) => post(b)))).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
    expect(storedFiles().length - before).toBe(1);
    expect((await t.app.core.store.timeline(id)).filter((e) => e.type === 'merchant_answered')).toHaveLength(1);
  }, 60_000);
});

describe('the answer page over HTTP', () => {
  it('refuses an empty answer and holds one link to 30 uses per 10 minutes, each in the merchant\'s language', async () => {
    const c = consumer(t);
    const id = await fileComplaint(c);
    await t.app.core.agentOps.claim('a-ling', id);
    const asked = await t.app.core.agentOps.askMerchant('a-ling', id, { question: 'Which courier?', hours: 1 });
    const page = `${base}/merchant/r/${merchantLinks(t.app.core.config)!.token(asked.merchantRequests![0]!)}`;
    const form = new FormData();
    form.set('text', '   ');
    form.set('files', new Blob([new Uint8Array(tinyPng(8, [1, 1, 1]))], { type: 'image/png' }), 'a.png');
    const empty = await fetch(page, { method: 'POST', body: form, headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain(text('zh', 'merchant.error.empty'));
    for (let i = 2; i <= 30; i++) expect((await fetch(page)).status, `use ${i}`).toBe(200);
    const limited = await fetch(page, { headers: { 'accept-language': 'zh' } });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain(text('zh', 'merchant.error.rate_limited', { minutes: 10 }));
    expect((await t.app.core.store.require(id)).merchantRequests![0]!.status).toBe('open');
  }, 60_000);
});
