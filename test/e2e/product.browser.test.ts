/**
 * The whole product in real headless Chromium: a real Redress (dialog bot, core, queues, web widget, agent
 * console) on a private redis-server. A consumer files a complaint on the demo shop through the guided
 * dialog, an agent handles it in the console, and every update reaches the widget live — in English and in
 * Chinese, across two processes sharing one Redis, and across a reload in the middle of the dialog.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalog.js';
import { TestRedis } from '../helpers/redis-server.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { ConsoleDriver, fileComplaint, launchChromium, WidgetDriver } from './browser-drivers.js';
import { screenshotPath } from '../helpers/screenshots.js';

const AGENT = { id: 'a-ling', name: 'Ling', password: 'pw-ling-123' };
const redis = new TestRedis();
const uploads = mkdtempSync(join(tmpdir(), 'redress-e2e-up-'));
// Both processes must share the secrets (sessions and console cookies cross processes) and the upload dir.
const ENV = {
  AGENTS: JSON.stringify([{ id: AGENT.id, name: AGENT.name, role: 'agent', compensationLimit: 500, password: AGENT.password }]),
  WEBCHAT_SESSION_SECRET: 'e2e-webchat-session-secret-0123456789',
  CONSOLE_SESSION_SECRET: 'e2e-console-session-secret-0123456789abcdef',
  UPLOAD_DIR: uploads,
};

let a: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

async function context(viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
  const c = await browser.newContext({ viewport });
  contexts.push(c);
  return c;
}

beforeAll(async () => {
  await redis.start();
  [a, browser] = await Promise.all([startTestApp(redis.url, ENV), launchChromium()]);
}, 60_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  expect(problems.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await a?.app.close();
  await redis.destroy();
  rmSync(uploads, { recursive: true, force: true });
});

const base = (app: TestApp) => `http://127.0.0.1:${(app.app.http.server.address() as { port: number }).port}`;

describe('Redress in Chromium: consumer widget and agent console', () => {
  it('files a complaint in the widget, an agent handles it in the console, and the consumer accepts and rates it', async () => {
    const url = base(a);
    const widget = await WidgetDriver.open(await context(), `${url}/`, problems);
    expect(await widget.page.title()).toContain('Maple & Moss');
    const id = await fileComplaint(widget, 'en', {
      first: 'My parcel arrived broken, the box was smashed',
      order: 'MM-240815-001',
      description: 'The celadon teapot is cracked in two places and the lid is in pieces. It was a birthday present and now it is ruined, I am really upset and angry.',
    });
    const filed = await widget.lastBotText();
    expect(filed).toContain(`Your complaint number is ${id}`);
    expect(filed).toContain('within 30 minutes');
    expect(await a.app.core.store.require(id)).toMatchObject({ status: 'queued', category: 'damaged_in_transit', orderId: 'MM-240815-001', desiredResolution: 'refund' });
    expect((await a.app.core.store.require(id)).evidence).toHaveLength(1);
    await widget.page.screenshot({ path: screenshotPath('widget-desktop.png') });

    const agent = await ConsoleDriver.login(await context({ width: 1400, height: 900 }), url, AGENT.id, AGENT.password, problems);
    const row = agent.queueRow(id);
    await row.waitFor();
    await expect.poll(() => row.locator('.tier').textContent()).toMatch(/^(low|medium|high)$/);
    // "really upset and angry" in the description: the queue shows the anger score next to the tier.
    expect(await row.locator('.emo-anger').textContent()).toMatch(/^angry [\d.]+$/);
    expect(await row.textContent()).toContain('damaged in transit');
    await agent.page.screenshot({ path: screenshotPath('console-queue.png') });

    await agent.openCase(id);
    await agent.page.locator('.msg-text', { hasText: 'teapot is cracked' }).first().waitFor();
    await agent.claim();
    await widget.botSays(new RegExp(`${AGENT.name} has (personally )?taken your case ${id}`));

    const reply = 'I am so sorry about the teapot. I have the photo and I am arranging the refund with the shop right now.';
    await agent.reply(reply);
    // The agent's name is the bubble's label, not a prefix of its text.
    const bubble = await widget.botSays(reply);
    expect(await bubble.locator('.author').textContent()).toBe(AGENT.name);

    await agent.propose('A full refund of the teapot to your original payment method within 24 hours.', 'refund', 268);
    await agent.statusIs('resolution proposed');
    const proposal = await widget.botSays(`Proposal for ${id}`);
    expect(await proposal.textContent()).toContain('268');
    await expect.poll(() => proposal.locator('button.chip').allTextContents()).toEqual([t('en', 'progress.accept'), t('en', 'progress.reject')]);
    await agent.page.screenshot({ path: screenshotPath('console-case.png'), fullPage: true });

    await widget.choose(t('en', 'progress.accept'));
    await widget.botSays(`${id} is resolved`);
    await agent.statusIs('resolved');
    await widget.rate(5);
    // One closing message: thanks, closed, and the comment question with Skip beside it.
    await widget.botSays(t('en', 'progress.closed', { score: 5, id }));
    await expect.poll(async () => (await a.app.core.store.require(id)).status).toBe('closed');
    expect((await a.app.core.store.require(id)).rating?.score).toBe(5);
    await widget.say('Quick and kind, thank you Ling.');
    await widget.botSays(t('en', 'dialog.rate_thanks'));
    await agent.statusIs('closed');
    await agent.showQueue('resolved');
    await agent.queueRow(id).locator('.status', { hasText: 'closed' }).waitFor();
  }, 90_000);

  it('runs the same flow in Chinese', async () => {
    const url = base(a);
    const widget = await WidgetDriver.open(await context({ width: 390, height: 760 }), `${url}/?lang=zh`, problems);
    expect(await widget.root.locator('textarea').getAttribute('placeholder')).toBe('请输入消息…');
    const id = await fileComplaint(widget, 'zh', {
      first: '快递到了但是东西摔坏了，盒子都压扁了',
      order: 'MM-240815-002',
      description: '羊毛毯的包装盒被压扁，里面的陶瓷摆件碎成了三块。',
    });
    const filed = await widget.lastBotText();
    expect(filed).toContain(`您的投诉编号是 ${id}`);
    expect(filed).toContain('30 分钟内');
    expect((await a.app.core.store.require(id)).locale).toBe('zh');
    await widget.page.screenshot({ path: screenshotPath('widget-phone.png') });

    const agent = await ConsoleDriver.login(await context(), url, AGENT.id, AGENT.password, problems);
    await agent.queueRow(id).waitFor();
    await agent.openCase(id);
    await agent.claim();
    await widget.botSays(new RegExp(`${AGENT.name} 已(亲自)?接手您的投诉 ${id}`));
    await agent.reply('非常抱歉！照片已收到，我正在为您安排退款。');
    expect(await (await widget.botSays('非常抱歉！照片已收到')).locator('.author').textContent()).toBe(AGENT.name);
    await agent.propose('全额退款 459 元，24 小时内原路退回。', 'refund', 459);
    const proposal = await widget.botSays(`关于 ${id} 的解决方案`);
    expect(await proposal.textContent()).toContain('金额：¥459.00');
    await widget.choose(t('zh', 'progress.accept'));
    await widget.botSays(`${id} 已解决`);
    await widget.rate(5);
    await widget.botSays(t('zh', 'progress.closed', { score: 5, id }));
    await expect.poll(async () => (await a.app.core.store.require(id)).status).toBe('closed');
    await agent.statusIs('closed');
  }, 90_000);

  it('delivers an agent action taken on process B to the widget connected to process A', async () => {
    const b = await startTestApp(redis.url, ENV, { prefix: a.prefix });
    try {
      const widget = await WidgetDriver.open(await context(), `${base(a)}/`, problems);
      const id = await fileComplaint(widget, 'en', {
        first: 'My parcel arrived broken, the box was smashed',
        order: 'MM-240815-003',
        description: 'The bamboo boards are split along the grain.',
      });
      const agent = await ConsoleDriver.login(await context(), base(b), AGENT.id, AGENT.password, problems);
      await agent.queueRow(id).waitFor();
      await agent.openCase(id);
      await agent.claim();
      await widget.botSays(`${AGENT.name} has taken your case ${id}`);
      await agent.reply('Hello from the second process: I will sort this out today.');
      await widget.botSays('Hello from the second process');
      await b.app.core.agentOps.reply(AGENT.id, id, 'And a reply straight through process B\'s agent operations.');
      await widget.botSays('straight through process B');
    } finally {
      await b.app.close();
    }
  }, 90_000);

  it('resumes the dialog at the same step after a reload', async () => {
    const widget = await WidgetDriver.open(await context(), `${base(a)}/`, problems);
    await widget.say('My parcel arrived broken, the box was smashed');
    await widget.choose(t('en', 'dialog.yes'));
    await widget.botSays(t('en', 'dialog.order_ask'));
    const before = await widget.botBubbles.count();

    await widget.reload();
    await expect.poll(() => widget.botBubbles.count()).toBe(before);
    expect(await widget.lastBotText()).toBe(t('en', 'dialog.order_ask'));
    await widget.say('MM-240815-001');
    await widget.botSays(t('en', 'dialog.description_ask'));
    await widget.say('The teapot spout snapped off.');
    await widget.botSays(t('en', 'dialog.photo_ask', { maxMb: 10 }));
  }, 60_000);
});
