/**
 * "Ling is typing…" in real Chromium across two processes: the consumer's widget is connected to process A, the
 * agent types in the console served by process B, and the typing signal crosses through Redis pub/sub.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../helpers/redis-server.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { ConsoleDriver, fileComplaint, launchChromium, WidgetDriver } from './browser-drivers.js';

const LING = { id: 'a-ling', name: 'Ling', password: 'pw-ling-123' };
const BO = { id: 'a-bo', name: 'Bo', password: 'pw-bo-12345' };
const redis = new TestRedis();
const uploads = mkdtempSync(join(tmpdir(), 'redress-e2e-typing-'));
const ENV = {
  AGENTS: JSON.stringify([LING, BO].map((x) => ({ ...x, role: 'agent', compensationLimit: 500 }))),
  WEBCHAT_SESSION_SECRET: 'e2e-webchat-session-secret-0123456789',
  CONSOLE_SESSION_SECRET: 'e2e-console-session-secret-0123456789abcdef',
  UPLOAD_DIR: uploads,
};

let a: TestApp;
let b: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: string[] = [];
const base = (app: TestApp) => `http://127.0.0.1:${(app.app.http.server.address() as { port: number }).port}`;

async function context(): Promise<BrowserContext> {
  const c = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(c);
  return c;
}

beforeAll(async () => {
  await redis.start();
  [a, browser] = await Promise.all([startTestApp(redis.url, ENV), launchChromium()]);
  b = await startTestApp(redis.url, ENV, { prefix: a.prefix });
}, 60_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  expect(problems.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await b?.app.close();
  await a?.app.close();
  await redis.destroy();
  rmSync(uploads, { recursive: true, force: true });
});

describe('agent typing reaches the widget', () => {
  it('shows "Ling is typing…" while the agent types on process B, hides it when the reply arrives, and refuses a non-owner', async () => {
    const widget = await WidgetDriver.open(await context(), `${base(a)}/`, problems);
    const id = await fileComplaint(widget, 'en', {
      first: 'My parcel arrived broken, the box was smashed',
      order: 'MM-240815-004',
      description: 'The glass vase is shattered.',
    });
    const typingLine = widget.root.locator('.typing');
    await expect.poll(() => typingLine.isHidden()).toBe(true);

    const ling = await ConsoleDriver.login(await context(), base(b), LING.id, LING.password, problems);
    await ling.queueRow(id).waitFor();
    await ling.openCase(id);
    await ling.claim();
    await widget.botSays(`${LING.name} has taken your case ${id}`);

    const box = ling.page.getByLabel('Reply to consumer');
    await box.pressSequentially('I am so sorry about the vase', { delay: 20 });
    await typingLine.waitFor({ state: 'visible' });
    expect(await typingLine.textContent()).toContain('Ling is typing…');

    await ling.page.getByRole('button', { name: 'Send reply' }).click();
    await widget.botSays('I am so sorry about the vase');
    await typingLine.waitFor({ state: 'hidden' });

    // Emptying the box is a stop too.
    await new Promise((r) => setTimeout(r, 1100));
    await box.pressSequentially('One more', { delay: 20 });
    await typingLine.waitFor({ state: 'visible' });
    await box.fill('');
    await typingLine.waitFor({ state: 'hidden' });

    // Bo is a plain agent who does not own the case: the route says no.
    const bo = await ConsoleDriver.login(await context(), base(a), BO.id, BO.password, problems);
    await bo.page.goto(`${base(a)}/console/cases/${id}`);
    await bo.page.locator('#case-title', { hasText: id }).waitFor();
    const status = await bo.page.evaluate(async (caseId) => {
      const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
      const res = await fetch(`/console/api/cases/${caseId}/typing`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: '{"on":true}' });
      return res.status;
    }, id);
    expect(status).toBe(403);
    // And without the CSRF token, the console's usual refusal.
    const forged = await ling.page.evaluate(async (caseId) => (await fetch(`/console/api/cases/${caseId}/typing`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"on":true}' })).status, id);
    expect(forged).toBe(403);
  }, 120_000);
});
