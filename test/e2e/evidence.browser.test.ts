/**
 * Evidence in real headless Chromium: a consumer files a complaint with a photo in the widget, another sends a
 * photo on Telegram (through the webhook, getFile and the download, against a local Bot API server); an agent
 * opens both cases in the console and sees both photos rendered, full size in a keyboard-usable dialog.
 * The same URLs without the agent's session are refused; a signed link works without one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { evidenceLink } from '../../src/evidence/evidence-link.js';
import { t } from '../../src/i18n/catalog.js';
import { FakeBotApi } from '../adapters/telegram/fake-bot-api.js';
import { buttonUpdate, photoUpdate, textUpdate } from '../adapters/telegram/telegram-updates.fixture.js';
import { tinyPng } from '../adapters/webchat/png.fixture.js';
import { TestRedis } from '../helpers/redis-server.js';
import { screenshotPath } from '../helpers/screenshots.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { ConsoleDriver, launchChromium, WidgetDriver } from './browser-drivers.js';

const TOKEN = '123456:EVIDENCE-token_abc';
const AGENT = { id: 'a-ling', password: 'pw-ling-123' };
const LINK_SECRET = 'evidence-browser-link-secret-0123456789';
const CASE_ID = /RD-\d{8}-\d{4}/;
const redis = new TestRedis();
const botApi = new FakeBotApi(TOKEN);
const uploads = mkdtempSync(join(tmpdir(), 'redress-evidence-'));
let app: TestApp;
let browser: Browser;
let base = '';
const contexts: BrowserContext[] = [];
const problems: string[] = [];

beforeAll(async () => {
  await Promise.all([redis.start(), botApi.start()]);
  [app, browser] = await Promise.all([startTestApp(redis.url, {
    AGENTS: JSON.stringify([{ id: AGENT.id, name: 'Ling', role: 'agent', compensationLimit: 500, password: AGENT.password }]),
    WEBCHAT_SESSION_SECRET: 'evidence-webchat-session-secret-0123456789',
    CONSOLE_SESSION_SECRET: 'evidence-console-session-secret-0123456789abcdef',
    EVIDENCE_LINK_SECRET: LINK_SECRET,
    TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: 'evidence-webhook-secret', TELEGRAM_API_ROOT: botApi.url, TELEGRAM_BOT_USERNAME: 'redress_test_bot',
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
  await botApi.close();
  await redis.destroy();
  rmSync(uploads, { recursive: true, force: true });
});

async function context(): Promise<BrowserContext> {
  const c = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  contexts.push(c);
  return c;
}

/** The guided intake in the widget, with one photo picked through the file chooser. */
async function fileInWidget(w: WidgetDriver): Promise<string> {
  await w.say('My parcel arrived broken, the box was smashed');
  await w.botSays(t('en', 'dialog.category_suggest', { category: t('en', 'category.damaged_in_transit') }));
  await w.choose(t('en', 'dialog.yes'));
  await w.botSays(t('en', 'dialog.order_ask'));
  await w.say('MM-240815-001');
  await w.botSays(t('en', 'dialog.description_ask'));
  await w.say('The teapot is cracked in two places.');
  await w.botSays(t('en', 'dialog.photo_ask', { maxMb: 10 }));
  await w.attachPhoto('teapot.png', tinyPng(64, [150, 110, 70]));
  await w.botSays(t('en', 'dialog.photo_received', { count: 1 }));
  await w.choose(t('en', 'dialog.photo_done'));
  await w.botSays(t('en', 'dialog.resolution_ask'));
  await w.choose(t('en', 'resolution.refund'));
  await w.choose(t('en', 'dialog.confirm'));
  const filed = await w.botSays(CASE_ID);
  return CASE_ID.exec((await filed.textContent()) ?? '')![0];
}

/** The same intake on Telegram, through the webhook; the photo is fetched from the local Bot API server. */
async function fileOnTelegram(chat: number): Promise<string> {
  botApi.files.set('tg-photo-1', { path: 'photos/file_7.jpg', bytes: tinyPng(48, [40, 120, 200]) });
  for (const u of [
    textUpdate(chat, 'The parcel arrived damaged and the box was crushed'), buttonUpdate(chat, 'yes'), textUpdate(chat, 'A12345678'),
    textUpdate(chat, 'The lamp base is cracked.'), photoUpdate(chat, 'tg-photo-1', 200), buttonUpdate(chat, 'done'), buttonUpdate(chat, 'refund'), buttonUpdate(chat, 'confirm'),
  ]) {
    const res = await fetch(`${base}/telegram/webhook`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'evidence-webhook-secret' }, body: JSON.stringify(u),
    });
    expect(res.status).toBe(200);
  }
  const last = String(botApi.sent(String(chat)).at(-1)?.text ?? '');
  return CASE_ID.exec(last)![0];
}

