// The Data rights card on the reports page in real Chromium: a supervisor exports and erases a consumer
// through the page (session cookie and CSRF token as the page sends them); a plain agent has no such card.
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../e2e/browser-drivers.js';
import { TestRedis } from '../helpers/redis-server.js';
import { consumer, fileComplaint, startTestApp, type TestApp } from '../helpers/test-app.js';

const AGENTS = JSON.stringify([
  { id: 'a-sup', name: 'Sue', role: 'supervisor', compensationLimit: 1000, password: 'pw-sup-12345' },
  { id: 'a-ann', name: 'Ann', role: 'agent', compensationLimit: 100, password: 'pw-ann-12345' },
]);
const redis = new TestRedis();
let t: TestApp;
let browser: Browser;
let base: string;
const problems: string[] = [];

beforeAll(async () => {
  await redis.start();
  t = await startTestApp(redis.url, { AGENTS });
  base = `http://127.0.0.1:${(t.app.http.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.app.close();
  await redis.destroy();
});

async function loggedIn(agentId: string, password: string): Promise<Page> {
  const page = await browser.newPage({ acceptDownloads: true });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => { problems.push(d.message()); d.dismiss().catch(() => undefined); });
  await page.goto(`${base}/console/login`);
  await page.getByLabel('Agent id').fill(agentId);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  await page.goto(`${base}/console/reports`);
  return page;
}

it('a supervisor exports and erases a consumer from the reports page; an agent sees no Data rights card', async () => {
  const zed = consumer(t);
  const id = await fileComplaint(zed);

  const ann = await loggedIn('a-ann', 'pw-ann-12345');
  await ann.locator('#report-period').filter({ hasNotText: 'Loading' }).waitFor();
  expect(await ann.locator('#privacy').count()).toBe(0);

  const sue = await loggedIn('a-sup', 'pw-sup-12345');
  await sue.getByLabel('Consumer id').fill(zed.consumerId);
  const download = sue.waitForEvent('download');
  await sue.getByRole('button', { name: 'Export their data (JSON)' }).click();
  await sue.getByText('Exported 1 case(s) and 0 file(s).').waitFor();
  expect((await download).suggestedFilename()).toBe('consumer-export.json');

  await sue.getByRole('button', { name: 'Erase' }).click();
  await sue.getByText('Tick the box to confirm the erasure.').waitFor();
  await sue.getByLabel("Erase this consumer's personal data for good").check();
  await sue.getByRole('button', { name: 'Erase' }).click();
  await sue.getByText(/Say why the data is erased/).waitFor();
  await sue.getByLabel(/Reason for erasure/).fill('Request by phone, ticket 12');
  await sue.getByLabel("Erase this consumer's personal data for good").check();
  await sue.getByRole('button', { name: 'Erase' }).click();
  await sue.getByText(/^Erased: now erased-[0-9a-f]{16}; 1 case\(s\) kept/).waitFor();
  expect((await t.app.core.complaints.store.require(id)).consumerId).toMatch(/^erased-/);

  const csvHref = await sue.locator('#privacy-csv').getAttribute('href');
  expect(csvHref).toMatch(/^\/console\/api\/reports\.csv/);
  expect(problems).toEqual([]);
}, 60_000);
