// Control and bidi-override characters over a real widget socket: never stored, never handed to the bot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/catalog.js';
import { randomPrefix, TestRedis } from '../../helpers/redis-server.js';
import { Client, startServer, type Started } from './webchat-harness.js';

const redis = new TestRedis();
let s: Started;
beforeAll(async () => { await redis.start(); s = await startServer(redis.url, randomPrefix()); });
afterAll(async () => { await s?.close(); await redis.destroy(); });

describe('widget frames with control characters', () => {
  it('stores and hands on the cleaned text; a frame of nothing else is refused with a localised answer', async () => {
    const c = await Client.open(s.ws);
    await c.hello({ locale: 'zh' });
    c.send({ type: 'message', clientId: 'k1', text: 'late\u0000\u0007\u001b parcel \u202Eevil' });
    await c.next('ack', (f) => f.clientId === 'k1');
    await c.next('msg', (f) => f.entry.from === 'bot');
    expect(c.msgs()[0]).toMatchObject({ from: 'user', clientId: 'k1', text: 'late parcel evil' });
    expect(s.bot.received.at(-1)!.text).toBe('late parcel evil');
    const before = s.bot.received.length;
    c.send({ type: 'message', clientId: 'k2', text: '\u0000\u202E\u0007' });
    const err = await c.next('error', (f) => f.clientId === 'k2');
    expect(err).toMatchObject({ code: 'input.invalid', message: t('zh', 'input.unreadable') });
    expect(s.bot.received.length).toBe(before);
    expect(c.msgs().filter((m) => m.clientId === 'k2')).toHaveLength(0);
    c.close();
  });
});
