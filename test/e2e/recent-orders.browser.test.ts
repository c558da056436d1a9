/**
 * Recent orders in real headless Chromium on the demo shop (its orders serve the look-up, ORDER_LOOKUP_DEMO): the
 * widget shows them as buttons with number, item and date, the page has no serious axe-core finding while they
 * show, a press files the case with that order's merchant and items, and the summary names the item.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalog.js';
import { seriousAxeFindings } from '../adapters/webchat/widget-browser.js';
import { TestRedis } from '../helpers/redis-server.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { launchChromium, WidgetDriver } from './browser-drivers.js';

const redis = new TestRedis();
let a: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

beforeAll(async () => {
  await redis.start();
  [a, browser] = await Promise.all([
    startTestApp(redis.url, { ORDER_LOOKUP_DEMO: 'true', WEBCHAT_SESSION_SECRET: 'e2e-webchat-session-secret-0123456789' }),
    launchChromium(),
  ]);
}, 60_000);
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  expect(problems.splice(0)).toEqual([]);
});
afterAll(async () => {
  await browser?.close();
  await a?.app.close();
  await redis.destroy();
});

describe('recent orders in the widget', () => {
  it('offers the demo shop\'s orders as buttons; a press files the case with that order and the summary shows its item', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const port = (a.app.http.server.address() as { port: number }).port;
    const w = await WidgetDriver.open(context, `http://127.0.0.1:${port}/`, problems);
    await w.say('My parcel arrived broken, the box was smashed');
    await w.choose(t('en', 'dialog.yes'));
    await w.botSays(t('en', 'dialog.order_pick'));
    const chips = w.root.locator('button.chip');
    await expect.poll(() => chips.allTextContents().then((x) => x.map((s) => s.trim()))).toEqual([
      'MM-240815-003 · Bamboo cutting board set · 20 Nov 2025', 'MM-240815-002 · Wool throw blanket · 14 Nov 2025',
      'MM-240815-001 · Ceramic teapot, celadon · 2 Nov 2025', 'Another order', 'I don\'t have it',
    ]);
    expect(await seriousAxeFindings(w.page)).toEqual([]);
    await w.choose('MM-240815-002 · Wool throw blanket · 14 Nov 2025');
    await w.botSays(t('en', 'dialog.description_ask'));
    await w.say('The blanket came with a big tear along one edge.');
    await w.botSays(t('en', 'dialog.photo_ask', { maxMb: 10 }));
    await w.choose(t('en', 'dialog.photo_skip'));
    await w.botSays(t('en', 'dialog.resolution_ask'));
    await w.choose(t('en', 'resolution.refund'));
    await w.botSays('• Order: MM-240815-002 (Wool throw blanket × 1)');
    await w.choose(t('en', 'dialog.confirm'));
    const filed = await w.botSays(/RD-\d{8}-\d{4}/);
    const id = /RD-\d{8}-\d{4}/.exec((await filed.textContent()) ?? '')![0];
    expect(await a.app.core.store.require(id)).toMatchObject({ orderId: 'MM-240815-002', merchantId: 'm-maple-moss', productId: 'MM-THROW-WOOL', orderFacts: { status: 'found' } });
  });
});
