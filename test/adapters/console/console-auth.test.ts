// Login, sessions and forgery protection, over real HTTP against a real redis-server.
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logging/logger.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { AgentClient, loginRequest } from './console-client.js';
import { startWorld, type World } from './console-fixture.js';

const server = new TestRedis();
const worlds: World[] = [];
async function world(...args: Parameters<typeof startWorld> extends [string, ...infer R] ? R : never): Promise<World> {
  const w = await startWorld(server.url, ...args);
  worlds.push(w);
  return w;
}

beforeAll(async () => { await server.start(); });
afterEach(async () => { await Promise.all(worlds.splice(0).map((w) => w.close())); });
afterAll(async () => { await server.destroy(); });

describe('console login', () => {
  it('requires a session: the API answers 401 in our error shape, pages redirect to the login page', async () => {
    const w = await world();
    const api = await fetch(`${w.baseUrl}/console/api/queue`);
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: { code: 'console.unauthenticated', message: expect.any(String) } });
    const page = await fetch(`${w.baseUrl}/console`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/console/login');
    expect((await fetch(`${w.baseUrl}/console/events`)).status).toBe(401);
    const login = await fetch(`${w.baseUrl}/console/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('<label for="password">Password</label>');
  });

  it('rejects a wrong password and an unknown agent with the same generic message', async () => {
    const w = await world();
    const wrong = await loginRequest(w.baseUrl, 'a-ling', 'nope');
    const unknown = await loginRequest(w.baseUrl, 'a-nobody', 'nope');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.text(), await unknown.text()];
    expect(a).toContain('That agent id and password do not match');
    expect(a.replace(/a-ling/g, 'X')).toBe(b.replace(/a-nobody/g, 'X'));
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('sets an HttpOnly, SameSite=Strict, signed session cookie that works on another process', async () => {
    const a = await world();
    const b = await world({ prefix: a.prefix, env: { CONSOLE_SESSION_SECRET: 'x'.repeat(40) } });
    const c = await world({ prefix: a.prefix, env: { CONSOLE_SESSION_SECRET: 'x'.repeat(40) } });
    const res = await loginRequest(b.baseUrl, 'a-ling', 'ling-pass');
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^redress_console=[^;]+\.[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    const pair = cookie.split(';')[0] ?? '';
    // Same secret, same Redis: process C honours a session created on B; A (random secret) does not.
    expect((await fetch(`${c.baseUrl}/console/api/me`, { headers: { cookie: pair } })).status).toBe(200);
    expect((await fetch(`${a.baseUrl}/console/api/me`, { headers: { cookie: pair } })).status).toBe(401);
    const tampered = pair.replace(/=(.)/, (_m, ch: string) => `=${ch === 'A' ? 'B' : 'A'}`);
    expect((await fetch(`${c.baseUrl}/console/api/me`, { headers: { cookie: tampered } })).status).toBe(401);
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const w = await world({ env: { PUBLIC_URL: 'https://support.example.com' } });
    const res = await loginRequest(w.baseUrl, 'a-ling', 'ling-pass');
    expect(res.headers.getSetCookie()[0]).toMatch(/; Secure/i);
  });

  it('keeps the session server-side with an idle expiry, and logout ends it everywhere', async () => {
    const w = await world({ env: { CONSOLE_SESSION_IDLE_MINUTES: '5' } });
    const ling = await AgentClient.login(w.baseUrl, 'a-ling', 'ling-pass');
    const keys = await w.redis.keys(`${w.prefix}:{cs:*}:console:session`);
    expect(keys).toHaveLength(1);
    const ttl = await w.redis.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(4 * 60_000);
    expect(ttl).toBeLessThanOrEqual(5 * 60_000);
    const noToken = await fetch(`${w.baseUrl}/console/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: ling.cookie } });
    expect(noToken.status).toBe(403);
    const out = await fetch(`${w.baseUrl}/console/logout`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: ling.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: ling.csrf }).toString(),
    });
    expect(out.status).toBe(303);
    expect(await w.redis.exists(keys[0]!)).toBe(0);
    expect((await ling.get('/console/api/me')).status).toBe(401);
  });

  it('stores only a salted scrypt hash under the documented key', async () => {
    const w = await world();
    const raw = await w.redis.get(`${w.prefix}:{a:a-ling}:console:cred`);
    const mei = JSON.parse((await w.redis.get(`${w.prefix}:{a:s-mei}:console:cred`))!) as { salt: string };
    expect(raw).not.toContain('ling-pass');
    const hash = JSON.parse(raw!) as { algo: string; salt: string; hash: string };
    expect(hash.algo).toBe('scrypt');
    expect(hash.salt).not.toBe(mei.salt);
    expect(await w.agents.get('s-mei')).toEqual({ id: 's-mei', name: 'Mei', role: 'supervisor', compensationLimit: 2000 });
  });

  it('rate-limits login attempts per agent and address, even with the right password', async () => {
    const w = await world({ env: { CONSOLE_LOGIN_MAX_ATTEMPTS: '3' } });
    for (let i = 0; i < 3; i++) expect((await loginRequest(w.baseUrl, 'a-omar', 'guess')).status).toBe(401);
    const limited = await loginRequest(w.baseUrl, 'a-omar', 'omar-pass');
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('Too many login attempts');
    expect((await loginRequest(w.baseUrl, 'a-ling', 'ling-pass')).status).toBe(303);
  });
});

