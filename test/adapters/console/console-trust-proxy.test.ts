// Forged X-Forwarded-For headers against the console's per-address login limit, with TRUST_PROXY off and on.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../../helpers/redis-server.js';
import { loginRequest } from './console-client.js';
import { startWorld, type World } from './console-fixture.js';

const server = new TestRedis();
const worlds: World[] = [];
beforeAll(async () => { await server.start(); });
afterEach(async () => { await Promise.all(worlds.splice(0).map((w) => w.close())); });
afterAll(async () => { await server.destroy(); });

async function world(trustProxy: string): Promise<World> {
  const w = await startWorld(server.url, { env: { CONSOLE_LOGIN_MAX_ATTEMPTS: '2', TRUST_PROXY: trustProxy } });
  worlds.push(w);
  return w;
}

/** Wrong guesses at different (unknown) agent ids, each with a new forged address, until the address limit answers 429. */
async function spendAddressQuota(w: World, xff: (i: number) => string): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const res = await loginRequest(w.baseUrl, `nobody-${i}`, 'guess', { 'x-forwarded-for': xff(i) });
    if (res.status === 429) return i;
    expect(res.status).toBe(401);
  }
  throw new Error('the per-address login limit never answered');
}

describe('console logins and TRUST_PROXY', () => {
  it('off: a forged X-Forwarded-For buys no extra attempts', async () => {
    const w = await world('false');
    const spent = await spendAddressQuota(w, (i) => `198.51.100.${i % 250}`);
    expect(spent).toBeGreaterThan(0);
    for (const forged of ['203.0.113.1', '10.0.0.1, 203.0.113.2']) {
      expect((await loginRequest(w.baseUrl, 'nobody-else', 'guess', { 'x-forwarded-for': forged })).status).toBe(429);
    }
  });

  it('hop count 1: the proxy-given address is the client; another client still gets its answer', async () => {
    const w = await world('1');
    await spendAddressQuota(w, (i) => `6.6.6.${i % 250}, 203.0.113.5`);
    expect((await loginRequest(w.baseUrl, 'nobody-else', 'guess', { 'x-forwarded-for': '203.0.113.6' })).status).toBe(401);
    expect((await loginRequest(w.baseUrl, 'a-omar', 'omar-pass', { 'x-forwarded-for': '203.0.113.7' })).status).toBe(303);
  });

  it('a list: only the named proxies are skipped', async () => {
    const w = await world('127.0.0.1');
    await spendAddressQuota(w, (i) => `6.6.6.${i % 250}, 203.0.113.5`);
    expect((await loginRequest(w.baseUrl, 'nobody-else', 'guess', { 'x-forwarded-for': '7.7.7.7, 203.0.113.5' })).status).toBe(429);
    expect((await loginRequest(w.baseUrl, 'nobody-else', 'guess', { 'x-forwarded-for': '203.0.113.6' })).status).toBe(401);
  });
});
