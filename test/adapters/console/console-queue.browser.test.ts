// Issue 9 item 3 in real Chromium: the queue with 10,000 open cases (seeded through the store and the queue
// index): paging with counts, search by number, order and consumer, filters, keyboard shortcuts, and the
// notifications (tab title count, sound, desktop notification), each switchable.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisChangeLog } from '../../../src/changes/change-log.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { address, draft, startWorld, type World } from './console-fixture.js';
import { seedId, seedOpenCases, seedOrder } from './queue-seed.js';

const OPEN = 10_000;
const server = new TestRedis();
let w: World;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const summary = () => page.locator('#queue-summary');
const rowIds = () => page.locator('#queue-body tr[data-id]').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.id));
const notes = () => page.evaluate(() => (window as unknown as { __notes: string[] }).__notes);
const chimes = () => page.evaluate(() => (window as unknown as { __chimes: number }).__chimes);

beforeAll(async () => {
  await server.start();
  w = await startWorld(server.url, { env: { CONSOLE_SESSION_SECRET: 'q'.repeat(48), CURRENCY: 'EUR' } });
  await seedOpenCases(w.store, w.queueIndex, new RedisChangeLog(w.redis, w.keys), OPEN);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
  });
  context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.grantPermissions(['notifications'], { origin: w.baseUrl });
  // Record what reaches the browser's own Notification API and the chime (the page's code runs unchanged).
  await context.addInitScript(() => {
    const win = window as unknown as { __notes: string[]; __chimes: number; Notification: unknown };
    win.__notes = [];
    win.__chimes = 0;
    const Real = window.Notification;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) { super(title, options); win.__notes.push(title); }
    }
    win.Notification = Recorded;
    window.addEventListener('redress:chime', () => { win.__chimes += 1; });
  });
  page = await context.newPage();
  await page.goto(`${w.baseUrl}/console/login`);
  await page.getByLabel('Agent id').fill('a-ling');
  await page.getByLabel('Password').fill('ling-pass');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${w.baseUrl}/console`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await w?.close();
  await server.destroy();
});

describe('the queue in Chromium with 10,000 open cases', () => {
  it('pages with counts; rows show the consumer, the latest message and plain reasons', async () => {
    await summary().filter({ hasText: '1–50 of 10,000 open cases' }).waitFor();
    const first = page.locator('#queue-body tr').first();
    expect(await first.getAttribute('data-id')).toBe(seedId(99));
    expect(await first.locator('.consumer-cell').innerText()).toContain('Consumer 99');
    expect(await first.locator('.preview').innerText()).toContain(`Order ${seedOrder(99)} problem number 99`);
    expect(await first.locator('.reasons-cell li').first().innerText()).not.toContain('_');
    expect(await first.locator('.reasons-cell details').innerText()).toBe('Rule details'); // raw wording behind the disclosure
    expect(await first.locator('.status').innerText()).toBe('Queued — waiting for an agent');
    const page1 = await rowIds();
    await page.getByRole('button', { name: 'Next →' }).click();
    await summary().filter({ hasText: '51–100 of 10,000' }).waitFor();
    const page2 = await rowIds();
    expect(page2).toHaveLength(50);
    expect(page2.filter((id) => page1.includes(id))).toEqual([]);
    await page.getByRole('button', { name: '← Previous' }).click();
    await summary().filter({ hasText: '1–50 of 10,000' }).waitFor();
    expect(await rowIds()).toEqual(page1);
  });

  it('search finds a case by number, order and consumer; filters narrow with counts', async () => {
    for (const q of [seedId(4242), seedOrder(4242), 'Consumer 4242']) {
      await page.getByLabel('Search').fill(q);
      await summary().filter({ hasText: '1–1 of 1 open case' }).waitFor();
      expect(await rowIds(), q).toEqual([seedId(4242)]);
    }
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Tier').selectOption('high');
    await summary().filter({ hasText: 'of 2,000 open cases' }).waitFor();
    await page.getByLabel('Channel').selectOption('telegram');
    await summary().filter({ hasText: 'of 1,000 open cases' }).waitFor();
    await page.getByLabel('Tier').selectOption('');
    await page.getByLabel('Channel').selectOption('');
    await summary().filter({ hasText: 'of 10,000 open cases' }).waitFor();
  });

  it('j/k move, c claims, Enter opens, r goes to the reply box, ? shows the help', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const selected = page.locator('#queue-body tr[aria-selected="true"]');
    expect(await selected.getAttribute('data-index')).toBe('1');
    const id = (await selected.getAttribute('data-id'))!;
    await page.keyboard.press('c');
    await page.locator(`#queue-body tr[data-id="${id}"] td`, { hasText: 'Ling' }).first().waitFor();
    expect((await w.store.require(id)).assigneeId).toBe('a-ling');
    await page.keyboard.press('?');
    await page.locator('#shortcut-help[open]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#shortcut-help:not([open])').waitFor({ state: 'attached' });
    await page.keyboard.press('Enter');
    await page.waitForURL(`${w.baseUrl}/console/cases/${id}`);
    await page.getByText('You own this case').waitFor();
    await page.goBack();
    await summary().filter({ hasText: 'of 10,000' }).waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('r');
    await page.waitForURL(/#reply$/);
    await page.waitForFunction(() => document.activeElement?.id === 'reply-text');
    await page.goto(`${w.baseUrl}/console`);
    await summary().filter({ hasText: 'of 10,000' }).waitFor();
  });

  it('notifies of a new high-tier case and of a consumer message on my case, each way switchable', async () => {
    await page.locator('.notify-settings summary').click();
    await page.getByLabel('Sound').check();
    await page.getByLabel('Desktop notification').check();
    expect(await page.getByLabel('Count in the tab title').isChecked()).toBe(true);
    const base = await page.title();

    const { complaint: hot } = await w.complaints.submit(address('c-hot'), 'c-hot', draft({ category: 'counterfeit', description: 'These sneakers are FAKE, a scam!', texts: ['These sneakers are FAKE, a scam! I will go to the press!'] }));
    expect(hot.triage.tier).toBe('high');
    await page.waitForFunction((t) => document.title === `(1) ${t}`, base);
    expect(await notes()).toEqual([`New high-tier case ${hot.id}`]);
    expect(await chimes()).toBe(1);

    // Later changes to that case are not "new" again (live messages arrive in publish order, so the claim's
    // would be in the list below before the consumer's message if it had notified).
    await w.agentOps.claim('s-mei', hot.id);

    // Sound off: the next one still counts and shows, silently.
    await page.getByLabel('Sound').uncheck();
    const mine = seedId(7);
    await w.agentOps.claim('a-ling', mine);
    await w.complaints.consumerMessage('c-7', mine, 'Any news on my parcel?');
    await page.waitForFunction((t) => document.title === `(2) ${t}`, base);
    expect(await notes()).toEqual([`New high-tier case ${hot.id}`, `The consumer wrote on ${mine}`]);
    expect(await chimes()).toBe(1);
    // Title count off: the count goes away; settings survive a reload.
    await page.getByLabel('Count in the tab title').uncheck();
    expect(await page.title()).toBe(base);
    await page.reload();
    await page.locator('.notify-settings summary').click();
    expect(await page.getByLabel('Sound').isChecked()).toBe(false);
    expect(await page.getByLabel('Desktop notification').isChecked()).toBe(true);
    expect(await page.getByLabel('Count in the tab title').isChecked()).toBe(false);
  });

  it('the case page shows amounts in the configured currency and status names in words', async () => {
    const id = seedId(8);
    await w.agentOps.claim('a-ling', id);
    await w.agentOps.propose('a-ling', id, { text: 'A refund of the shipping fee', resolution: 'refund', amount: '30' });
    await page.goto(`${w.baseUrl}/console/cases/${id}`);
    await page.locator('#current-proposal', { hasText: '€30.00' }).waitFor();
    expect(await page.locator('#case-badges .status').innerText()).toBe('Resolution proposed — waiting for the consumer');
    expect(await page.locator('.badge-role').innerText()).toContain('€500.00');
  });
});
