/**
 * Page drivers for the product's two browser faces, used by the end-to-end browser test: the consumer's
 * widget (on the demo shop page) and the agent console. They act the way a person does (click, type,
 * pick a file) and wait for what a person would see — never for a fixed time.
 */
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Fails a test on any page error or alert dialog instead of letting it pass silently. */
export function watchPage(page: Page, problems: string[]): void {
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
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
