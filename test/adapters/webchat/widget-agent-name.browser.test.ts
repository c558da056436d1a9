/**
 * Issue 10 item 8 in real headless Chromium: an agent's reply, rendered by the real progress notifier and sent
 * through the real web channel, shows the agent's name as a label above the bubble and the bubble holds what they
 * wrote, without a "Ling: " in front; the same message keeps the name in its text for plain-text channels.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint, Locale, TimelineEvent } from '../../../src/complaints/complaint.types.js';
import type { ConversationAddress, OutboundMessage } from '../../../src/messages/message.types.js';
import { ProgressNotifier } from '../../../src/progress/progress-notifier.js';
import { randomPrefix, TestRedis } from '../../helpers/redis-server.js';
import { draft } from '../../complaints/core-fixture.js';
import { startServer, type Started } from './webchat-harness.js';
import { launchChromium, seriousAxeFindings } from './widget-browser.js';

const redis = new TestRedis();
let s: Started;
let browser: Browser;
const sent: OutboundMessage[] = [];

beforeAll(async () => {
  await redis.start();
  s = await startServer(redis.url, randomPrefix());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await redis.destroy();
});

function complaint(address: ConversationAddress, locale: Locale): Complaint {
  const at = Date.now();
  return {
    ...draft({ locale }), id: 'RD-20261201-0042', version: 3, status: 'claimed', consumerId: 'c-1', address,
    triage: { category: 'late_delivery', tier: 'medium', priority: 50, reasons: [], deadlines: [],
      emotion: { anger: { flagged: false, intensity: 1 }, anxiety: { flagged: false, intensity: 1 }, cues: [] } },
    assigneeId: 'a-ling', proposal: null, rating: null, slaMet: {}, createdAt: at, updatedAt: at,
  };
}

/** The agent replies: the notifier renders the change and hands it to the web channel, as the delivery queue does. */
async function agentReplies(address: ConversationAddress, locale: Locale, text: string, version: number): Promise<void> {
  const notifier = new ProgressNotifier(async (c, m) => { sent.push(m); await s.channel.send(c.address, m); }, {
    timeZone: 'UTC', agentName: async (id) => (id === 'a-ling' ? 'Ling' : id), reviewMs: 86_400_000,
  });
  const event: TimelineEvent = { at: Date.now(), type: 'agent_reply', actor: { kind: 'agent', id: 'a-ling' }, data: { text } };
  await notifier.onChange({ complaint: { ...complaint(address, locale), version }, previous: null, events: [event] });
}

async function openAndSay(page: Page, path: string): Promise<ConversationAddress> {
  // This page's own message, not an earlier page's: the bot has heard from every page opened before it.
  const before = s.bot.received.length;
  await page.goto(`${s.base}${path}`);
  await page.locator('#redress-chat .launcher').click();
  await page.locator('#redress-chat textarea').fill('hello');
  await page.locator('#redress-chat textarea').press('Enter');
  await expect.poll(() => s.bot.received.length, { timeout: 8000 }).toBeGreaterThan(before);
  const { conversationId, userId } = s.bot.received[before]!.address;
  return { channel: 'webchat', conversationId, userId };
}

const agentLine = (page: Page) => page.locator('#redress-chat li.msg.agent_reply').last();

describe('an agent\'s reply in the widget', () => {
  it('shows the name as the bubble\'s label and the text alone, in English and Chinese', async () => {
    const cases = [['en', '/', 'Ling: ', 'New message from Ling:'], ['zh', '/?lang=zh', 'Ling：', 'Ling 发来新消息：']] as const;
    for (const [locale, path, prefix, announced] of cases) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.setDefaultTimeout(8000);
      const address = await openAndSay(page, path);
      const text = locale === 'en' ? 'Ling here: a new vase ships today, case RD-20261201-0042.' : '新的花瓶今天寄出。';
      await agentReplies(address, locale, text, locale === 'en' ? 3 : 4);
      await agentLine(page).waitFor();
      expect(await agentLine(page).locator('.author').textContent()).toBe('Ling');
      expect(await agentLine(page).locator('.bubble').textContent()).toBe(text);
      // The label sits above the bubble, and is read first.
      const [label, bubble] = await Promise.all([agentLine(page).locator('.author').boundingBox(), agentLine(page).locator('.bubble').boundingBox()]);
      expect(label!.y + label!.height).toBeLessThanOrEqual(bubble!.y + 1);
      expect(await agentLine(page).evaluate((li) => li.firstElementChild?.className)).toBe('author');
      // A screen reader hears who wrote it, since the name is no longer in the text.
      await expect.poll(() => page.locator('#redress-chat [aria-live=polite].sr').textContent()).toBe(`${announced} ${text}`);
      // The bot's own messages carry no label.
      expect(await page.locator('#redress-chat li.msg.bot:not(.agent_reply) .author').count()).toBe(0);
      // What a plain-text channel (Telegram) gets from the same message still names the agent.
      expect(sent.at(-1)).toMatchObject({ kind: 'agent_reply', text: `${prefix}${text}`, from: { name: 'Ling', text } });
      expect(await seriousAxeFindings(page)).toEqual([]);

      // After a reload the history comes from Redis: the label is still there.
      await page.reload();
      await page.locator('#redress-chat .launcher').waitFor();
      if (await page.locator('#redress-chat .panel').isHidden()) await page.locator('#redress-chat .launcher').click();
      await agentLine(page).waitFor();
      expect(await agentLine(page).locator('.author').textContent()).toBe('Ling');
      expect(await agentLine(page).locator('.bubble').textContent()).toBe(text);
      await page.close();
    }
  });
});
