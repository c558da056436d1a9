// The signing scheme shared by events and order look-ups, and the config rules that pair each URL with its secret.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { signature, signedHeaders, verifySignature } from '../../src/events/signed-request.js';

describe('signed requests', () => {
  it('v1 is the hex HMAC-SHA256 of "<timestamp>.<raw body>"', () => {
    const body = '{"id":"RD-1:1:0"}';
    expect(signature('s3cret-s3cret-s3cret', 1_800_000_000, body)).toBe(`v1=${createHmac('sha256', 's3cret-s3cret-s3cret').update(`1800000000.${body}`).digest('hex')}`);
    const h = signedHeaders('s3cret-s3cret-s3cret', body, () => 1_800_000_000_999);
    expect(h).toEqual({ 'x-redress-timestamp': '1800000000', 'x-redress-signature': signature('s3cret-s3cret-s3cret', 1_800_000_000, body) });
  });

  it('verification refuses another secret, a changed body, and a stale or future timestamp', () => {
    const body = '{"a":1}';
    const now = () => 1_800_000_000_000;
    const h = signedHeaders('right-secret-123456', body, now);
    expect(verifySignature('right-secret-123456', h, body, now)).toBe(true);
    expect(verifySignature('wrong-secret-123456', h, body, now)).toBe(false);
    expect(verifySignature('right-secret-123456', h, '{"a":2}', now)).toBe(false);
    expect(verifySignature('right-secret-123456', h, body, () => now() + 301_000)).toBe(false);
    expect(verifySignature('right-secret-123456', h, body, () => now() - 301_000)).toBe(false);
    expect(verifySignature('right-secret-123456', { ...h, 'x-redress-signature': undefined }, body, now)).toBe(false);
  });

  it('config: each URL needs its secret, a secret needs its URL', () => {
    expect(() => loadConfig({ EVENTS_WEBHOOK_URL: 'http://x.test/e' })).toThrow(/EVENTS_WEBHOOK_SECRET: required/);
    expect(() => loadConfig({ EVENTS_WEBHOOK_SECRET: 'sixteen-chars-long' })).toThrow(/EVENTS_WEBHOOK_URL/);
    expect(() => loadConfig({ ORDER_LOOKUP_URL: 'http://x.test/o' })).toThrow(/ORDER_LOOKUP_SECRET: required/);
    expect(() => loadConfig({ EVENTS_WEBHOOK_URL: 'http://x.test/e', EVENTS_WEBHOOK_SECRET: 'short' })).toThrow(/at least 16/);
    expect(loadConfig({ NODE_ENV: 'development' }).orderLookupDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).orderLookupDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', ORDER_LOOKUP_URL: 'http://x.test/o', ORDER_LOOKUP_SECRET: 'sixteen-chars-long' }).orderLookupDemo).toBe(false);
  });
});
