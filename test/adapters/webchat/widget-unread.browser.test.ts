/**
 * Issue 10 item 3 in real headless Chromium against a whole Redress: the log shows what is new. Agent updates
 * (claim, reply, proposal through the core's agent operations) land while the widget is closed; the badge counts
 * them, and reopening lands on a "new messages" marker above the first of them with the proposal's buttons in view.
 * After a reload mid-dialog the latest prompt and its buttons are in view.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/catalog.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { fileComplaint, launchChromium, WidgetDriver } from '../../e2e/browser-drivers.js';
import { seriousAxeFindings } from './widget-browser.js';

const AGENT = { id: 'a-ling', name: 'Ling', password: 'pw-ling-123' };
const redis = new TestRedis();
let a: TestApp;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  await redis.start();
  [a, browser] = await Promise.all([
    startTestApp(redis.url, { AGENTS: JSON.stringify([{ id: AGENT.id, name: AGENT.name, role: 'agent', compensationLimit: 500, password: AGENT.password }]) }),
    launchChromium(),
  ]);
}, 60_000);
afterEach(() => expect(problems.splice(0)).toEqual([]));
afterAll(async () => {
  await browser?.close();
  await a?.app.close();
  await redis.destroy();
});

const base = () => `http://127.0.0.1:${(a.app.http.server.address() as { port: number }).port}`;

/** Whether `el` lies wholly inside the visible part of the widget's scrolling log. */
async function inView(page: Page, el: Locator): Promise<boolean> {
  const box = await el.boundingBox();
  const log = await page.locator('#redress-chat [role=log]').boundingBox();
  if (!box || !log) return false;
  return box.y >= log.y - 1 && box.y + box.height <= log.y + log.height + 1;
}

describe('widget: what is new', () => {
  it('reopens on the first unread message, with a marker, the badge count and the proposal\'s buttons in view', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const widget = await WidgetDriver.open(context, `${base()}/`, problems);
    const page = widget.page;
    const id = await fileComplaint(widget, 'en', {
      first: 'My parcel arrived broken, the box was smashed',
      order: 'MM-240815-001',
      description: 'The celadon teapot is cracked in two places and the lid is in pieces.',
    });
    const seen = await widget.botBubbles.count();
    await page.keyboard.press('Escape');
    await expect.poll(() => widget.root.locator('.panel').isHidden()).toBe(true);

    await a.app.core.agentOps.claim(AGENT.id, id);
    await a.app.core.agentOps.reply(AGENT.id, id, 'I am sorry about the teapot; I have your photo and will sort this out today.');
    await a.app.core.agentOps.propose(AGENT.id, id, { text: 'A full refund of the teapot within 24 hours.', resolution: 'refund', amount: 268 });
    const proposal = widget.root.locator('li.msg.bot', { hasText: `Proposal for ${id}` });
    await proposal.waitFor({ state: 'attached' });
    const fresh = (await widget.botBubbles.count()) - seen;
    expect(fresh).toBeGreaterThanOrEqual(3);
    expect(await widget.root.locator('.badge').textContent()).toBe(String(fresh));
    expect(await widget.root.locator('.launcher').getAttribute('aria-label')).toContain(`${fresh} unread messages`);

    await widget.root.locator('.launcher').click();
    const marker = widget.root.locator('li.unread-marker');
    expect(await marker.textContent()).toBe('New messages');
    // The marker sits right above the first message that came while the widget was closed (the claim).
    const next = await marker.evaluate((m) => m.nextElementSibling?.textContent ?? '');
    expect(next).toMatch(new RegExp(`${AGENT.name} has (personally )?taken your case ${id}`));
    expect(await inView(page, marker)).toBe(true);
    for (const label of [t('en', 'progress.accept'), t('en', 'progress.reject')]) {
      expect(await inView(page, proposal.locator('button.chip', { hasText: label }))).toBe(true);
    }
    expect(await widget.root.locator('.badge').isHidden()).toBe(true);
    expect(await seriousAxeFindings(page)).toEqual([]);
    // Pressing the marker goes to the first new message (when all that is new is taller than the log).
    await marker.locator('button').click();
    const claim = widget.root.locator('li.msg.bot', { hasText: `taken your case ${id}` });
    await expect.poll(() => inView(page, claim.locator('.bubble'))).toBe(true);

    // Looked at: closing and reopening shows no marker and no badge.
    await page.keyboard.press('Escape');
    await widget.root.locator('.launcher').click();
    expect(await marker.count()).toBe(0);
    expect(await widget.root.locator('.badge').isHidden()).toBe(true);
    await context.close();
  }, 90_000);

  it('keeps the latest prompt and its buttons in view after a reload mid-dialog', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const widget = await WidgetDriver.open(context, `${base()}/`, problems);
    await widget.say('My parcel arrived broken, the box was smashed');
    await widget.choose(t('en', 'dialog.yes'));
    await widget.botSays(t('en', 'dialog.order_ask'));
    await widget.say('MM-240815-002');
    await widget.say('The wool throw arrived torn along one edge and the packaging was soaked through, so it smells of damp as well.');
    await widget.botSays(t('en', 'dialog.photo_ask', { maxMb: 10 }));
    await widget.choose(t('en', 'dialog.photo_skip'));
    await widget.choose(t('en', 'resolution.replacement'));
    const summary = await widget.botSays(t('en', 'dialog.summary', {
      category: t('en', 'category.damaged_in_transit'), order: 'MM-240815-002', description: '', photos: 0, resolution: t('en', 'resolution.replacement'),
    }).split('\n')[0]!);
    await summary.locator('button.chip').first().waitFor();
    const shown = await widget.root.locator('li.msg').count();

    // The history is replayed into the closed panel; only then does the consumer open it.
    await widget.page.reload();
    await expect.poll(() => widget.root.locator('li.msg').count()).toBe(shown);
    expect(await widget.root.locator('.panel').isHidden()).toBe(true);
    await widget.openPanel();
    const after = widget.root.locator('li.msg.bot').last();
    await expect.poll(() => after.locator('button.chip').count()).toBe(3);
    for (const label of [t('en', 'dialog.confirm'), t('en', 'dialog.change'), t('en', 'dialog.cancel')]) {
      await expect.poll(() => inView(widget.page, after.locator('button.chip', { hasText: label }))).toBe(true);
    }
    expect(await widget.root.locator('li.unread-marker').count()).toBe(0);
    await context.close();
  }, 60_000);
});
