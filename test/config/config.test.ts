import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { isRedressError } from '../../src/errors.js';

const PROD_SECRETS = { WEBCHAT_SESSION_SECRET: 'w'.repeat(32), CONSOLE_SESSION_SECRET: 'c'.repeat(32) };

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
    const c = loadConfig({ NODE_ENV: 'production', ...PROD_SECRETS, PROMOTIONS: '[{"name":"Black Friday","start":"2026-11-27","end":"2026-11-30"}]', EMOTION_ANGER_THRESHOLD: '4' });
    expect(c.PROMOTIONS).toEqual([{ name: 'Black Friday', start: '2026-11-27', end: '2026-11-30' }]);
    expect(c.EMOTION_ANGER_THRESHOLD).toBe(4);
    expect(c.redisAutostart).toBe(false);
  });

  it('production without session secrets stops with one message naming both keys', () => {
    try {
      loadConfig({ NODE_ENV: 'production' });
      expect.unreachable();
    } catch (err) {
      expect(isRedressError(err, 'config.invalid')).toBe(true);
      const msg = (err as Error).message;
      expect(msg).toMatch(/WEBCHAT_SESSION_SECRET: required in production/);
      expect(msg).toMatch(/CONSOLE_SESSION_SECRET: required in production/);
    }
  });

  it('production with short secrets names both keys and never echoes a value; outside production they may be unset', () => {
    const short = { WEBCHAT_SESSION_SECRET: 'hunter2-webchat', CONSOLE_SESSION_SECRET: 'hunter2-console' };
    let msg = '';
    try { loadConfig({ NODE_ENV: 'production', PORT: 'abc', ...short }); } catch (err) { msg = (err as Error).message; }
    for (const key of ['WEBCHAT_SESSION_SECRET', 'CONSOLE_SESSION_SECRET', 'PORT']) expect(msg).toContain(key);
    expect(msg).not.toContain('hunter2');
    expect(() => loadConfig({ NODE_ENV: 'production', ...PROD_SECRETS })).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: 'development' })).not.toThrow();
  });

  it('checks the shop\'s settings for the consumer\'s side: currency, bot name, order example against the pattern', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ CURRENCY: 'CNY', ORDER_NUMBER_EXAMPLE: 'MM-240815-001', TELEGRAM_MESSAGES_PER_MINUTE: 30 });
    expect(c.BOT_NAME).toBeUndefined();
    expect(c.orderIdRegex.test(c.ORDER_NUMBER_EXAMPLE)).toBe(true);
    expect(loadConfig({ BOT_NAME: '  Mimi  ', CURRENCY: 'EUR' })).toMatchObject({ BOT_NAME: 'Mimi', CURRENCY: 'EUR' });
    expect(() => loadConfig({ CURRENCY: 'euro', BOT_NAME: '' })).toThrow(/CURRENCY[\s\S]*BOT_NAME|BOT_NAME[\s\S]*CURRENCY/);
    expect(() => loadConfig({ ORDER_ID_PATTERN: 'A\\d{8}', ORDER_NUMBER_EXAMPLE: 'MM-240815-001' })).toThrow(/ORDER_NUMBER_EXAMPLE: does not match ORDER_ID_PATTERN/);
    expect(loadConfig({ ORDER_ID_PATTERN: 'A\\d{8}', ORDER_NUMBER_EXAMPLE: 'A12345678' }).ORDER_NUMBER_EXAMPLE).toBe('A12345678');
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
