// Erasure of a widget consumer without the archive: a shop-signed user files a case with an uploaded photo
// over the real WebSocket and upload routes; afterwards no Redis key and no upload holds their id, shop id,
// texts or photo, the widget's history, session and shop-user link are gone, and the Redis report still counts.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestRedis } from '../helpers/redis-server.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';
import { AgentClient } from '../adapters/console/console-client.js';
import { Client, IDENTITY_SECRET, SECRET } from '../adapters/webchat/webchat-harness.js';
import { tinyPng } from '../adapters/webchat/png.fixture.js';

const AGENTS = JSON.stringify([{ id: 'a-sup', name: 'Sue', role: 'supervisor', compensationLimit: 1000, password: 'pw-sup-12345' }]);
const SHOP_USER = 'shopper-7731';
const TEXTS = ['My parcel arrived damaged, the marmalade jars smashed', 'Orange marmalade leaked all over the tablecloth'];
const FILE = 'marmalade-mess.png';

const redis = new TestRedis();
let t: TestApp;
let dir: string;
let base: string;
beforeAll(async () => {
  await redis.start();
  dir = await mkdtemp(join(tmpdir(), 'redress-privacy-wc-'));
  t = await startTestApp(redis.url, { AGENTS, UPLOAD_DIR: dir, WEBCHAT_SESSION_SECRET: SECRET, WEBCHAT_IDENTITY_SECRET: IDENTITY_SECRET, WEBCHAT_ALLOWED_ORIGINS: 'http://shop.test' });
  base = `http://127.0.0.1:${(t.app.http.server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await t?.app.close();
  await redis.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function everyRedisValue(): Promise<string[]> {
  const r = t.app.core.redis;
  const out: string[] = [];
  for (const key of await r.keys(`${t.prefix}:*`)) {
    const type = await r.type(key);
    const value = type === 'string' ? await r.get(key) : type === 'list' ? await r.lrange(key, 0, -1) : type === 'hash' ? await r.hgetall(key)
      : type === 'set' ? await r.smembers(key) : type === 'zset' ? await r.zrange(key, '0', '-1') : type === 'stream' ? await r.xrange(key, '-', '+') : type;
    out.push(`${key} ${JSON.stringify(value)}`);
  }
  return out;
}

it('a widget consumer is erased from every Redis key and the upload directory; the case still counts', async () => {
  const exp = Math.floor(Date.now() / 1000) + 600;
  const sig = await new SignJWT({ sub: SHOP_USER }).setProtectedHeader({ alg: 'HS256' }).setIssuer('redress-webchat').setAudience('webchat').setExpirationTime(exp).sign(new TextEncoder().encode(IDENTITY_SECRET));
  const c = await Client.open(`${base.replace('http', 'ws')}/webchat/ws`);
  const w = await c.hello({ userId: SHOP_USER, userSignature: sig });
  const log: string[] = [];
  const turn = async (content: { text?: string; action?: string; attachments?: string[] }) => {
    const entries = await c.turn(content as { text?: string }, { settleMs: 150 });
    log.push(...entries.map((e) => `${e.text} [${(e.choices ?? []).map((x) => x.value).join(',')}]`));
    return entries;
  };
  await turn({ text: TEXTS[0] });
  await turn({ action: 'yes' });
  await turn({ text: 'A12345678' });
  await turn({ text: TEXTS[1] });
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(tinyPng())], { type: 'image/png' }), FILE);
  const up = await fetch(`${base}/webchat/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${w.token}` } });
  const { attachmentId } = (await up.json()) as { attachmentId: string };
  await turn({ attachments: [attachmentId] });
  await turn({ action: 'done' });
  // A second photo uploaded but never sent: only its upload record names it.
  const stray = new FormData();
  stray.append('file', new Blob([new Uint8Array(tinyPng())], { type: 'image/png' }), 'stray.png');
  expect((await fetch(`${base}/webchat/upload`, { method: 'POST', body: stray, headers: { authorization: `Bearer ${w.token}` } })).status).toBe(200);
  await turn({ action: 'refund' });
  const confirmed = await turn({ action: 'confirm' });
  const id = /RD-\d{8}-\d{4}/.exec(confirmed.map((e) => e.text).join(' '))?.[0];
  expect(id, log.join('\n')).toBeTruthy();
  c.close();

  const consumerId = `webchat:shop:${SHOP_USER}`;
  const needles = [SHOP_USER, w.conversationId, ...TEXTS, attachmentId];
  const found = (h: string[]) => h.filter((x) => needles.some((n) => x.includes(n)));
  await eventually(async () => (await t.app.core.complaints.store.require(id!)).evidence.some((a) => a.storageKey), 'the photo on the case');
  expect(found(await everyRedisValue()).length).toBeGreaterThan(0);
  expect((await readdir(dir, { recursive: true })).length).toBeGreaterThan(0);

  const sue = await AgentClient.login(base, 'a-sup', 'pw-sup-12345');
  const today = new Date().toISOString().slice(0, 10);
  const exported = await sue.get<{ conversations: Array<{ webchatHistory: unknown[] }>; files: Array<{ mimeType: string; complaintId: string | null }> }>(`/console/api/consumers/${encodeURIComponent(consumerId)}/export`);
  expect(JSON.stringify(exported.body.conversations[0]?.webchatHistory)).toContain(TEXTS[1]);
  expect(exported.body.files).toEqual([
    expect.objectContaining({ complaintId: id, mimeType: 'image/png' }),
    expect.objectContaining({ complaintId: null, mimeType: 'image/png' }),
  ]);
  const before = await sue.get<{ summary: { cases: number }; source: string }>(`/console/api/reports?from=${today}&to=${today}`);
  expect(before.body.source).toBe('redis');

  const res = await sue.post<{ erased: boolean; files: number }>(`/console/api/consumers/${encodeURIComponent(consumerId)}/erase`, { reason: 'Request via the shop, ticket 88' });
  expect(res.body).toMatchObject({ erased: true, files: 2 });
  await new Promise((r) => setTimeout(r, 1_000));
  expect(found(await everyRedisValue())).toEqual([]);
  expect(await readdir(dir, { recursive: true })).toEqual([]);
  const after = await sue.get<{ summary: { cases: number } }>(`/console/api/reports?from=${today}&to=${today}`);
  expect(after.body.summary.cases).toBe(before.body.summary.cases);
  // The CSV without the archive comes from Redis: the erased case is a row like any other.
  const csv = await (await fetch(`${base}/console/api/reports.csv?from=${today}&to=${today}`, { headers: { cookie: sue.cookie } })).text();
  const row = csv.split('\r\n').find((l) => l.startsWith(`"${id}"`));
  expect(row).toMatch(new RegExp(`^"${id}","${today}T[^"]+Z","damaged_in_transit","(low|medium|high)","queued","","",""$`));
}, 90_000);
