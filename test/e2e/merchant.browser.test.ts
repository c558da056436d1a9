/**
 * The merchant as a party, in real headless Chromium: an agent asks the merchant from the console case page; the
 * merchant opens the signed link in a browser of their own (no account) and answers with a photo and a PDF; the
 * agent sees the answer live and opens the file, which a browser without the agent's session cannot. A forged, an
 * expired and a used-up link each get a page saying what is wrong; a deadline with no answer alerts supervisors.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalog.js';
import { merchantLinks } from '../../src/merchants/merchant-link.js';
import { tinyPng } from '../adapters/webchat/png.fixture.js';
import { TestRedis } from '../helpers/redis-server.js';
import { consumer, eventually, fileComplaint, startTestApp, type TestApp } from '../helpers/test-app.js';
import { ConsoleDriver, launchChromium, watchPage } from './browser-drivers.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AGENT = { id: 'a-ling', password: 'pw-ling-123' };
const LINK_SECRET = 'merchant-browser-link-secret-0123456789';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
const redis = new TestRedis();
const uploads = mkdtempSync(join(tmpdir(), 'redress-merchant-'));
let app: TestApp;
let browser: Browser;
let base = '';
const contexts: BrowserContext[] = [];
const problems: string[] = [];

beforeAll(async () => {
  await redis.start();
  [app, browser] = await Promise.all([startTestApp(redis.url, {
    AGENTS: JSON.stringify([{ id: AGENT.id, name: 'Ling', role: 'agent', compensationLimit: 500, password: AGENT.password }]),
    CONSOLE_SESSION_SECRET: 'merchant-console-session-secret-0123456789abcdef',
    MERCHANT_LINK_SECRET: LINK_SECRET,
    UPLOAD_DIR: uploads,
  }), launchChromium()]);
  base = `http://127.0.0.1:${(app.app.http.server.address() as { port: number }).port}`;
}, 60_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  expect(problems.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await app?.app.close();
  await redis.destroy();
  rmSync(uploads, { recursive: true, force: true });
});

async function context(): Promise<BrowserContext> {
  const c = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  contexts.push(c);
  return c;
}

async function seriousFindings(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
}

/** A consumer's new case, claimed by the agent on its console page. */
async function claimedCase() {
  const c = consumer(app);
  const caseId = await fileComplaint(c);
  const agent = await ConsoleDriver.login(await context(), base, AGENT.id, AGENT.password, problems);
  await agent.page.goto(`${base}/console/cases/${caseId}`);
  await agent.page.locator('#case-title', { hasText: caseId }).waitFor();
  await agent.claim();
  return { c, caseId, agent };
}

/** Asks from the case page's Merchant card; returns the link the page shows for the newest request. */
async function ask(agent: ConsoleDriver, question: string, hours: string): Promise<string> {
  await agent.page.getByLabel('Ask the merchant for evidence or a response').fill(question);
  await agent.page.getByLabel('Deadline in hours').fill(hours);
  await agent.page.getByRole('button', { name: 'Ask the merchant' }).click();
  await agent.page.getByText('Merchant asked: pass the link below on to them.').waitFor();
  const item = agent.page.locator('.merchant-request', { hasText: question });
  return item.getByLabel('Link for the merchant').inputValue();
}

