import { SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPrefix, TestRedis } from '../../helpers/redis-server.js';
import { tinyPng } from './png.fixture.js';
import { Client, SECRET, startServer, type Started } from './webchat-harness.js';

const redis = new TestRedis();
let s: Started;
beforeAll(async () => {
  await redis.start();
  s = await startServer(redis.url, randomPrefix(), { env: { UPLOAD_MAX_BYTES: String(64 * 1024) } });
});
afterAll(async () => {
  await s?.close();
  await redis.destroy();
});

async function upload(token: string | null, bytes: Buffer, name = 'photo.png', type = 'image/png') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await fetch(`${s.base}/webchat/upload`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('webchat uploads', () => {
  it('stores a photo, passes it to the bot as an image attachment, serves it back to that session only', async () => {
    const c = await Client.open(s.ws);
    const w = await c.hello();
    const png = tinyPng();
    const up = await upload(w.token, png);
    expect(up).toMatchObject({ status: 200, body: { mimeType: 'image/png', sizeBytes: png.length } });
    const id = up.body.attachmentId as string;
    c.send({ type: 'message', clientId: 'ph1', attachments: [id] });
    await c.next('msg', (f) => f.entry.from === 'bot' && f.entry.expects === 'rating');
    expect(s.bot.received.at(-1)!.attachments).toEqual([
      expect.objectContaining({ kind: 'image', mimeType: 'image/png', sizeBytes: png.length, url: expect.stringContaining(id) }),
    ]);
    expect(c.msgs().find((e) => e.clientId === 'ph1')!.attachments).toEqual([{ id, mimeType: 'image/png', sizeBytes: png.length }]);

    const mine = await fetch(`${s.base}/webchat/files/${id}`, { headers: { authorization: `Bearer ${w.token}` } });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await mine.arrayBuffer()).equals(png)).toBe(true);

    const other = await Client.open(s.ws);
    const w2 = await other.hello();
    expect((await fetch(`${s.base}/webchat/files/${id}`, { headers: { authorization: `Bearer ${w2.token}` } })).status).toBe(404);
    expect((await fetch(`${s.base}/webchat/files/${id}`)).status).toBe(401);
    other.send({ type: 'message', clientId: 'steal', attachments: [id] });
    expect(await other.next('error', (f) => f.clientId === 'steal')).toMatchObject({ code: 'attachment.not_found' });
    c.close();
    other.close();
  });

  it('refuses a too-large upload, a non-image and a HEIC photo with clear messages; the session keeps working', async () => {
    const c = await Client.open(s.ws);
    const w = await c.hello();
    const big = Buffer.concat([tinyPng(), Buffer.alloc(70 * 1024)]);
    expect(await upload(w.token, big)).toMatchObject({ status: 413, body: { code: 'upload.too_large', message: expect.stringContaining('MB') } });
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\n');
    expect(await upload(w.token, pdf, 'photo.png', 'image/png')).toMatchObject({ status: 415, body: { code: 'upload.unsupported_type', message: expect.stringContaining('JPEG') } });
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(64)]);
    expect(await upload(w.token, heic, 'IMG_0001.HEIC', 'image/heic')).toMatchObject({ status: 415, body: { message: expect.stringContaining('HEIC') } });
    expect((await upload(w.token, tinyPng())).status).toBe(200);
    c.send({ type: 'message', clientId: 'after-upload', text: 'still fine' });
    await c.next('ack', (f) => f.clientId === 'after-upload');
    c.close();
  });

  it('requires a live, genuine session token', async () => {
    expect(await upload(null, tinyPng())).toMatchObject({ status: 401, body: { code: 'session.invalid' } });
    expect(await upload('abc.def.ghi', tinyPng())).toMatchObject({ status: 401, body: { code: 'session.invalid' } });
    const c = await Client.open(s.ws);
    const w = await c.hello();
    const claims = decodeJwt(w.token);
    const expired = await new SignJWT({ cid: claims.cid, uid: claims.uid }).setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub!).setIssuer('redress-webchat').setAudience('webchat')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 5).sign(new TextEncoder().encode(SECRET));
    expect(await upload(expired, tinyPng())).toMatchObject({ status: 401, body: { code: 'session.expired', message: expect.stringContaining('Reconnect') } });
    c.close();
  });

  it('answers CORS preflights for allowed origins and serves the widget and demo page', async () => {
    const pre = await fetch(`${s.base}/webchat/upload`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const js = await fetch(`${s.base}/widget.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect((await js.text()).length).toBeGreaterThan(1000);
    const page = await (await fetch(`${s.base}/?lang=zh`)).text();
    expect(page).toContain('<script src="/widget.js" data-locale="zh" data-order-example="MM-240815-001" async></script>');
  });
});
