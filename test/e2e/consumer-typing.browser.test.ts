/**
 * "Zoë is typing…" on the agent's case page, across two processes: the consumer's widget (real Chromium, signed in
 * through the shop's identity, which names her) is connected to process A, the console is served by process B, and
 * the typing signal crosses through Redis pub/sub. Only the case's owner and supervisors hear it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/redis/redis-connection.js';
import { AgentClient } from '../adapters/console/console-client.js';
import { SseReader } from '../adapters/console/sse-reader.js';
import { Client } from '../adapters/webchat/webchat-harness.js';
import { TestRedis } from '../helpers/redis-server.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';
import { ConsoleDriver, fileComplaint, launchChromium, WidgetDriver } from './browser-drivers.js';

const LING = { id: 'a-ling', name: 'Ling', password: 'pw-ling-123', role: 'agent' };
const BO = { id: 'a-bo', name: 'Bo', password: 'pw-bo-12345', role: 'agent' };
const SUE = { id: 's-sue', name: 'Sue', password: 'pw-sue-12345', role: 'supervisor' };
const IDENTITY_SECRET = 'e2e-identity-secret-0123456789abcdef';
// The shop's name claim, with a bidi override and markup: cleaned of the one, shown as text with the other.
const SIGNED_NAME = 'Zoë \u202e<b>Quist</b>';
const SHOWN_NAME = 'Zoë <b>Quist</b>';
const redis = new TestRedis();
const uploads = mkdtempSync(join(tmpdir(), 'redress-e2e-consumer-typing-'));
const ENV = {
  AGENTS: JSON.stringify([LING, BO, SUE].map((x) => ({ ...x, compensationLimit: 500 }))),
  WEBCHAT_SESSION_SECRET: 'e2e-webchat-session-secret-0123456789',
  WEBCHAT_IDENTITY_SECRET: IDENTITY_SECRET,
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

/** The shop's own site (its own origin) embedding the widget from process A for its signed-in user, as a real shop would. */
let shop: Server;
async function shopPage(c: BrowserContext): Promise<WidgetDriver> {
  const { port } = shop.address() as AddressInfo;
  return WidgetDriver.open(c, `http://127.0.0.1:${port}/orders`, problems);
}

async function startShop(): Promise<Server> {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const sig = await new SignJWT({ sub: 'zoe-77', name: SIGNED_NAME }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(exp).sign(new TextEncoder().encode(IDENTITY_SECRET));
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body><h1>My orders</h1>
<script src="${base(a)}/widget.js" data-locale="en" data-user-id="zoe-77" data-user-signature="${sig}" async></script></body></html>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

beforeAll(async () => {
  await redis.start();
  [a, browser] = await Promise.all([startTestApp(redis.url, ENV), launchChromium()]);
  b = await startTestApp(redis.url, ENV, { prefix: a.prefix });
  shop = await startShop();
}, 60_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  expect(problems.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => shop?.close(resolve));
  await b?.app.close();
  await a?.app.close();
  await redis.destroy();
  rmSync(uploads, { recursive: true, force: true });
});

describe('the consumer typing, shown to the agents on the case', () => {
  it('shows "<name> is typing…" to the owner on process B, to a supervisor, never to another agent; hidden on the message and on a stop', async () => {
    const widget = await shopPage(await context());
    const id = await fileComplaint(widget, 'en', { first: 'My parcel arrived broken, the box was smashed', order: 'MM-240815-004', description: 'The glass vase is shattered.' });

    const ling = await ConsoleDriver.login(await context(), base(b), LING.id, LING.password, problems);
    // The shop's name for her reaches the queue row and the case page, as text.
    await ling.queueRow(id).getByText(SHOWN_NAME, { exact: true }).waitFor();
    await ling.openCase(id);
    await ling.claim();
    await ling.page.locator('#details dd', { hasText: SHOWN_NAME }).waitFor();
    expect(await ling.page.locator('#details b').count()).toBe(0);
    await widget.botSays(`${LING.name} has taken your case ${id}`);

    const [sue, bo] = await Promise.all([AgentClient.login(base(b), SUE.id, SUE.password), AgentClient.login(base(b), BO.id, BO.password)]);
    const [sueLive, boLive] = await Promise.all([SseReader.open(`${base(b)}/console/events`, sue.cookie), SseReader.open(`${base(b)}/console/events`, bo.cookie)]);
    const typingLine = ling.page.locator('#consumer-typing');
    expect(await typingLine.isHidden()).toBe(true);

    const input = widget.root.locator('textarea');
    await input.pressSequentially('It was a gift for my mother', { delay: 20 });
    await typingLine.waitFor({ state: 'visible' });
    expect(await typingLine.textContent()).toBe(`${SHOWN_NAME} is typing…`);
    await sueLive.waitFor((e) => e.event === 'consumer_typing' && (e.data as { complaintId: string; on: boolean }).complaintId === id);

    // Her message hides it (the case's change arrives on the same stream).
    await input.press('Enter');
    await ling.page.locator('#conversation .msg-text', { hasText: 'It was a gift for my mother' }).waitFor();
    await typingLine.waitFor({ state: 'hidden' });

    // Typing again, then leaving the box: a stop.
    await input.pressSequentially('And', { delay: 20 });
    await typingLine.waitFor({ state: 'visible' });
    await input.blur();
    await typingLine.waitFor({ state: 'hidden' });
    await sueLive.waitFor((e) => e.event === 'consumer_typing' && (e.data as { on: boolean }).on === false);

    // Bo, a plain agent who does not own the case, heard nothing of it (Sue's stream had every signal by now).
    expect(boLive.events.filter((e) => e.event === 'consumer_typing')).toEqual([]);
    sueLive.close();
    boLive.close();
  }, 150_000);

  it('a socket types only for its own conversation, at most one start per 2 s per session, and a stop only after a start', async () => {
    const heard: Array<{ kind: string; conversationId?: string; on?: boolean }> = [];
    const sub = createRedis({ url: redis.url });
    sub.on('message', (_c: string, raw: string) => heard.push(JSON.parse(raw) as (typeof heard)[number]));
    await sub.subscribe(a.app.core.keys.console.events());
    try {
      const victim = await Client.open(`${base(a).replace('http', 'ws')}/webchat/ws`);
      const victimConversation = (await victim.hello()).conversationId;
      const mallory = await Client.open(`${base(a).replace('http', 'ws')}/webchat/ws`);
      const own = (await mallory.hello()).conversationId;
      // A field naming another conversation is not part of the frame: the signal is about her own conversation.
      for (let i = 0; i < 10; i++) mallory.send({ type: 'typing', on: true, conversationId: victimConversation });
      mallory.send({ type: 'typing', on: false });
      mallory.send({ type: 'typing', on: false });
      mallory.send({ type: 'ping' });
      await mallory.next('pong');
      await eventually(() => heard.length >= 2, 'the start and the stop');
      await new Promise((r) => setTimeout(r, 200));
      expect(heard.map((h) => [h.kind, h.conversationId, h.on])).toEqual([['consumer_typing', own, true], ['consumer_typing', own, false]]);
      // A typing frame is never answered, not even with an error, and a malformed one is an ordinary bad frame.
      mallory.send({ type: 'typing', on: 'yes' });
      expect((await mallory.next('error')).code).toBe('input.invalid');
      victim.ws.close();
      mallory.ws.close();
    } finally {
      sub.disconnect();
    }
  }, 30_000);
});
