// Login throttling that slows guessers without locking the agent out (OWASP: throttle with growing delays, no hard lock).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../../helpers/redis-server.js';
import { loginRequest } from './console-client.js';
import { startWorld, type World } from './console-fixture.js';

const server = new TestRedis();
const worlds: World[] = [];
beforeAll(async () => { await server.start(); });
afterEach(async () => { await Promise.all(worlds.splice(0).map((w) => w.close())); });
afterAll(async () => { await server.destroy(); });

async function world(env: Record<string, string> = {}): Promise<World> {
  // TRUST_PROXY=1: the test's X-Forwarded-For stands for the address the load balancer saw.
  const w = await startWorld(server.url, { env: { TRUST_PROXY: '1', ...env } });
  worlds.push(w);
  return w;
}
const from = (ip: string) => ({ 'x-forwarded-for': ip });

describe('console login throttling', () => {
  it('200 wrong passwords from 20 addresses, then the right password from a fresh address: logged in', async () => {
    const w = await world();
    const statuses: number[] = [];
    for (let a = 0; a < 20; a++) {
      const guesses = Array.from({ length: 10 }, () => loginRequest(w.baseUrl, 'a-omar', 'wrong', from(`198.51.100.${a}`)).then((r) => r.status));
      statuses.push(...(await Promise.all(guesses)));
    }
    expect(statuses).toHaveLength(200);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0); // the guessers were slowed
    const res = await loginRequest(w.baseUrl, 'a-omar', 'omar-pass', from('203.0.113.50'));
    expect(res.status).toBe(303);
    // The supervisors were told once.
    const alerts = (await w.alertLog.recent()).filter((x) => x.text.includes('a-omar'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toMatch(/failed logins/);
  });

  it('an address that keeps failing is delayed, with a growing Retry-After, and never told the password was right', async () => {
    const w = await world({ CONSOLE_LOGIN_MAX_ATTEMPTS: '3' });
    for (let i = 0; i < 3; i++) expect((await loginRequest(w.baseUrl, 'a-omar', 'wrong', from(`198.51.100.${i}`))).status).toBe(401);
    // Over the account's threshold: a second try from an address that failed waits, even with the right password.
    const held = await loginRequest(w.baseUrl, 'a-omar', 'omar-pass', from('198.51.100.0'));
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await held.text()).toContain('Too many login attempts');
    // Each further failure (here from a new address) doubles the delay.
    expect((await loginRequest(w.baseUrl, 'a-omar', 'wrong', from('198.51.100.9'))).status).toBe(401);
    const longer = await loginRequest(w.baseUrl, 'a-omar', 'wrong', from('198.51.100.1'));
    expect(longer.status).toBe(429);
    expect(Number(longer.headers.get('retry-after'))).toBeGreaterThanOrEqual(2);
    // A fresh address is not held back by it.
    expect((await loginRequest(w.baseUrl, 'a-omar', 'omar-pass', from('203.0.113.9'))).status).toBe(303);
    // Another agent is untouched.
    expect((await loginRequest(w.baseUrl, 'a-ling', 'ling-pass', from('198.51.100.0'))).status).toBe(303);
  });

  it('one address spraying many agent ids hits its own limit; other addresses do not', async () => {
    const w = await world({ CONSOLE_LOGIN_MAX_ATTEMPTS: '2' });
    const got: number[] = [];
    for (let i = 0; i < 12; i++) got.push((await loginRequest(w.baseUrl, `nobody-${i}`, 'x', from('198.51.100.77'))).status);
    expect(got.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(got.slice(10).every((s) => s === 429)).toBe(true);
    expect((await loginRequest(w.baseUrl, 'a-omar', 'omar-pass', from('198.51.100.78'))).status).toBe(303);
  });
});
