import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../helpers/test-app.js';
import { randomPrefix, TestRedis } from '../../helpers/redis-server.js';
import { openUpload, uploadBytes } from './multipart-upload.js';
import { tinyPng } from './png.fixture.js';
import { Client, startServer, type Started } from './webchat-harness.js';

// Issue 13, item 1: each limit scaled down through config, asserted over real HTTP against a real redis-server.
const redis = new TestRedis();
const servers: Started[] = [];
beforeAll(() => redis.start());
afterAll(async () => {
  for (const s of servers) await s.close();
  await redis.destroy();
});

async function server(env: Record<string, string>): Promise<Started> {
  const s = await startServer(redis.url, randomPrefix(), { env: { UPLOAD_MAX_BYTES: String(256 * 1024), ...env } });
  servers.push(s);
  return s;
}

async function session(s: Started): Promise<string> {
  const c = await Client.open(s.ws);
  const w = await c.hello();
  c.close();
  return w.token;
}

const photo = (kb: number) => Buffer.concat([tinyPng(), Buffer.alloc(kb * 1024, 7)]);
/** Files in the upload store, partial `.tmp` files included. */
const files = (s: Started) => (readdirSync(s.config.UPLOAD_DIR, { recursive: true }) as string[])
  .filter((f) => statSync(join(s.config.UPLOAD_DIR, f)).isFile());

