// Forged X-Forwarded-For headers against the widget's per-address connection quota, with TRUST_PROXY off and on.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { randomPrefix, TestRedis } from '../../helpers/redis-server.js';
import { startServer, type Started } from './webchat-harness.js';

const redis = new TestRedis();
const servers: Started[] = [];
beforeAll(async () => { await redis.start(); });
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => s.close())); });
afterAll(async () => { await redis.destroy(); });

async function server(trustProxy: string): Promise<Started> {
  const s = await startServer(redis.url, randomPrefix(), { env: { WEBCHAT_IP_PER_MINUTE: '3', TRUST_PROXY: trustProxy } });
  servers.push(s);
  return s;
}

/** Opens a socket with the given X-Forwarded-For; resolves 101 when upgraded, else the refusal's status. */
function connect(url: string, xff?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin: 'http://shop.test', headers: xff ? { 'x-forwarded-for': xff } : {} });
    ws.once('open', () => { ws.terminate(); resolve(101); });
    ws.once('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); ws.terminate(); });
    ws.once('error', (err) => { if (!/Unexpected server response/.test(err.message)) reject(err); });
  });
}

describe('widget connections and TRUST_PROXY', () => {
  it('off: forged X-Forwarded-For headers buy no extra sockets', async () => {
    const s = await server('false');
    const got: number[] = [];
    for (let i = 0; i < 10; i++) got.push(await connect(s.ws, `198.51.100.${i}, 203.0.113.${i}`));
    expect(got.filter((x) => x === 101)).toHaveLength(3);
    expect(got.slice(3).every((x) => x === 429)).toBe(true);
    expect(await connect(s.ws)).toBe(429);
  });

  it('hop count 1: the rightmost entry is the client, exactly', async () => {
    const s = await server('1');
    for (let i = 0; i < 3; i++) expect(await connect(s.ws, `6.6.6.${i}, 203.0.113.5`)).toBe(101);
    // Same rightmost entry: same client, whatever is forged to its left.
    expect(await connect(s.ws, '6.6.6.99, 203.0.113.5')).toBe(429);
    expect(await connect(s.ws, '203.0.113.6')).toBe(101);
  });

  it('hop count 2 and an address list are honoured as configured', async () => {
    const two = await server('2');
    for (let i = 0; i < 4; i++) expect(await connect(two.ws, `198.51.100.${i}, 203.0.113.5`)).toBe(101);
    const list = await server('127.0.0.1');
    for (let i = 0; i < 3; i++) expect(await connect(list.ws, `198.51.100.${i}, 203.0.113.7`)).toBe(101);
    expect(await connect(list.ws, '198.51.100.200, 203.0.113.7')).toBe(429);
    expect(await connect(list.ws, '203.0.113.8')).toBe(101);
  });
});
