/**
 * Issue 10 items 6 and 4 (widget UI) in real headless Chromium: "typing…" only while a bot turn really runs (the
 * server's typing frames), gone on disconnect; the rating a labelled radio group on one line at 320 px; a prompt's
 * Skip button kept while later messages arrive.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPrefix, TestRedis } from '../../helpers/redis-server.js';
import { tinyPng } from './png.fixture.js';
import { Client, startServer, type Started } from './webchat-harness.js';
import { launchChromium } from './widget-browser.js';

const redis = new TestRedis();
const prefix = randomPrefix();
let s: Started;
let browser: Browser;

beforeAll(async () => {
  await redis.start();
  s = await startServer(redis.url, prefix);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await redis.destroy();
});

async function openWidget(base: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${base}/`);
  await page.locator('#redress-chat .launcher').click();
  await page.locator('#redress-chat textarea').waitFor();
  return page;
}

async function say(page: Page, text: string): Promise<void> {
  await page.locator('#redress-chat textarea').fill(text);
  await page.locator('#redress-chat textarea').press('Enter');
}

const typing = (page: Page) => page.locator('#redress-chat .typing');
const lastBot = (page: Page) => page.locator('#redress-chat li.msg.bot .bubble').last();

describe('honest presence', () => {
  it('sends typing on and off around the bot\'s turn, also when the turn fails', async () => {
    const c = await Client.open(s.ws);
    await c.hello();
    await c.turn({ text: 'hello' });
    await c.next('typing', (f) => !f.on);
    const types = c.frames.map((f) => (f.type === 'typing' ? `typing:${f.on}` : f.type)).filter((x) => x !== 'msg');
    expect(types).toEqual(['welcome', 'ack', 'typing:true', 'typing:false']);
    c.frames.length = 0;
    c.send({ type: 'message', clientId: 'boom-1', text: 'boom' });
    await c.next('error', (f) => f.clientId === 'boom-1');
    await c.next('typing', (f) => !f.on);
    c.close();
  });

  it('shows "typing…" only while a turn runs', async () => {
    const page = await openWidget(s.base);
    expect(await typing(page).isHidden()).toBe(true);
    await say(page, 'slow');
    await expect.poll(() => typing(page).isVisible()).toBe(true);
    expect(await page.locator('#redress-chat li.msg.bot').count()).toBe(0);
    await expect.poll(() => lastBot(page).textContent()).toContain('You said: slow');
    await expect.poll(() => typing(page).isHidden()).toBe(true);
    await page.close();
  });

  it('hides "typing…" when the connection drops mid-turn, and never shows it while offline', async () => {
    const own = await startServer(redis.url, prefix);
    const page = await openWidget(own.base);
    await say(page, 'slow');
    await expect.poll(() => typing(page).isVisible()).toBe(true);
    await own.close();
    await expect.poll(() => page.locator('#redress-chat .status').textContent()).toContain('Reconnecting');
    expect(await typing(page).isHidden()).toBe(true);
    await say(page, 'typed while offline');
    await page.waitForTimeout(500);
    expect(await typing(page).isHidden()).toBe(true);
    await page.close();
  });
});

describe('rating and Skip', () => {
  it('offers the stars as one labelled radio group on one line at 320 px', async () => {
    const page = await openWidget(s.base, { width: 320, height: 640 });
    await say(page, 'rate me');
    await page.locator('#redress-chat .chip', { hasText: 'Late delivery' }).click();
    await page.locator('#redress-chat input[type=file]').setInputFiles({ name: 'p.png', mimeType: 'image/png', buffer: tinyPng(16) });
    const group = page.locator('#redress-chat [role=radiogroup]');
    await group.waitFor();
    expect(await group.getAttribute('aria-label')).toBe('Rate our help');
    const radios = group.locator('[role=radio]');
    expect(await radios.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(['1 of 5 stars', '2 of 5 stars', '3 of 5 stars', '4 of 5 stars', '5 of 5 stars']);
    const tops = await radios.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    const right = await radios.last().evaluate((e) => e.getBoundingClientRect().right);
    expect(right).toBeLessThanOrEqual(320);
    await radios.nth(1).focus();
    await page.keyboard.press('ArrowRight');
    expect(await radios.nth(2).getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('Space');
    await expect.poll(() => s.bot.received.at(-1)?.action).toBe('rating:3');
    await page.waitForTimeout(300);
    expect(s.bot.received.filter((m) => m.action?.startsWith('rating:'))).toHaveLength(1);
    await page.close();
  });

  it('keeps a prompt\'s Skip button while later messages without buttons arrive', async () => {
    const page = await openWidget(s.base);
    await say(page, 'hello');
    await expect.poll(() => lastBot(page).textContent()).toContain('You said: hello');
    const address = { channel: 'webchat', conversationId: s.bot.received.at(-1)!.address.conversationId, userId: s.bot.received.at(-1)!.address.userId };
    await s.channel.send(address, { kind: 'dialog', text: 'Anything to add? (or press Skip)', choices: [{ value: 'skip', label: 'Skip' }] });
    await s.channel.send(address, { kind: 'progress', text: 'Your case RD-20261201-0001 is closed.' });
    await expect.poll(() => lastBot(page).textContent()).toContain('is closed');
    expect(await page.locator('#redress-chat button.chip', { hasText: 'Skip' }).isVisible()).toBe(true);
    await page.locator('#redress-chat button.chip', { hasText: 'Skip' }).click();
    await expect.poll(() => s.bot.received.at(-1)?.action).toBe('skip');
    await expect.poll(() => page.locator('#redress-chat button.chip', { hasText: 'Skip' }).count()).toBe(0);
    await page.close();
  });
});

describe('complaint numbers', () => {
  it('never breaks a complaint number over two lines at 320 px', async () => {
    const page = await openWidget(s.base, { width: 320, height: 640 });
    await say(page, 'card');
    await page.locator('#redress-chat .card').waitFor();
    const { address } = s.bot.received.at(-1)!;
    // The number after 1…14 words: one of these lines puts it where the bubble would wrap it at a hyphen.
    const lines = Array.from({ length: 14 }, (_, i) => `${'word '.repeat(i + 1)}RD-20261201-0042`);
    await s.channel.send(address, { kind: 'progress', text: lines.join('\n') });
    const ids = page.locator('#redress-chat li.msg.bot').last().locator('.bubble .id');
    await expect.poll(() => ids.count()).toBe(14);
    expect(await ids.evaluateAll((els) => els.map((e) => e.getClientRects().length))).toEqual(Array(14).fill(1));
    expect(await page.locator('#redress-chat .card dd.id').evaluate((e) => e.getClientRects().length)).toBe(1);
    await page.close();
  });
});