describe('webchat upload limits', () => {
  it('streams past the size limit into a refusal and leaves no partial file behind', async () => {
    const s = await server({ UPLOAD_MAX_BYTES: String(64 * 1024) });
    const token = await session(s);
    const up = openUpload(s.base, token, photo(16));
    await eventually(() => files(s).some((f) => f.endsWith('.tmp')), 'the upload is being written to disk while it streams');
    await up.write(Buffer.alloc(60 * 1024, 1));
    expect(await up.finish()).toMatchObject({ status: 413, body: { code: 'upload.too_large', message: expect.stringContaining('0.1 MB') } });
    expect(files(s)).toEqual([]);
    expect(await uploadBytes(s.base, token, photo(70), 'zh')).toMatchObject({ status: 413, body: { message: expect.stringContaining('这张照片超过') } });
    expect((await uploadBytes(s.base, token, photo(8))).status).toBe(200);
    expect(files(s), files(s).join()).toHaveLength(1);
  });

  it('counts photos per session per hour, in the consumer language, with a retry time', async () => {
    const s = await server({ WEBCHAT_UPLOADS_PER_HOUR: '2' });
    const token = await session(s);
    for (let i = 0; i < 2; i++) expect((await uploadBytes(s.base, token, photo(1))).status).toBe(200);
    const refused = await uploadBytes(s.base, token, photo(1));
    expect(refused).toMatchObject({ status: 429, body: { code: 'rate.limited', message: expect.stringContaining('in an hour'), retryAfter: expect.any(Number) } });
    expect(refused.body.retryAfter).toBeGreaterThan(3000);
    expect(Number(refused.retryAfter)).toBe(refused.body.retryAfter);
    expect((await uploadBytes(s.base, token, photo(1), 'zh')).body.message).toContain('这一小时');
    expect((await uploadBytes(s.base, await session(s), photo(1))).status).toBe(200);
    expect(files(s)).toHaveLength(3);
  });

  it('counts bytes per session per hour and stops an upload that would pass them mid-stream', async () => {
    const s = await server({ WEBCHAT_UPLOAD_MB_PER_HOUR: String(100 / 1024) });
    const token = await session(s);
    expect((await uploadBytes(s.base, token, photo(60))).status).toBe(200);
    const over = await uploadBytes(s.base, token, photo(60));
    expect(over).toMatchObject({ status: 429, body: { code: 'rate.limited', message: expect.stringContaining('photo data') } });
    expect(files(s)).toHaveLength(1);
    expect((await uploadBytes(s.base, token, photo(30))).status).toBe(200);
    expect((await uploadBytes(s.base, token, photo(12))).status).toBe(429);
  });

  it('counts photos and bytes per client address across sessions', async () => {
    const s = await server({ WEBCHAT_IP_UPLOADS_PER_HOUR: '3', WEBCHAT_IP_UPLOAD_MB_PER_HOUR: '10' });
    for (let i = 0; i < 3; i++) expect((await uploadBytes(s.base, await session(s), photo(1))).status).toBe(200);
    expect(await uploadBytes(s.base, await session(s), photo(1))).toMatchObject({ status: 429, body: { code: 'rate.limited' } });
    const b = await server({ WEBCHAT_IP_UPLOAD_MB_PER_HOUR: String(50 / 1024) });
    expect((await uploadBytes(b.base, await session(b), photo(40))).status).toBe(200);
    expect(await uploadBytes(b.base, await session(b), photo(40))).toMatchObject({ status: 429, body: { message: expect.stringContaining('photo data') } });
  });

  it('refuses a session its third upload in flight at once (429), and takes it once one finishes', async () => {
    const s = await server({ WEBCHAT_UPLOADS_IN_FLIGHT_PER_SESSION: '2' });
    const token = await session(s);
    const slow = [openUpload(s.base, token, photo(4)), openUpload(s.base, token, photo(4))];
    await eventually(() => files(s).filter((f) => f.endsWith('.tmp')).length === 2, 'two uploads in flight');
    const third = await uploadBytes(s.base, token, photo(1), 'zh');
    expect(third).toMatchObject({ status: 429, body: { code: 'rate.limited', message: expect.stringContaining('还在上传'), retryAfter: 5 } });
    expect((await uploadBytes(s.base, await session(s), photo(1))).status).toBe(200);
    expect((await slow[0]!.finish()).status).toBe(200);
    expect((await uploadBytes(s.base, token, photo(1))).status).toBe(200);
    expect((await slow[1]!.finish()).status).toBe(200);
  });

  it('refuses with 503 and a retry time past the process-wide cap on uploads in flight', async () => {
    const s = await server({ UPLOADS_IN_FLIGHT_MAX: '2' });
    const slow = [openUpload(s.base, await session(s), photo(4)), openUpload(s.base, await session(s), photo(4))];
    await eventually(() => files(s).filter((f) => f.endsWith('.tmp')).length === 2, 'two uploads in flight');
    const token = await session(s);
    expect(await uploadBytes(s.base, token, photo(1))).toMatchObject({ status: 503, body: { code: 'server.unavailable', message: expect.stringContaining('5 seconds'), retryAfter: 5 }, retryAfter: '5' });
    for (const u of slow) expect((await u.finish()).status).toBe(200);
    expect((await uploadBytes(s.base, token, photo(1))).status).toBe(200);
  });

  it('refuses with 507 once the upload store reaches UPLOAD_DISK_QUOTA_MB, removing the partial file', async () => {
    const s = await server({ UPLOAD_DISK_QUOTA_MB: String(100 / 1024) });
    const token = await session(s);
    expect((await uploadBytes(s.base, token, photo(60))).status).toBe(200);
    expect(await uploadBytes(s.base, token, photo(60))).toMatchObject({ status: 507, body: { code: 'upload.store_full', message: expect.stringContaining('describe the problem in words') } });
    expect(files(s)).toHaveLength(1);
    expect((await uploadBytes(s.base, token, photo(30), 'zh'))).toMatchObject({ status: 200 });
    expect(await uploadBytes(s.base, token, photo(12), 'zh')).toMatchObject({ status: 507, body: { message: expect.stringContaining('无法存储更多照片') } });
  });

  it('drops an upload that stalls mid-body: its partial file is removed and its slot freed', async () => {
    const s = await server({ WEBCHAT_UPLOADS_IN_FLIGHT_PER_SESSION: '1', WEBCHAT_UPLOAD_IDLE_SECONDS: '0.5' });
    const token = await session(s);
    const stalled = openUpload(s.base, token, photo(4));
    await eventually(() => files(s).some((f) => f.endsWith('.tmp')), 'the stalled upload is being written');
    expect((await uploadBytes(s.base, token, photo(1))).status).toBe(429);
    await eventually(() => files(s).length === 0, 'the partial file removed once the upload went idle');
    await expect(stalled.reply).rejects.toThrow();
    expect((await uploadBytes(s.base, token, photo(1))).status).toBe(200);
  });
});
