/**
 * The widget in real headless Chromium against real servers: demo page, a turn with quick replies and a photo,
 * reload, hostile host CSS, XSS, a phone viewport, and a server restart while the consumer types.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPrefix, TestRedis } from '../../helpers/redis-server.js';
import { tinyPng } from './png.fixture.js';
import { startServer, type Started } from './webchat-harness.js';
import { screenshotPath } from '../../helpers/screenshots.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const HOSTILE_PAGE = '<!doctype html><html><head><style>* { all: unset !important; font-size: 40px !important } html { font-size: 64px !important }</style></head>'
  + '<body><h1>Hostile shop</h1><p>Everything here is unset and huge.</p><script src="/widget.js" async></script></body></html>';
const redis = new TestRedis();
const prefix = randomPrefix();
let s: Started;
let browser: Browser;

beforeAll(async () => {
  await redis.start();
  s = await startServer(redis.url, prefix, { routes: (app) => app.get('/hostile', (_req, reply) => reply.type('text/html').send(HOSTILE_PAGE)) });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await redis.destroy();
});

async function openPage(path = '/', viewport = { width: 1280, height: 800 }): Promise<{ page: Page; dialogs: string[] }> {
  const page = await browser.newPage({ viewport });
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => undefined); });
  await page.goto(`${s.base}${path}`);
  await page.locator('#redress-chat .launcher').click();
  await page.locator('#redress-chat textarea').waitFor();
  return { page, dialogs };
}

async function say(page: Page, text: string): Promise<void> {
  await page.locator('#redress-chat textarea').fill(text);
  await page.locator('#redress-chat textarea').press('Enter');
}

const bubbles = (page: Page, from: 'bot' | 'user') => page.locator(`#redress-chat li.msg.${from} .bubble`);

describe('widget in Chromium', () => {
  it('runs a conversation: message, quick reply, photo, rating; reload resumes the history', async () => {
    const { page } = await openPage('/');
    await say(page, 'my parcel is late');
    await expect.poll(() => bubbles(page, 'bot').last().textContent()).toContain('You said: my parcel is late');
    await expect.poll(() => page.locator('#redress-chat li.msg.user .meta').first().textContent()).toContain('✓');
    await page.locator('#redress-chat .chip', { hasText: 'Late delivery' }).click();
    await expect.poll(() => bubbles(page, 'bot').last().textContent()).toBe('You chose: late');
    await page.locator('#redress-chat input[type=file]').setInputFiles({ name: 'evidence.png', mimeType: 'image/png', buffer: tinyPng(48) });
    await expect.poll(() => bubbles(page, 'bot').last().textContent()).toContain('got your photo');
    await expect.poll(() => page.locator('#redress-chat .star').count()).toBe(5);
    expect(await page.locator('#redress-chat li.msg.user img.thumb').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('adapter-widget-desktop.png') });

    await page.reload();
    await page.locator('#redress-chat .launcher').click();
    await expect.poll(() => bubbles(page, 'bot').count()).toBe(3);
    expect(await bubbles(page, 'user').allTextContents()).toEqual(['my parcel is late', 'Late delivery']);
    await expect.poll(() => page.locator('#redress-chat li.msg.user img.thumb').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);
    await page.locator('#redress-chat .star').nth(3).click();
    await expect.poll(() => s.bot.received.at(-1)?.action).toBe('rating:4');
    await page.close();
  });

  it('shows a bot message with markup as text and runs no script', async () => {
    const { page, dialogs } = await openPage('/?lang=zh');
    expect(await page.locator('#redress-chat textarea').getAttribute('placeholder')).toBe('请输入消息…');
    await say(page, 'xss');
    const bubble = bubbles(page, 'bot').last();
    await expect.poll(() => bubble.textContent()).toBe('<img src=x onerror=alert(1)>');
    expect(await bubble.locator('img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('stays usable on a host page with hostile CSS', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(`${s.base}/hostile`);
    const launcher = page.locator('#redress-chat .launcher');
    expect((await launcher.boundingBox())!.width).toBe(60);
    await launcher.click();
    const input = page.locator('#redress-chat textarea');
    await expect.poll(() => input.isVisible()).toBe(true);
    expect(await input.evaluate((el) => getComputedStyle(el).fontSize)).toBe('15px');
    await say(page, 'hello from a hostile page');
    await expect.poll(() => bubbles(page, 'bot').last().textContent()).toContain('hostile page');
    await page.locator('#redress-chat .chip', { hasText: 'Damaged item' }).click();
    await expect.poll(() => bubbles(page, 'bot').last().textContent()).toBe('You chose: damaged');
    await page.close();
  });

  it('fills a 320px phone screen with the panel', async () => {
    const { page } = await openPage('/?lang=zh', { width: 320, height: 640 });
    await say(page, 'card');
    await expect.poll(() => page.locator('#redress-chat .card').textContent()).toContain('C-20251125-0042');
    const panel = page.locator('#redress-chat .panel');
    // Rounded, and polled past the opening animation.
    await expect.poll(async () => Object.values((await panel.boundingBox())!).map(Math.round)).toEqual([0, 0, 320, 640]);
    await page.screenshot({ path: screenshotPath('adapter-widget-phone.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#redress-chat .panel').isHidden()).toBe(true);
    await page.close();
  });
});

describe('widget across a server restart', () => {
  it('says it is reconnecting, keeps what the consumer typed, and sends it when the server is back', async () => {
    const own = await startServer(redis.url, prefix);
    const port = Number(new URL(own.base).port);
    const page = await browser.newPage();
    await page.goto(`${own.base}/`);
    await page.locator('#redress-chat .launcher').click();
    await say(page, 'before restart');
    await expect.poll(() => bubbles(page, 'bot').count()).toBe(1);
    await own.close();
    await expect.poll(() => page.locator('#redress-chat .status').textContent()).toContain('Reconnecting');
    await say(page, 'typed while offline');
    await expect.poll(() => page.locator('#redress-chat li.pending .meta').textContent()).toContain('Sending');
    const back = await startServer(redis.url, prefix, { port });
    try {
      await expect.poll(() => bubbles(page, 'bot').last().textContent(), { timeout: 15_000 }).toContain('typed while offline');
      expect(await page.locator('#redress-chat .status').isHidden()).toBe(true);
      expect(back.bot.received.map((m) => m.text)).toEqual(['typed while offline']);
    } finally {
      await page.close();
      await back.close();
    }
  });
});
