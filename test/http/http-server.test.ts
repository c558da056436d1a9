/**
 * `/readyz` tells a load balancer the truth (issue 8): ready only when Redis takes a write now. Real redis-servers:
 * a primary, a read-only replica of it, a paused (SIGSTOP) server, and a one-node Cluster with slots missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/http/http-server.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import { redisAnswers } from '../../src/redis/local-redis.js';
import { freePort, TestRedis } from '../helpers/redis-server.js';

const primary = new TestRedis();
const replica = new TestRedis();
const closers: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  await Promise.all([primary.start(), replica.start()]);
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await Promise.all([primary.destroy(), replica.destroy()]);
});

async function serve(redis: RedisClient): Promise<string> {
  redis.on('error', () => undefined);
  const app: FastifyInstance = createHttpServer({ redis, readyKey: '{t}:readyz' });
  closers.push(() => redis.disconnect(), () => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

async function readyz(base: string): Promise<{ status: number; body: Record<string, unknown>; raw: string; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${base}/readyz`);
  const raw = await res.text();
  return { status: res.status, body: JSON.parse(raw) as Record<string, unknown>, raw, ms: Date.now() - started };
}

async function ready(c: RedisClient): Promise<RedisClient> {
  if (c.status !== 'ready') await new Promise((r) => c.once('ready', r));
  return c;
}

describe('/readyz', () => {
  it('is 200 while Redis takes writes', async () => {
    const base = await serve(await ready(new Redis(primary.url, { maxRetriesPerRequest: null })));
    expect(await readyz(base)).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('is 503 on a read-only replica (READONLY), naming no host, port or URL', async () => {
    const admin = new Redis(replica.url);
    closers.push(() => admin.disconnect());
    await admin.replicaof('127.0.0.1', primary.port);
    const base = await serve(await ready(new Redis(replica.url, { maxRetriesPerRequest: null })));
    const r = await readyz(base);
    expect(r).toMatchObject({ status: 503, body: { ok: false, reason: 'redis refuses writes' } });
    expect(r.raw).not.toMatch(new RegExp(`127\\.0\\.0\\.1|${replica.port}|${primary.port}|redis://`));
  });

  it('is 503 within about 1 s when Redis is connected but does not answer', async () => {
    const admin = new Redis(primary.url);
    closers.push(() => admin.disconnect());
    const pid = Number(/process_id:(\d+)/.exec(await admin.info('server'))?.[1]);
    const base = await serve(await ready(new Redis(primary.url, { maxRetriesPerRequest: null })));
    process.kill(pid, 'SIGSTOP');
    try {
      const r = await readyz(base);
      expect(r).toMatchObject({ status: 503, body: { ok: false, reason: 'redis did not answer within 1 s' } });
      expect(r.ms).toBeGreaterThanOrEqual(900);
      expect(r.ms).toBeLessThan(2000);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  });

  it('is 503 on Cluster when CLUSTER INFO says cluster_state is not ok', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'redress-cluster-'));
    const node: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--dir', dir,
      '--save', '', '--appendonly', 'no', '--protected-mode', 'no', '--cluster-announce-ip', '127.0.0.1'], { stdio: 'ignore' });
    closers.push(() => { node.kill('SIGKILL'); rmSync(dir, { recursive: true, force: true }); });
    const url = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 200 && !(await redisAnswers(url)); i++) await new Promise((r) => setTimeout(r, 25));
    const admin = new Redis(url);
    closers.push(() => admin.disconnect());
    await admin.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
    for (let i = 0; i < 200 && !/cluster_state:ok/.test(String(await admin.call('CLUSTER', 'INFO'))); i++) await new Promise((r) => setTimeout(r, 25));
    const cluster = new Cluster([{ host: '127.0.0.1', port }], { redisOptions: { maxRetriesPerRequest: null } });
    const base = await serve(await ready(cluster));
    expect(await readyz(base)).toMatchObject({ status: 200 });
    const slot = Number(await admin.call('CLUSTER', 'KEYSLOT', '{t}:readyz'));
    const missing = slot > 100 ? ['0', '100'] : ['16000', '16383'];
    await admin.call('CLUSTER', 'DELSLOTSRANGE', ...missing);
    for (let i = 0; i < 200 && /cluster_state:ok/.test(String(await admin.call('CLUSTER', 'INFO'))); i++) await new Promise((r) => setTimeout(r, 25));
    expect(await readyz(base)).toMatchObject({ status: 503, body: { ok: false, reason: 'redis cluster state is not ok' } });
  });
});
