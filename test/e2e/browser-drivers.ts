/**
 * Page drivers for the product's two browser faces, used by the end-to-end browser test: the consumer's
 * widget (on the demo shop page) and the agent console. They act the way a person does (click, type,
 * pick a file) and wait for what a person would see — never for a fixed time.
 */
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { t } from '../../src/i18n/catalog.js';
import { tinyPng } from '../adapters/webchat/png.fixture.js';

const CASE_ID = /RD-\d{8}-\d{4}/;

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Fails a test on any page error or alert dialog instead of letting it pass silently. */
export function watchPage(page: Page, problems: string[]): void {
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss().catch(() => undefined); });
}

const WAIT_MS = 10_000;

/** The consumer: the demo shop with the widget (Shadow DOM, open; Playwright's CSS locators pierce it). */
export class WidgetDriver {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('#redress-chat');
  }

  static async open(context: BrowserContext, url: string, problems: string[]): Promise<WidgetDriver> {
    const page = await context.newPage();
    watchPage(page, problems);
    await page.goto(url);
    const w = new WidgetDriver(page);
    await w.openPanel();
    return w;
  }

  async openPanel(): Promise<void> {
    await this.root.locator('.launcher').click();
    await this.root.locator('textarea').waitFor();
  }

  get botBubbles(): Locator {
    return this.root.locator('li.msg.bot .bubble');
  }

  /** Types a message and presses Enter. */
  async say(text: string): Promise<void> {
    const input = this.root.locator('textarea');
    await input.fill(text);
    await input.press('Enter');
  }

  /** Presses one of the quick replies currently offered (superseded ones are removed by the widget). */
  async choose(label: string | RegExp): Promise<void> {
    // A string is the whole label: "接受" must not press "不接受，申请复核".
    const exact = typeof label === 'string' ? new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : label;
    const chip = this.root.locator('button.chip', { hasText: exact }).last();
    await chip.waitFor({ timeout: WAIT_MS }).catch((err: Error) => this.fail(err));
    await chip.click();
  }

  /** Presses the star "n of 5" in the rating prompt currently offered (a radio group, one button per star). */
  async rate(n: number): Promise<void> {
    const star = this.root.locator('[role=radiogroup] [role=radio]').nth(n - 1);
    await star.waitFor({ timeout: WAIT_MS }).catch((err: Error) => this.fail(err));
    await star.click();
  }

  /** Picks a photo through the paperclip button and the browser's own file chooser. */
  async attachPhoto(name: string, png: Buffer): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.root.locator('form button.icon').first().click();
    await (await chooser).setFiles({ name, mimeType: 'image/png', buffer: png });
  }

  /** Waits until a bot message containing `text` is shown; returns its list item. */
  async botSays(text: string | RegExp, timeout = WAIT_MS): Promise<Locator> {
    const li = this.root.locator('li.msg.bot', { has: this.page.locator('.bubble', { hasText: text }) }).last();
    await li.waitFor({ timeout }).catch((err: Error) => this.fail(err));
    return li;
  }

  /** Rethrows with what the widget shows, so a failed wait says where the conversation went instead. */
  private async fail(err: Error): Promise<never> {
    const seen = await this.root.locator('li.msg').evaluateAll((els) => els.map((e) => `  ${e.className}: ${e.textContent ?? ''}`)).catch(() => []);
    throw new Error(`${err.message}\nThe widget shows:\n${seen.join('\n')}`);
  }

  async lastBotText(): Promise<string> {
    return (await this.botBubbles.last().textContent()) ?? '';
  }

  /** Reloads the shop page and reopens the widget (its session lives in localStorage). */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.openPanel();
  }
}

/** The agent: the local console, logged in with a password from AGENTS. */
export class ConsoleDriver {
  constructor(readonly page: Page, readonly base: string) {}