/** Waits until every evidence thumbnail on the page has loaded; returns their natural widths and alt texts. */
async function thumbnails(page: Page): Promise<Array<{ width: number; alt: string; src: string }>> {
  const imgs = page.locator('#evidence img');
  await imgs.first().waitFor();
  await expect.poll(() => imgs.evaluateAll((els) => els.every((e) => (e as HTMLImageElement).complete))).toBe(true);
  return imgs.evaluateAll((els) => els.map((e) => {
    const img = e as HTMLImageElement;
    return { width: img.naturalWidth, alt: img.alt, src: img.getAttribute('src') ?? '' };
  }));
}

describe('evidence in Chromium', () => {
  it('an agent sees the widget photo and the Telegram photo; without the session the same URLs are refused', async () => {
    const widget = await WidgetDriver.open(await context(), `${base}/`, problems);
    const widgetCase = await fileInWidget(widget);
    const telegramCase = await fileOnTelegram(8_100_001);
    expect(botApi.downloads).toContain('photos/file_7.jpg');
    // Both attachments keep the storage key they are served by (not just the local directory's URL).
    for (const [id, prefix] of [[widgetCase, 'webchat/'], [telegramCase, 'telegram/8100001/']] as const) {
      const [a] = (await app.app.core.store.require(id)).evidence;
      expect(a).toMatchObject({ kind: 'image', storageKey: expect.stringMatching(new RegExp(`^${prefix}`)), storedAt: expect.any(Number) });
    }

    const agent = await ConsoleDriver.login(await context(), base, AGENT.id, AGENT.password, problems);
    const seen: Record<string, { width: number; alt: string; src: string }> = {};
    for (const [id, width] of [[widgetCase, 64], [telegramCase, 48]] as const) {
      await agent.page.goto(`${base}/console/cases/${id}`);
      await agent.page.locator('#case-title', { hasText: id }).waitFor();
      const [thumb] = await thumbnails(agent.page);
      expect(thumb).toEqual({ width, alt: 'Photo 1 of 1 from the consumer', src: `/console/evidence/${id}/0` });
      seen[id] = thumb!;
    }
    await agent.page.screenshot({ path: screenshotPath('console-evidence.png') });

    // Full size, by keyboard: Enter on the thumbnail opens the dialog, Escape closes it and focus returns.
    const button = agent.page.locator('#evidence button.evidence-thumb').first();
    await button.focus();
    await agent.page.keyboard.press('Enter');
    const dialog = agent.page.getByRole('dialog', { name: 'Photo 1 of 1 from the consumer' });
    await dialog.waitFor();
    const full = dialog.getByRole('img', { name: 'Photo 1 of 1 from the consumer' });
    await expect.poll(() => full.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBe(48);
    await agent.page.screenshot({ path: screenshotPath('console-evidence-dialog.png') });
    await agent.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await agent.page.evaluate(() => document.activeElement?.classList.contains('evidence-thumb'))).toBe(true);

    // A browser without the agent's session: the same URLs, opened directly, are refused and show no image.
    const stranger = await (await context()).newPage();
    for (const { src } of Object.values(seen)) {
      const res = await stranger.goto(`${base}${src}`);
      expect(res?.status(), src).toBe(401);
      expect(res?.headers()['content-type']).toMatch(/^application\/json/);
    }
    expect((await fetch(`${base}${seen[widgetCase]!.src}`)).status).toBe(401);

    // What Slack gets instead: a signed link, which works without a session, for that file only.
    const link = await evidenceLink(telegramCase, 0, { secret: LINK_SECRET, ttlSeconds: 300, baseUrl: base });
    const viaLink = await stranger.goto(link);
    expect(viaLink?.status()).toBe(200);
    // The Telegram "photo" is PNG bytes: stored and served as what its bytes are, not as the JPEG Telegram claims.
    expect(viaLink?.headers()['content-type']).toBe('image/png');
    expect(await stranger.evaluate(() => document.images[0]?.naturalWidth)).toBe(48);
    const elsewhere = await stranger.goto(link.replace(`/${telegramCase}/0?`, `/${widgetCase}/0?`));
    expect(elsewhere?.status()).toBe(403);
  }, 90_000);
});
