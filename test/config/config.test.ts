import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { isRedressError } from '../../src/errors.js';

describe('config', () => {
  it('runs with no environment at all (the zero-setup default)', () => {
    const c = loadConfig({});
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(c.PORT).toBe(3000);
    expect(c.sla.firstResponseMs).toBe(30 * 60_000);
    expect(c.redisAutostart).toBe(true);
    expect(c.orderIdRegex.test('A12345678')).toBe(true);
    expect(c.orderIdRegex.test('bad!')).toBe(false);
  });

  it('reports every problem at once, naming each variable', () => {
    try {
      loadConfig({ PORT: 'abc', TIMEZONE: 'Mars/Base', ORDER_ID_PATTERN: '(', PROMOTIONS: '[{"name":1}]', WEBCHAT_SESSION_SECRET: 'short' });
      expect.unreachable();
    } catch (err) {
      expect(isRedressError(err, 'config.invalid')).toBe(true);
      const msg = (err as Error).message;
      for (const key of ['PORT', 'TIMEZONE', 'ORDER_ID_PATTERN', 'PROMOTIONS', 'WEBCHAT_SESSION_SECRET']) expect(msg).toContain(key);
    }
  });

  it('parses promotions and thresholds; production turns the Redis autostart off', () => {
    const c = loadConfig({ NODE_ENV: 'production', PROMOTIONS: '[{"name":"Black Friday","start":"2026-11-27","end":"2026-11-30"}]', EMOTION_ANGER_THRESHOLD: '4' });
    expect(c.PROMOTIONS).toEqual([{ name: 'Black Friday', start: '2026-11-27', end: '2026-11-30' }]);
    expect(c.EMOTION_ANGER_THRESHOLD).toBe(4);
    expect(c.redisAutostart).toBe(false);
  });

  it('every key in the schema is in .env.example and the README', async () => {
    const { readFileSync } = await import('node:fs');
    const { configSchema } = await import('../../src/config/config.js');
    const example = readFileSync('.env.example', 'utf8');
    const readme = readFileSync('README.md', 'utf8');
    for (const key of Object.keys(configSchema.shape)) {
      expect(example, `.env.example lacks ${key}`).toContain(key);
      expect(readme, `README lacks ${key}`).toContain(`\`${key}\``);
    }
  });
});