  static async login(context: BrowserContext, base: string, agentId: string, password: string, problems: string[]): Promise<ConsoleDriver> {
    const page = await context.newPage();
    watchPage(page, problems);
    await page.goto(`${base}/console`);
    await page.getByLabel('Agent id').fill(agentId);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('#queue-body').waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    return new ConsoleDriver(page, base);
  }

  queueRow(caseId: string): Locator {
    return this.page.locator(`#queue-body tr[data-id="${caseId}"]`);
  }

  async showQueue(view: 'open' | 'mine' | 'resolved' = 'open'): Promise<void> {
    if (!this.page.url().endsWith('/console')) await this.page.goto(`${this.base}/console`);
    await this.page.locator(`[data-view="${view}"]`).click();
    await this.page.locator(`[data-view="${view}"][aria-pressed="true"]`).waitFor();
  }

  async openCase(caseId: string): Promise<void> {
    await this.page.locator(`a[href="/console/cases/${caseId}"]`).click();
    await this.page.locator('#case-title', { hasText: caseId }).waitFor();
    await this.page.locator('#conversation li').first().waitFor();
  }

  async claim(): Promise<void> {
    await this.page.getByRole('button', { name: 'Claim' }).click();
    await this.page.getByText('You own this case').waitFor();
  }

  async reply(text: string): Promise<void> {
    await this.page.getByLabel('Reply to consumer').fill(text);
    await this.page.getByRole('button', { name: 'Send reply' }).click();
    await this.page.locator('.msg-agent', { hasText: text.slice(0, 40) }).waitFor();
  }

  async propose(text: string, resolution: string, amount: number): Promise<void> {
    await this.page.getByLabel('What we will do').fill(text);
    await this.page.getByLabel('Resolution', { exact: true }).selectOption(resolution);
    await this.page.getByLabel('Amount', { exact: true }).fill(String(amount));
    await this.page.getByRole('button', { name: 'Propose' }).click();
    await this.page.getByText('Proposal sent to the consumer.').waitFor();
  }

  /** Waits for the case page's status badge (it updates live). */
  async statusIs(label: string, timeout = WAIT_MS): Promise<void> {
    await this.page.locator('#case-badges .status', { hasText: label }).waitFor({ timeout });
  }
}

/** The guided intake, the way a consumer goes through it; returns the complaint number shown. */
export async function fileComplaint(w: WidgetDriver, L: 'en' | 'zh', words: { first: string; order: string; description: string }): Promise<string> {
  await w.say(words.first);
  await w.botSays(t(L, 'dialog.category_suggest', { category: t(L, 'category.damaged_in_transit') }));
  await w.choose(t(L, 'dialog.yes'));
  await w.botSays(t(L, 'dialog.order_ask'));
  await w.say(words.order);
  await w.botSays(t(L, 'dialog.description_ask'));
  await w.say(words.description);
  await w.botSays(t(L, 'dialog.photo_ask', { maxMb: 10 }));
  await w.attachPhoto('box.png', tinyPng(64, [150, 110, 70]));
  await w.botSays(t(L, 'dialog.photo_received', { count: 1 }));
  await w.root.locator('li.msg.user img.thumb').first().waitFor();
  await w.choose(t(L, 'dialog.photo_done'));
  await w.botSays(t(L, 'dialog.resolution_ask'));
  await w.choose(t(L, 'resolution.refund'));
  const summary = await w.botSays(t(L, 'dialog.summary', {
    category: t(L, 'category.damaged_in_transit'), order: words.order, description: words.description, photos: 1, resolution: t(L, 'resolution.refund'),
  }).split('\n')[0]!);
  expect(await summary.textContent()).toContain(words.order);
  await w.choose(t(L, 'dialog.confirm'));
  const filed = await w.botSays(CASE_ID);
  const id = CASE_ID.exec((await filed.locator('.bubble').textContent()) ?? '')?.[0] ?? '';
  expect(id).toMatch(/^RD-\d{8}-\d{4}$/);
  await expect.poll(() => filed.locator('.card').textContent()).toContain(id);
  return id;
}
