// Production start-up refusals, through the functions main.ts uses and through `node --import tsx src/main.ts` itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createHttpServer } from '../../src/http/http-server.js';
import { isRedressError } from '../../src/errors.js';
import { ensureRedis, probeRedis } from '../../src/redis/local-redis.js';
import { silentLogger } from '../../src/logging/logger.js';
import { freePort } from '../helpers/redis-server.js';

const PASSWORD = 'right-horse-battery-staple';
const WRONG = 'wrong-pass-0x5ecret';
let server: ChildProcess;
let port = 0;

beforeAll(async () => {
  port = await freePort();
  server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', PASSWORD], { stdio: 'ignore' });
  for (let i = 0; i < 100 && (await probeRedis(`redis://:${PASSWORD}@127.0.0.1:${port}`)) !== 'ok'; i++) await new Promise((r) => setTimeout(r, 50));
});
afterAll(() => { server.kill('SIGKILL'); });

/** Runs `node --import tsx src/main.ts` with only the given environment; resolves its exit code and output. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += String(d); });
    child.stderr.on('data', (d) => { out += String(d); });
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => { clearTimeout(kill); resolve({ code, out }); });
  });
}

const SECRETS = { WEBCHAT_SESSION_SECRET: 'w'.repeat(40), CONSOLE_SESSION_SECRET: 'c'.repeat(40) };

describe('Redis authentication failures', () => {
  it('ensureRedis says the password was refused, not "Nothing answers", and never echoes it', async () => {
    expect(await probeRedis(`redis://:${WRONG}@127.0.0.1:${port}`)).toBe('auth_failed');
    expect(await probeRedis(`redis://127.0.0.1:${port}`)).toBe('auth_failed'); // NOAUTH: no password given
    expect(await probeRedis(`redis://:${PASSWORD}@127.0.0.1:${port}`)).toBe('ok');
    expect(await probeRedis(`redis://127.0.0.1:${await freePort()}`)).toBe('absent');
    const err = await ensureRedis(`redis://:${WRONG}@127.0.0.1:${port}`, false, silentLogger).then(() => null, (e: unknown) => e);
    expect(isRedressError(err, 'redis.auth_failed')).toBe(true);
    const msg = (err as Error).message;
    expect(msg).toMatch(/Redis refused the password/);
    expect(msg).toMatch(/authentication failed/);
    expect(msg).not.toContain('Nothing answers');
    expect(msg).not.toContain(WRONG);
  });

  it('/readyz with a refused password says why without the URL or password', async () => {
    const redis = new Redis(`redis://:${WRONG}@127.0.0.1:${port}`, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    redis.on('error', () => {});
    await redis.connect().catch(() => {});
    const app = createHttpServer({ redis });
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.body).not.toContain(WRONG);
      expect(res.body).not.toContain(String(port));
    } finally {
      await app.close();
      redis.disconnect();
    }
  });
});

describe('main.ts refuses unsafe production start-ups', () => {
  it('NODE_ENV=production without secrets exits non-zero with one message naming both keys', async () => {
    const { code, out } = await runMain({ NODE_ENV: 'production', REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${port}` });
    expect(code).toBe(2);
    expect(out).toContain('Configuration problems');
    expect(out).toContain('WEBCHAT_SESSION_SECRET');
    expect(out).toContain('CONSOLE_SESSION_SECRET');
    expect(out).not.toContain(PASSWORD);
  }, 30_000);

  it('a wrong Redis password: exits 1 saying authentication failed, without the password', async () => {
    const { code, out } = await runMain({ NODE_ENV: 'production', ...SECRETS, LOG_LEVEL: 'info', PORT: '0', REDIS_URL: `redis://:${WRONG}@127.0.0.1:${port}` });
    expect(code).toBe(1);
    expect(out).toMatch(/Redis refused the password.*authentication failed/);
    expect(out).not.toContain('Nothing answers');
    expect(out).not.toContain(WRONG);
  }, 30_000);
});
