/**
 * Issue 10 item 5 in real headless Chromium: axe-core over the widget's shadow root (closed, and open with a whole
 * conversation), the focus ring's contrast, and a keyboard-only journey from the launcher to the rating at desktop
 * and phone width (where the full-screen panel must keep focus inside).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPrefix, TestRedis } from '../../helpers/redis-server.js';
import { tinyPng } from './png.fixture.js';
import { startServer, type Started } from './webchat-harness.js';
import { contrast, focusedInWidget, launchChromium, seriousAxeFindings } from './widget-browser.js';

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

const w = (page: Page, css: string) => page.locator(`#redress-chat ${css}`);
const lastBot = (page: Page) => w(page, 'li.msg.bot .bubble').last();

/** Presses Tab (or Shift+Tab) until the focused element matches, at most `max` times. */
async function tabTo(page: Page, match: RegExp, shift = false, max = 15): Promise<string> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
    const at = await focusedInWidget(page);
    if (match.test(at)) return at;
  }
  throw new Error(`focus never reached ${match} (last: ${await focusedInWidget(page)})`);
}

describe('widget accessibility', () => {
  it('has no serious or critical axe-core findings, closed or open with a full conversation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${s.base}/`);
    await w(page, '.launcher').waitFor();
    expect(await seriousAxeFindings(page)).toEqual([]);

    await w(page, '.launcher').click();
    await w(page, 'textarea').fill('card');
    await w(page, 'textarea').press('Enter');
    await w(page, '.card').waitFor();
    await w(page, 'textarea').fill('my parcel is late');
    await w(page, 'textarea').press('Enter');
    await page.locator('#redress-chat .chip', { hasText: 'Late delivery' }).click();
    await expect.poll(() => lastBot(page).textContent()).toBe('You chose: late');
    await w(page, 'input[type=file]').setInputFiles({ name: 'evidence.png', mimeType: 'image/png', buffer: tinyPng(32) });
    await expect.poll(() => w(page, '[role=radio]').count()).toBe(5);
    expect(await seriousAxeFindings(page)).toEqual([]);

    // The log is one labelled, focusable region; the messages are the list's items.
    const log = w(page, '[role=log]');
    expect(await log.getAttribute('aria-label')).toBe('Conversation');
    expect(await log.getAttribute('tabindex')).toBe('0');
    expect(await w(page, '[role=log] > ol > li').count()).toBeGreaterThanOrEqual(6);
    expect(await w(page, 'header').count()).toBe(0);
    expect(await w(page, '[role=radiogroup] [role=radio]').nth(3).getAttribute('aria-label')).toBe('4 of 5 stars');
    await page.close();
  });

  it('draws a focus ring of at least 3:1 against what surrounds it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${s.base}/`);
    await w(page, '.launcher').click();
    await w(page, 'textarea').fill('my parcel is late');
    await w(page, 'textarea').press('Enter');
    await w(page, '.chip').first().waitFor();
    await tabTo(page, /^button\.chip\|Damaged item/, true);
    const ring = await page.evaluate(() => {
      const el = document.getElementById('redress-chat')!.shadowRoot!.activeElement!;
      const log = el.closest('.log')!;
      return { outline: getComputedStyle(el).outlineColor, width: getComputedStyle(el).outlineWidth, behind: getComputedStyle(log).backgroundColor };
    });
    expect(ring.width).toBe('3px');
    expect(contrast(ring.outline, ring.behind)).toBeGreaterThanOrEqual(3);
    expect(contrast(ring.outline, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 740 }]) {
    it(`goes from the launcher to the rating by keyboard alone at ${viewport.width} px`, async () => {
      const page = await browser.newPage({ viewport });
      await page.goto(`${s.base}/`);
      await w(page, '.launcher').waitFor();
      await tabTo(page, /^button\.launcher/);
      await page.keyboard.press('Enter');
      await expect.poll(() => focusedInWidget(page)).toMatch(/^textarea/);
      await page.keyboard.type('my parcel is late');
      await page.keyboard.press('Enter');
      await w(page, '.chip').first().waitFor();

      // Back from the text box to a quick reply; pressing it hands focus back to the text box.
      await tabTo(page, /^button\.chip\|Late delivery/, true);
      await page.keyboard.press('Enter');
      await expect.poll(() => lastBot(page).textContent()).toBe('You chose: late');
      expect(await focusedInWidget(page)).toMatch(/^textarea/);

      const chooser = page.waitForEvent('filechooser');
      await tabTo(page, /Upload a photo/, true);
      await page.keyboard.press('Enter');
      await (await chooser).setFiles({ name: 'evidence.png', mimeType: 'image/png', buffer: tinyPng(32) });
      await expect.poll(() => w(page, '[role=radio]').count()).toBe(5);

      await tabTo(page, /^button\.star\|1 of 5 stars/, true);
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      expect(await focusedInWidget(page)).toMatch(/4 of 5 stars/);
      await page.keyboard.press('Enter');
      await expect.poll(() => s.bot.received.at(-1)?.action).toBe('rating:4');
      expect(await focusedInWidget(page)).toMatch(/^textarea/);

      if (viewport.width < 480) {
        // Full screen: Tab cycles within the panel and never reaches the shop's links behind it.
        for (let i = 0; i < 25; i++) {
          await page.keyboard.press('Tab');
          expect(await focusedInWidget(page)).not.toMatch(/^page:/);
        }
        for (let i = 0; i < 25; i++) {
          await page.keyboard.press('Shift+Tab');
          expect(await focusedInWidget(page)).not.toMatch(/^page:/);
        }
      }
      await page.keyboard.press('Escape');
      await expect.poll(() => w(page, '.panel').isHidden()).toBe(true);
      expect(await focusedInWidget(page)).toMatch(/^button\.launcher/);
      await page.close();
    });
  }

  it('closes on Escape even after focus fell out of the widget', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${s.base}/`);
    await w(page, '.launcher').click();
    await page.evaluate(() => (document.getElementById('redress-chat')!.shadowRoot!.activeElement as HTMLElement).blur());
    expect(await focusedInWidget(page)).toBe('page:body');
    await page.keyboard.press('Escape');
    await expect.poll(() => w(page, '.panel').isHidden()).toBe(true);
    await page.close();
  });
});