describe('the merchant as a party, in Chromium', () => {
  it('the agent asks, the merchant answers with files on the link, the agent sees and opens them; strangers and bad links are refused', async () => {
    const { c, caseId, agent } = await claimedCase();

    const question = 'Please send a photo of the lamp as it was packed, and the courier receipt.';
    const link = await ask(agent, question, '48');
    expect(link).toMatch(new RegExp(`^/merchant/r/${caseId}\\.m1~[0-9a-z]+~[\\w-]{22}$`));
    // The consumer hears, in their language, that the seller was asked and by when.
    const dueAt = (await app.app.core.store.require(caseId)).merchantRequests![0]!.dueAt;
    await eventually(() => c.messages().some((m) => m.message.text.startsWith(`We have asked the seller about ${caseId}; we expect their answer by`)), 'the consumer told the seller was asked');
    expect(dueAt - Date.now()).toBeGreaterThan(47 * 3_600_000);

    // The merchant: another browser, no account, only the link.
    const merchant = await (await context()).newPage();
    watchPage(merchant, problems);
    const opened = await merchant.goto(`${base}${link}`);
    expect(opened?.status()).toBe(200);
    expect(opened?.headers()['content-security-policy']).toMatch(/default-src 'none'; style-src 'nonce-[^']+'/);
    expect(opened?.headers()['referrer-policy']).toBe('no-referrer');
    await merchant.getByRole('heading', { name: `Request from Redress about case ${caseId}` }).waitFor();
    expect(await merchant.locator('#question').textContent()).toBe(question);
    // The consumer's name and words are not on the merchant's page.
    expect(await merchant.content()).not.toContain('cracked');
    expect(await seriousFindings(merchant)).toEqual([]);

    // A file that is not a photo or PDF is refused with the reason; what was typed stays in the box.
    await merchant.getByLabel('Your answer').fill('Packed in double foam; receipt attached.');
    await merchant.locator('#answer-files').setInputFiles([{ name: 'notes.txt', mimeType: 'image/png', buffer: Buffer.from('not an image') }]);
    await merchant.getByRole('button', { name: 'Send the answer' }).click();
    await merchant.getByRole('alert').filter({ hasText: 'notes.txt is not a photo' }).waitFor();
    expect(await merchant.getByLabel('Your answer').inputValue()).toBe('Packed in double foam; receipt attached.');

    await merchant.locator('#answer-files').setInputFiles([
      { name: 'packed.png', mimeType: 'image/png', buffer: tinyPng(40, [200, 80, 40]) },
      { name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF },
    ]);
    await merchant.getByRole('button', { name: 'Send the answer' }).click();
    await merchant.getByText(`Thank you: your answer to case ${caseId} has been received.`).waitFor();

    // The agent's page updates live: the answer, marked agents only, and its files.
    const answer = agent.page.locator('.merchant-answer', { hasText: 'Packed in double foam' });
    await answer.waitFor();
    await agent.page.locator('#timeline li', { hasText: 'Merchant answered: Packed in double foam; receipt attached. · 2 files' }).waitFor();
    // The case page with a request answered (link gone, answer, files, share button) stays accessible.
    expect(await seriousFindings(agent.page)).toEqual([]);
    const fileLink = answer.getByRole('link', { name: /^packed\.png \(image\/png/ });
    const [tab] = await Promise.all([agent.page.context().waitForEvent('page'), fileLink.click()]);
    await tab!.waitForLoadState();
    expect(await tab!.evaluate(() => document.images[0]?.naturalWidth)).toBe(40);
    const fileUrl = (await fileLink.getAttribute('href'))!;
    expect(fileUrl).toBe(`/console/merchant-files/${caseId}/${caseId}.m1/0`);

    // The consumer never got the answer.
    expect(c.messages().some((m) => m.message.text.includes('double foam'))).toBe(false);

    // Without the agent's session the file is refused.
    const stranger = await (await context()).newPage();
    expect((await stranger.goto(`${base}${fileUrl}`))?.status()).toBe(401);

    // The used-up link, a forged one and an expired one: each a page saying what is wrong and what to do.
    const used = await stranger.goto(`${base}${link}`);
    expect(used?.status()).toBe(409);
    await stranger.getByText(t('en', 'merchant.error.answered')).waitFor();
    const forged = link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await stranger.goto(`${base}${forged}`))?.status()).toBe(403);
    await stranger.getByText(t('en', 'merchant.error.invalid')).waitFor();
    const expiredToken = merchantLinks({ MERCHANT_LINK_SECRET: LINK_SECRET, MERCHANT_LINK_GRACE_HOURS: 0 })!.token({ id: `${caseId}.m1`, dueAt: Date.now() - 60_000 });
    const expired = await stranger.goto(`${base}/merchant/r/${expiredToken}?lang=zh`);
    expect(expired?.status()).toBe(410);
    await stranger.getByText(t('zh', 'merchant.error.expired')).waitFor();

    // Share: the agent passes the merchant's words on; only then does the consumer see them.
    await agent.page.getByRole('button', { name: 'Share the answer with the consumer' }).click();
    await agent.page.locator('.merchant-answer', { hasText: 'shared with the consumer' }).waitFor();
    await eventually(() => c.messages().some((m) => m.message.text.includes('Packed in double foam')), 'the shared answer reaching the consumer');
  }, 120_000);

  it('a merchant who does not answer by the deadline is marked late and supervisors are alerted', async () => {
    const { caseId, agent } = await claimedCase();
    await ask(agent, 'Did the parcel leave your warehouse intact?', '0.001');
    await agent.page.locator('#timeline li', { hasText: `Merchant late: no answer to ${caseId}.m1 by the deadline` }).waitFor({ timeout: 20_000 });
    await agent.page.locator('.merchant-request .badge', { hasText: 'late' }).waitFor();
    await eventually(() => app.workspace.alerts.some((a) => a.kind === 'merchant_late' && a.complaintId === caseId), 'the supervisors alerted');
    expect(app.workspace.alerts.find((a) => a.complaintId === caseId)?.text).toMatch(new RegExp(`^Merchant late: the merchant has not answered request ${caseId}\\.m1 on ${caseId}`));
  }, 60_000);
});
