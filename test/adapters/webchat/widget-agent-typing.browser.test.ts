/**
 * The widget's side of "Ling is typing…" in real headless Chromium: agent-typing signals published on the
 * conversation's fan-out channel (as the console's typing route does) show the agent's name in the consumer's
 * language, a refresh keeps it, and it goes on a stop, on the agent's reply, after 8 s without a refresh and
 * when the connection drops.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishAgentTyping } from '../../../adapters/webchat/index.js';
import type { ConversationAddress } from '../../../src/messages/message.types.js';
import { redisKeys } from '../../../src/redis/redis-keys.js';
import { randomPrefix, TestRedis } from '../../helpers/redis-server.js';
import { sleep, startServer, type Started } from './webchat-harness.js';
import { launchChromium } from './widget-browser.js';

const redis = new TestRedis();
const prefix = randomPrefix();
let s: Started;
let browser: Browser;

beforeAll(async () => {
  await redis.start();
  s = await startServer(redis.url, prefix);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await redis.destroy();
});

async function openAndSay(page: Page, path: string, on: Started = s): Promise<ConversationAddress> {
  const before = on.bot.received.length;
  await page.goto(`${on.base}${path}`);
  await page.locator('#redress-chat .launcher').click();
  await page.locator('#redress-chat textarea').fill('hello');
  await page.locator('#redress-chat textarea').press('Enter');
  await expect.poll(() => on.bot.received.length).toBeGreaterThan(before);
  const { conversationId, userId } = on.bot.received.at(-1)!.address;
  // The bot's own turn is over (its typing line gone) before the agent starts.
  await page.locator('#redress-chat .typing').waitFor({ state: 'hidden' });
  return { channel: 'webchat', conversationId, userId };
}

const typing = (conversationId: string, on: boolean) => publishAgentTyping(s.redis, redisKeys(prefix), conversationId, { on, name: 'Ling' });

describe("an agent's typing in the widget", () => {
  it('says "Ling 正在输入…" in Chinese, goes on a stop and on the agent\'s reply', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(8000);
    const line = page.locator('#redress-chat .typing');
    const { conversationId, ...rest } = await openAndSay(page, '/?lang=zh');
    await typing(conversationId, true);
    await line.waitFor({ state: 'visible' });
    expect((await line.textContent())?.trim()).toBe('Ling 正在输入…');
    await typing(conversationId, false);
    await line.waitFor({ state: 'hidden' });

    await typing(conversationId, true);
    await line.waitFor({ state: 'visible' });
    await s.channel.send({ conversationId, ...rest }, { kind: 'agent_reply', text: 'Ling：新的花瓶今天寄出。', from: { name: 'Ling', text: '新的花瓶今天寄出。' } });
    await page.locator('#redress-chat li.msg.bot', { hasText: '新的花瓶今天寄出' }).waitFor();
    await line.waitFor({ state: 'hidden' });
    await page.close();
  }, 30_000);

  it('goes 8 s after the last refresh', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(8000);
    const line = page.locator('#redress-chat .typing');
    const { conversationId } = await openAndSay(page, '/');
    await typing(conversationId, true);
    await line.waitFor({ state: 'visible' });
    expect((await line.textContent())?.trim()).toBe('Ling is typing…');
    await sleep(5000);
    await typing(conversationId, true);
    await sleep(5000);
    // 10 s after the first signal but 5 s after the refresh: still there.
    expect(await line.isVisible()).toBe(true);
    await line.waitFor({ state: 'hidden', timeout: 5000 });

    await page.close();
  }, 40_000);

  it('goes when the connection drops', async () => {
    const own = await startServer(redis.url, prefix);
    const page = await browser.newPage();
    page.setDefaultTimeout(8000);
    const line = page.locator('#redress-chat .typing');
    const { conversationId } = await openAndSay(page, '/', own);
    await typing(conversationId, true);
    await line.waitFor({ state: 'visible' });
    await own.close();
    await expect.poll(() => page.locator('#redress-chat .status').textContent()).toContain('Reconnecting');
    expect(await line.isHidden()).toBe(true);
    await page.close();
  }, 30_000);
});
