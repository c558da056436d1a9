/**
 * Issue 10 item 2, widget side: the widget sends the browser's IANA time zone with its hello and the adapter puts it
 * on every inbound message (checked: a zone this runtime does not know is dropped, not a refused chat); message
 * timestamps use one 24-hour format per locale.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPrefix, TestRedis } from '../../helpers/redis-server.js';
import { Client, startServer, type Started } from './webchat-harness.js';
import { launchChromium } from './widget-browser.js';

const redis = new TestRedis();
let s: Started;
let browser: Browser;

beforeAll(async () => {
  await redis.start();
  s = await startServer(redis.url, randomPrefix());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await redis.destroy();
});

const shanghaiTime = (ts: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(ts);

describe('the consumer\'s time zone', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`a browser in Asia/Shanghai (${lang}) sends its zone, and sees times in it, 24-hour`, async () => {
      const context = await browser.newContext({ timezoneId: 'Asia/Shanghai', locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
      const page = await context.newPage();
      await page.goto(`${s.base}/?lang=${lang}`);
      await page.locator('#redress-chat .launcher').click();
      const before = s.bot.received.length;
      await page.locator('#redress-chat textarea').fill(`what time is it (${lang})`);
      await page.locator('#redress-chat textarea').press('Enter');
      await expect.poll(() => s.bot.received.length).toBe(before + 1);
      expect(s.bot.received.at(-1)).toMatchObject({ text: `what time is it (${lang})`, timeZone: 'Asia/Shanghai' });
      const reply = page.locator('#redress-chat li.msg.bot').last();
      await reply.waitFor();
      const meta = await reply.locator('.meta').textContent();
      const ts = Number(await reply.getAttribute('data-ts'));
      expect(meta).toBe(shanghaiTime(ts));
      expect(meta).toMatch(/^\d{2}:\d{2}$/);
      await context.close();
    });
  }

  it('drops a zone the server does not know and still chats', async () => {
    for (const [sent, expected] of [['Europe/Berlin', 'Europe/Berlin'], ['Mars/Olympus_Mons', undefined], ['../../etc/passwd', undefined], ['x'.repeat(200), undefined]] as const) {
      const c = await Client.open(s.ws);
      await c.hello({ timeZone: sent });
      await c.turn({ text: `zone ${sent.slice(0, 20)}` });
      expect(s.bot.received.at(-1)?.timeZone).toBe(expected);
      c.close();
    }
  });
});