describe('request forgery', () => {
  it('refuses a write without the CSRF token (403) and one from another origin even with it', async () => {
    const w = await world();
    const { complaint } = await w.complaints.submit({ channel: 'webchat', conversationId: 'c1', userId: 'u1' }, 'c-1', {
      category: 'late_delivery', orderId: null, description: 'late', evidence: [], desiredResolution: 'refund', locale: 'en', texts: ['late'],
    });
    const ling = await AgentClient.login(w.baseUrl, 'a-ling', 'ling-pass');
    const missing = await ling.post(`/console/api/cases/${complaint.id}/claim`, {}, { 'x-csrf-token': '' });
    expect(missing.status).toBe(403);
    expect(missing.body.error?.code).toBe('console.csrf');
    const wrong = await ling.post(`/console/api/cases/${complaint.id}/claim`, {}, { 'x-csrf-token': 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    const foreign = await ling.post(`/console/api/cases/${complaint.id}/claim`, {}, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const foreignLogin = await loginRequest(w.baseUrl, 'a-ling', 'ling-pass', { origin: 'https://evil.example' });
    expect(foreignLogin.status).toBe(403);
    const own = await ling.post(`/console/api/cases/${complaint.id}/claim`, {}, { origin: w.baseUrl });
    expect(own.status).toBe(200);
    expect((await w.store.get(complaint.id))?.assigneeId).toBe('a-ling');
  });
});

describe('first start', () => {
  function capture() {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    return { lines, logger: createLogger('info', stream) };
  }

  it('creates demo/demo with a warning when no agents exist outside production', async () => {
    const { lines, logger } = capture();
    const w = await world({ agentsJson: '', nodeEnv: 'development', logger });
    expect((await loginRequest(w.baseUrl, 'demo', 'demo')).status).toBe(303);
    expect(lines.join('')).toMatch(/"level":40.*demo supervisor was created: log in at \/console as demo \/ demo/);
    expect(await w.agents.get('demo')).toMatchObject({ role: 'supervisor', name: 'Alex (demo)' });
  });

  it('never creates the demo login in production', async () => {
    const { lines, logger } = capture();
    const w = await world({ agentsJson: '', nodeEnv: 'production', logger });
    expect((await loginRequest(w.baseUrl, 'demo', 'demo')).status).toBe(401);
    expect(await w.agents.get('demo')).toBeNull();
    expect(lines.join('')).toContain('nobody can log in');
  });
});
