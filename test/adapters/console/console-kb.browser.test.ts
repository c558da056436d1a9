// Issue 9 item 2 in real Chromium: `/` in the reply box lists the case's canned replies with the variables
// filled; arrows and Enter insert one, and it is sent like any reply. The matching articles sit beside the case.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../../helpers/redis-server.js';
import { address, draft, startWorld, type World } from './console-fixture.js';

const server = new TestRedis();
let w: World;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await server.start();
  w = await startWorld(server.url, { env: { CONSOLE_SESSION_SECRET: 'k'.repeat(48), CURRENCY: 'EUR' } });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.setDefaultTimeout(8000);
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(`${w.baseUrl}/console/login`);
  await page.getByLabel('Agent id').fill('a-ling');
  await page.getByLabel('Password').fill('ling-pass');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${w.baseUrl}/console`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await w?.close();
  await server.destroy();
});

describe('canned replies in the console', () => {
  it('/ opens the picker; Enter inserts the reply filled in for this case; it is sent as written', async () => {
    const { complaint } = await w.complaints.submit(address('c-dee'), 'c-dee', draft({ category: 'damaged_in_transit', orderId: 'ORD-240402', consumerName: 'Dee', description: 'The vase arrived in pieces.' }));
    await w.agentOps.claim('a-ling', complaint.id);
    await page.goto(`${w.baseUrl}/console/cases/${complaint.id}`);
    await page.locator('#kb-articles summary', { hasText: 'Damaged or defective goods' }).waitFor({ timeout: 5000 });
    const box = page.getByLabel('Reply to consumer');
    await box.focus();
    await page.keyboard.press('/');
    const options = page.locator('#reply-picker [role="option"]');
    await options.first().waitFor();
    expect(await box.inputValue()).toBe(''); // the slash opened the picker instead of being typed
    const titles = await options.locator('strong').allInnerTexts();
    expect(titles).toContain('Ask for photos');
    const index = titles.indexOf('Ask for photos');
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('#reply-picker').waitFor({ state: 'hidden' });
    const text = `Thank you, Dee. Could you send a photo of the item and one of the box? With them I can settle case ${complaint.id} faster.`;
    expect(await box.inputValue()).toBe(text);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reply-text');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('.msg-agent', { hasText: 'Could you send a photo' }).waitFor();
    expect((await w.store.timeline(complaint.id)).find((e) => e.type === 'agent_reply')?.data?.text).toBe(text);

    // Escape closes the picker without inserting anything.
    await box.focus();
    await page.keyboard.press('/');
    await options.first().waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#reply-picker').waitFor({ state: 'hidden' });
    expect(await box.inputValue()).toBe('');
  });

  it('a supervisor adds a reply in both languages on the knowledge page; a plain agent only reads it', async () => {
    const sup = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    sup.setDefaultTimeout(8000);
    await sup.goto(`${w.baseUrl}/console/login`);
    await sup.getByLabel('Agent id').fill('s-mei');
    await sup.getByLabel('Password').fill('mei-pass');
    await sup.getByRole('button', { name: 'Log in' }).click();
    await sup.waitForURL(`${w.baseUrl}/console`);
    await sup.goto(`${w.baseUrl}/console/knowledge`);
    const form = sup.locator('#kb-replies-list form').last();
    await form.getByRole('button', { name: 'Add reply' }).waitFor();
    await form.getByLabel('Id').fill('lamp-replacement');
    await form.getByLabel('Categories (none: every case)').selectOption(['damaged_in_transit']);
    await form.getByLabel('Title (English)').fill('Lamp replacement');
    await form.getByLabel('Title (Chinese)').fill('台灯换货');
    await form.getByLabel('Reply (English)').fill('{consumerName}, a new lamp for {orderId} ships today.');
    await form.getByLabel('Reply (Chinese)').fill('{consumerName}，订单 {orderId} 的新台灯今天发出。');
    await form.getByRole('button', { name: 'Add reply' }).click();
    await sup.getByText('Saved reply lamp-replacement.').waitFor();
    const saved = JSON.parse((await w.redis.hget(w.keys.kb.replies(), 'lamp-replacement')) ?? 'null') as unknown;
    expect(saved).toMatchObject({ categories: ['damaged_in_transit'], text: { en: '{consumerName}, a new lamp for {orderId} ships today.', zh: '{consumerName}，订单 {orderId} 的新台灯今天发出。' } });
    await sup.close();

    // Ling (a plain agent) sees the reply, read-only: no forms, no save buttons.
    await page.goto(`${w.baseUrl}/console/knowledge`);
    await page.locator('#kb-replies-list summary', { hasText: 'Lamp replacement' }).waitFor();
    expect(await page.locator('#main form').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Save|Add reply|Delete/ }).count()).toBe(0);
  });
});
