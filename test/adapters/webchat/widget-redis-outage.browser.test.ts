/**
 * Issue 8 in real headless Chromium: a message typed while Redis is gone is refused with the clear text, stays in the
 * widget's outbox (pending, not failed), and is sent again by the widget itself once Redis is back.
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomPrefix, TestRedis } from '../../helpers/redis-server.js';
import { startServer, type Started } from './webchat-harness.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const redis = new TestRedis();
let s: Started;
let browser: Browser;

beforeAll(async () => {
  await redis.start();
  s = await startServer(redis.url, randomPrefix());
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await redis.destroy();
});

it('keeps a message refused while Redis is gone and sends it by itself once Redis is back', async () => {
  const page = await browser.newPage();
  await page.goto(`${s.base}/`);
  await page.locator('#redress-chat .launcher').click();
  const textarea = page.locator('#redress-chat textarea');
  await textarea.waitFor();
  const bot = page.locator('#redress-chat li.msg.bot .bubble');
  await textarea.fill('hello');
  await textarea.press('Enter');
  await expect.poll(() => bot.last().textContent()).toContain('You said: hello');

  await redis.stop();
  await textarea.fill('are you there?');
  await textarea.press('Enter');
  const note = page.locator('#redress-chat li.msg.system');
  await expect.poll(() => note.last().textContent(), { timeout: 4000 }).toBe("We can't take messages right now — please try again in a minute.");
  const pending = page.locator('#redress-chat li.pending');
  expect(await pending.count()).toBe(1);
  expect(await pending.textContent()).toContain('are you there?');
  expect(s.bot.received.map((m) => m.text)).toEqual(['hello']);

  await redis.start();
  await expect.poll(() => bot.last().textContent(), { timeout: 20_000 }).toContain('You said: are you there?');
  expect(await page.locator('#redress-chat li.pending').count()).toBe(0);
  expect(s.bot.received.map((m) => m.text)).toEqual(['hello', 'are you there?']);
  await page.close();
}, 60_000);
