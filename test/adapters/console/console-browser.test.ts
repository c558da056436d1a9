// The console in real headless Chromium: login, live queue, case page actions, XSS safety, screenshots.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../../helpers/redis-server.js';
import { address, draft, startWorld, type World } from './console-fixture.js';
import { screenshotPath } from '../../helpers/screenshots.js';

const XSS = '<img src=x onerror=alert(1)>';
const server = new TestRedis();
let w: World;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];

async function seedCases(): Promise<string> {
  await w.complaints.submit(address('c-ana'), 'c-ana', draft({ category: 'late_delivery', orderId: 'ORD-240311', description: 'Order still not here after 12 days.', texts: ['Order still not here after 12 days. When will it arrive? I am worried, it is for my daughter\'s birthday.'] }));
  await w.complaints.submit(address('c-ben'), 'c-ben', draft({ category: 'counterfeit', orderId: 'ORD-240377', merchantId: 'm-luxe', desiredResolution: 'refund', description: 'These "original" sneakers are FAKE.', texts: ['These "original" sneakers are FAKE. This is a SCAM and I will report you to the consumer association!!!'] }));
  await w.complaints.submit(address('c-cai'), 'c-cai', draft({ category: 'quality_defect', orderId: 'ORD-240390', desiredResolution: 'replacement', description: 'Kettle lid broke on the second day.', texts: ['Kettle lid broke on the second day.'] }));
  const { complaint } = await w.complaints.submit(address('c-dee'), 'c-dee', draft({ category: 'damaged_in_transit', orderId: 'ORD-240402', desiredResolution: 'replacement', description: 'The vase arrived in pieces.', texts: ['The vase arrived in pieces, the box was crushed.'] }));
  await w.complaints.consumerMessage('c-dee', complaint.id, XSS);
  return complaint.id;
}

beforeAll(async () => {
  await server.start();
  w = await startWorld(server.url, { env: { CONSOLE_SESSION_SECRET: 'b'.repeat(48) } });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => undefined); });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await w?.close();
  await server.destroy();
});

describe('console in Chromium', () => {
  it('logs in, shows the queue live, and handles a case end to end', async () => {
    const xssCase = await seedCases();
    await page.goto(`${w.baseUrl}/console`);
    await expect.poll(() => page.url()).toContain('/console/login');
    await page.getByLabel('Agent id').fill('a-ling');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('That agent id and password do not match').waitFor();
    await page.getByLabel('Password').fill('ling-pass');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('#queue-body tr[data-id]').first().waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    expect(await page.locator('#queue-body tr[data-id]').count()).toBe(4);
    expect(await page.locator('#queue-body tr[data-id] th a').first().textContent()).toMatch(/^RD-/);

    // A case filed now appears without a reload (the marker would vanish on navigation).
    await page.evaluate(() => { (window as unknown as { marker: number }).marker = 42; });
    const { complaint: fresh } = await w.complaints.submit(address('c-eve'), 'c-eve', draft({ category: 'refund_refused', desiredResolution: 'refund', description: 'Shop refuses my refund.', texts: ['The shop keeps refusing my refund, this is unacceptable and I am angry.'] }));
    await page.locator(`#queue-body tr[data-id="${fresh.id}"]`).waitFor({ timeout: 5000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('adapter-console-queue.png') });

    await page.locator(`a[href="/console/cases/${xssCase}"]`).click();
    await page.locator('#conversation li').nth(1).waitFor();
    // The consumer's HTML is text: no element created, no script run.
    await page.locator('.msg-text', { hasText: XSS }).waitFor();
    expect(await page.locator('#conversation img, #timeline img').count()).toBe(0);

    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByText('You claimed this case').waitFor();
    await page.getByText('You own this case').waitFor();

    await page.getByLabel('Reply to consumer').fill('I am so sorry the vase broke. I have asked the courier for their photos and will update you by 6 pm.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('.msg-agent', { hasText: 'asked the courier' }).waitFor();

    await page.getByLabel('What we will do').fill('A replacement vase, sent by express today, plus a goodwill voucher.');
    await page.getByLabel('Resolution', { exact: true }).selectOption('replacement');
    await page.getByLabel('Amount', { exact: true }).fill('900');
    await page.getByRole('button', { name: 'Propose' }).click();
    await page.getByText('above your limit of 500').waitFor();
    await page.getByLabel('Amount', { exact: true }).fill('30');
    await page.getByRole('button', { name: 'Propose' }).click();
    await page.getByText('Proposal sent to the consumer.').waitFor();
    await page.locator('#case-badges .status', { hasText: 'resolution proposed' }).waitFor();
    await page.screenshot({ path: screenshotPath('adapter-console-case.png'), fullPage: true });

    // The consumer accepts on their channel: the open case page updates live.
    await w.complaints.acceptProposal('c-dee', xssCase);
    await page.locator('#case-badges .status', { hasText: 'resolved' }).waitFor({ timeout: 5000 });
    await page.locator('#timeline li', { hasText: 'Consumer accepted the proposal' }).waitFor();
    expect(dialogs).toEqual([]);
  }, 60_000);
});
