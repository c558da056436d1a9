import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { tokenRedactor, toSendError } from '../../../adapters/telegram/telegram.errors.js';

const TOKEN = '123456:SECRET-part';
const redact = tokenRedactor(TOKEN);
const tg = (error_code: number, description: string, parameters?: { retry_after: number }) => new TelegramError({ error_code, description, ...(parameters ? { parameters } : {}) });

describe('telegram send errors', () => {
  it('429 waits retry_after; 403 and 400 are permanent; 5xx and network errors are transient', () => {
    expect(toSendError(tg(429, 'Too Many Requests: retry after 7', { retry_after: 7 }), redact)).toMatchObject({ permanent: false, retryAfterMs: 7000 });
    expect(toSendError(tg(403, 'Forbidden: bot was blocked by the user'), redact)).toMatchObject({ permanent: true, code: 'adapter.send_failed' });
    expect(toSendError(tg(400, 'Bad Request: chat not found'), redact)).toMatchObject({ permanent: true });
    expect(toSendError(tg(502, 'Bad Gateway'), redact)).toMatchObject({ permanent: false, retryAfterMs: undefined });
    const net = toSendError(new Error(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed, reason: ECONNRESET`), redact);
    expect(net).toMatchObject({ permanent: false });
    expect(net.message).not.toContain(TOKEN);
    expect(net.message).toContain('bot<token>/sendMessage');
  });
});
