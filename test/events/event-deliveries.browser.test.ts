/**
 * The case page in Chromium shows the case's outgoing events: delivered ones, and a receiver's refusals with
 * their HTTP status while it is down.
 */
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../helpers/redis-server.js';
import { consumer, eventually, fileComplaint, startTestApp, type TestApp } from '../helpers/test-app.js';
import { EventReceiver } from './event-receiver.js';

const SECRET = 'events-secret-0123456789';
const redis = new TestRedis();
const receiver = new EventReceiver(SECRET);
let a: TestApp;
let browser: Browser;

beforeAll(async () => {
  await Promise.all([redis.start(), receiver.start()]);
  a = await startTestApp(redis.url, {
    AGENTS: JSON.stringify([{ id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500, password: 'pw-ling-123' }]),
    CONSOLE_SESSION_SECRET: 'c'.repeat(48), EVENTS_WEBHOOK_URL: receiver.url, EVENTS_WEBHOOK_SECRET: SECRET, EVENTS_RETRY_BASE_MS: '200',
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await a?.app.close();
  await receiver.stop();
  await redis.destroy();
});

describe('case page: events sent to the platform', () => {
  it('lists delivered events and a down receiver\'s refusals', async () => {
    const id = await fileComplaint(consumer(a));
    await eventually(() => receiver.types(id).length === 2, 'the filing\'s events');
    receiver.answer = () => 503;
    await a.app.core.agentOps.claim('a-ling', id);
    await eventually(async () => (await a.app.core.eventsOut!.log.recent(20, id)).some((d) => d.status === 503), 'a refused delivery');
    const base = `http://127.0.0.1:${(a.app.http.server.address() as AddressInfo).port}`;
    const page = await browser.newPage();
    await page.goto(`${base}/console/login`);
    await page.getByLabel('Agent id').fill('a-ling');
    await page.getByLabel('Password').fill('pw-ling-123');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${base}/console`);
    await page.goto(`${base}/console/cases/${id}`);
    const card = page.locator('#event-deliveries');
    await card.locator('li.delivery-retrying').first().waitFor();
    const rows = await card.locator('li').allTextContents();
    expect(rows.some((r) => r.startsWith('retrying claimed · HTTP 503 · attempt 1'))).toBe(true);
    expect(rows.filter((r) => r.startsWith('delivered'))).toEqual([expect.stringContaining('status changed · HTTP 200'), expect.stringContaining('created · HTTP 200')]);
    await page.close();
  }, 60_000);
});
