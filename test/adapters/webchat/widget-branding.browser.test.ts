/**
 * Issue 10 items 7 and 1 (widget side) in real headless Chromium: the shop's data attributes change what is
 * rendered, bad values are ignored with a console warning, the greeting shows on open in English and Chinese (with
 * the bot name, what it can do and how long a person takes, or when they are back), and a page on an origin that
 * is not allowed gets a clear sentence instead of "Reconnecting…" forever.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPrefix, TestRedis } from '../../helpers/redis-server.js';
import { startServer, type Started } from './webchat-harness.js';
import { launchChromium, seriousAxeFindings } from './widget-browser.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
// Open only on the day after today (UTC), so "now" is always outside business hours.
const tomorrow = DAYS[(new Date().getUTCDay() + 1) % 7]!;
const BRANDED = [
  'data-color="#0a4d8c"', 'data-position="left"', 'data-title="Maple &amp; Moss help"', 'data-subtitle="Orders, returns, refunds"',
  'data-launcher-label="Need help?"', 'data-bot-name="Mia"', 'data-greeting-en="Hello! {bot} here from Maple &amp; Moss."',
  'data-privacy-url="https://shop.example/privacy"', 'data-order-example="MM-240815-001"',
  `data-business-hours="${tomorrow} 09:00-18:00"`, 'data-business-hours-zone="UTC"',
].join(' ');
const BAD = 'data-color="red;}&lt;/style&gt;" data-position="middle" data-privacy-url="javascript:alert(1)" data-business-hours="always"';
const page = (attrs: string, src = '/widget.js') => `<!doctype html><html lang="en"><head><title>Shop</title></head><body><main><h1>Shop</h1><a href="#x">A link</a></main><script src="${src}" ${attrs} async></script></body></html>`;

const redis = new TestRedis();
let s: Started;
let browser: Browser;

beforeAll(async () => {
  await redis.start();
  s = await startServer(redis.url, randomPrefix(), {
    // A list that names neither host the tests use: only the server's own pages (Host = Origin) are allowed.
    env: { BOT_NAME: 'Mia', WEBCHAT_ALLOWED_ORIGINS: 'https://shop.example', SLA_FIRST_RESPONSE_MINUTES: '20' },
    routes: (app) => {
      app.get('/branded', (_req, reply) => reply.type('text/html').send(page(BRANDED)));
      app.get('/bad', (_req, reply) => reply.type('text/html').send(page(BAD)));
      // Served from "localhost" while the widget comes from 127.0.0.1: another origin, not in the list.
      app.get('/elsewhere', (_req, reply) => reply.type('text/html').send(page('', `${s.base}/widget.js`)));
    },
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await redis.destroy();
});

async function open(path: string, base = s.base): Promise<{ p: Page; warnings: string[] }> {
  const p = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const warnings: string[] = [];
  p.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await p.goto(`${base}${path}`);
  await p.locator('#redress-chat .launcher').click();
  await p.locator('#redress-chat .panel').waitFor();
  return { p, warnings };
}

const w = (p: Page, css: string) => p.locator(`#redress-chat ${css}`);
const style = (p: Page, css: string, prop: string) => w(p, css).evaluate((el, k) => getComputedStyle(el).getPropertyValue(k), prop);

describe('widget branding and greeting', () => {
  it('renders the shop\'s colour, position, title, launcher label, bot name, greeting, privacy link and hours', async () => {
    const { p, warnings } = await open('/branded');
    expect(warnings).toEqual([]);
    expect(await style(p, '.head', 'background-color')).toBe('rgb(10, 77, 140)');
    expect(await style(p, '.launcher', 'background-color')).toBe('rgb(10, 77, 140)');
    expect(await w(p, '.launcher').getAttribute('aria-label')).toBe('Need help? (Close chat)');
    expect((await w(p, '.panel').boundingBox())!.x).toBe(20);
    expect(await w(p, '.head .title').textContent()).toBe('Maple & Moss help');
    expect(await w(p, '.head .sub').textContent()).toBe('Orders, returns, refunds');
    expect(await w(p, '.panel').getAttribute('aria-label')).toBe('Maple & Moss help');
    const greeting = await w(p, 'li.greeting .bubble').textContent();
    expect(greeting).toContain('Hello! Mia here from Maple & Moss.');
    expect(greeting).toContain('I\'ll file it and get it to the right person');
    expect(greeting).toContain('(it looks like MM-240815-001)');
    expect(greeting).toContain(`Our team is away right now (open ${tomorrow} 09:00–18:00, UTC time). A person will reply from ${tomorrow} 09:00.`);
    expect(await w(p, 'li.greeting a.privacy').getAttribute('href')).toBe('https://shop.example/privacy');
    expect(await w(p, 'li.greeting a.privacy').getAttribute('rel')).toBe('noopener noreferrer');
    expect(await seriousAxeFindings(p)).toEqual([]);

    await p.keyboard.press('Escape');
    expect(await w(p, '.launcher .label').textContent()).toBe('Need help?');
    expect(await w(p, '.launcher').getAttribute('aria-label')).toBe('Need help?');
    expect((await w(p, '.launcher').boundingBox())!.x).toBe(20);
    await p.close();
  });

  it('ignores bad values with a console warning and keeps the defaults', async () => {
    const { p, warnings } = await open('/bad');
    expect(warnings.join('\n')).toMatch(/data-color="red;}<\/style>" ignored: use a hex colour/);
    expect(warnings.join('\n')).toContain('data-position="middle" ignored');
    expect(warnings.join('\n')).toContain('data-privacy-url="javascript:alert(1)" ignored');
    expect(warnings.join('\n')).toContain('data-business-hours="always" ignored');
    expect(await style(p, '.head', 'background-color')).toBe('rgb(31, 95, 74)');
    expect(await w(p, 'style').textContent()).not.toContain('red;');
    expect((await w(p, '.panel').boundingBox())!.x).toBe(1280 - 20 - 370);
    expect(await w(p, 'a.privacy').count()).toBe(0);
    // No business hours: the usual time, from SLA_FIRST_RESPONSE_MINUTES; the bot's name from BOT_NAME.
    expect(await w(p, 'li.greeting .bubble').textContent()).toContain('Hi, I\'m Mia.');
    expect(await w(p, 'li.greeting .bubble').textContent()).toContain('A person usually replies within 20 minutes.');
    await p.close();
  });

  it('greets on open, before the consumer types, in English and in Chinese', async () => {
    const en = await open('/');
    await expect.poll(() => en.p.locator('#redress-chat li.greeting .bubble').textContent()).toContain('Hi, I\'m Mia.');
    expect(await w(en.p, 'li.greeting').isVisible()).toBe(true);
    expect(await w(en.p, 'li.msg.user').count()).toBe(0);
    expect(s.bot.received).toHaveLength(0);
    await en.p.close();

    const zh = await open('/?lang=zh');
    const text = await w(zh.p, 'li.greeting .bubble').textContent();
    expect(text).toContain('您好，我是Mia。');
    expect(text).toContain('我会帮您登记');
    expect(text).toContain('人工客服通常在 20 分钟内回复。');
    await zh.p.close();
  });

  it('says the chat is not available on a site whose origin is not allowed, and tells the shop owner why', async () => {
    const other = s.base.replace('127.0.0.1', 'localhost');
    const { p, warnings } = await open('/elsewhere', other);
    await expect.poll(() => w(p, 'li.unavailable').textContent()).toBe('Chat is not available on this site.');
    expect(await w(p, 'form').isHidden()).toBe(true);
    expect(warnings.join('\n')).toContain(`This page's origin (${other}) is not in WEBCHAT_ALLOWED_ORIGINS`);
    // Coming back online or to the tab must not start a connection the server would refuse.
    const sockets: string[] = [];
    p.on('websocket', (ws) => sockets.push(ws.url()));
    await p.evaluate(() => { window.dispatchEvent(new Event('online')); document.dispatchEvent(new Event('visibilitychange')); });
    await p.waitForTimeout(1500);
    expect(sockets).toEqual([]);
    expect(await w(p, '.status').isHidden()).toBe(true);
    expect(await w(p, 'li.greeting').count()).toBe(0);
    await p.close();
  });
});
