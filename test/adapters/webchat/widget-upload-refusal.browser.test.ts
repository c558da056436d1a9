// A refused upload in real Chromium: the widget shows the server's own message, in the consumer's language.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/catalog.js';
import { randomPrefix, TestRedis } from '../../helpers/redis-server.js';
import { tinyPng } from './png.fixture.js';
import { startServer, type Started } from './webchat-harness.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const redis = new TestRedis();
let s: Started;
let browser: Browser;

beforeAll(async () => {
  await redis.start();
  s = await startServer(redis.url, randomPrefix(), { env: { WEBCHAT_UPLOADS_PER_HOUR: '1' } });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await redis.destroy();
});

describe('widget upload refusals', () => {
  it('shows the hourly-quota refusal in Chinese for a zh widget, and the first photo still went through', async () => {
    const page = await browser.newPage();
    await page.goto(`${s.base}/?lang=zh`);
    await page.locator('#redress-chat .launcher').click();
    await page.locator('#redress-chat textarea').waitFor();
    const file = page.locator('#redress-chat input[type=file]');
    await file.setInputFiles({ name: 'one.png', mimeType: 'image/png', buffer: tinyPng(16) });
    await expect.poll(() => s.bot.received.filter((m) => m.attachments?.length).length).toBe(1);
    await file.setInputFiles({ name: 'two.png', mimeType: 'image/png', buffer: tinyPng(16) });
    const refusal = t('zh', 'upload.hourly_count', { minutes: 60 });
    await expect.poll(() => page.locator('#redress-chat li .meta', { hasText: '上传失败' }).first().textContent()).toContain(refusal);
    expect(s.bot.received.filter((m) => m.attachments?.length)).toHaveLength(1);
    await page.close();
  });
});
