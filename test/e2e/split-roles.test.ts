/**
 * Redress as an operator runs it at scale: two `--role web` processes and one `--role worker` on one Redis,
 * each a real process. Widget consumers hold sockets on both web processes and file through the real dialog;
 * an agent works their cases from the console on the other web process; only the worker delivers. Then the
 * worker is killed (kill -9) in the middle of a burst of replies and restarted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalog.js';
import { AgentClient } from '../adapters/console/console-client.js';
import { Client } from '../adapters/webchat/webchat-harness.js';
import { eventually } from '../helpers/test-app.js';
import { randomPrefix, TestRedis } from '../helpers/redis-server.js';
import { RedressProcess } from '../helpers/redress-process.js';
import { fileComplaint, launchChromium, WidgetDriver } from './browser-drivers.js';

const AGENT = { id: 'a-ling', name: 'Ling', password: 'pw-ling-123' };
const CASE_ID = /RD-\d{8}-\d{4}/;
const redis = new TestRedis();
const uploads = mkdtempSync(join(tmpdir(), 'redress-split-up-'));
let web: RedressProcess[] = [];
let worker: RedressProcess;
let browser: Browser | undefined;

beforeAll(async () => {
  await redis.start();
  const env = {
    REDIS_URL: redis.url, REDIS_KEY_PREFIX: randomPrefix(), UPLOAD_DIR: uploads,
    AGENTS: JSON.stringify([{ id: AGENT.id, name: AGENT.name, role: 'agent', compensationLimit: 500, password: AGENT.password }]),
    WEBCHAT_SESSION_SECRET: 'split-webchat-session-secret-0123456789',
    CONSOLE_SESSION_SECRET: 'split-console-session-secret-0123456789abcdef',
  };
  web = [new RedressProcess('web', env), new RedressProcess('web', env)];
  worker = new RedressProcess('worker', env);
  await Promise.all([...web, worker].map((p) => p.start()));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([...web, worker].map((p) => p.stop(true)));
  await redis.destroy();
  rmSync(uploads, { recursive: true, force: true });
});

/** A widget consumer on a raw socket: each turn waits for the bot's next message, as a person reads before typing. */
class SocketConsumer {
  private n = 0;
  constructor(readonly client: Client, readonly name: string) {}

  static async connect(process: RedressProcess, name: string): Promise<SocketConsumer> {
    const client = await Client.open(`${process.url.replace('http', 'ws')}/webchat/ws`, process.url);
    await client.hello({ locale: 'en' });
    return new SocketConsumer(client, name);
  }

  bot(): ReturnType<Client['msgs']> {
    return this.client.msgs().filter((m) => m.from === 'bot');
  }

  async turn(frame: { text?: string; action?: string }): Promise<void> {
    const replies = await this.client.turn(frame, { clientId: `${this.name}-${++this.n}`, timeoutMs: 15_000 });
    if (!replies.length) throw new Error(`no answer from the bot to ${JSON.stringify(frame)} on ${this.name}`);
  }

  async file(order: string): Promise<string> {
    await this.turn({ text: 'The parcel arrived damaged and the box was crushed' });
    await this.turn({ action: 'yes' });
    await this.turn({ text: order });
    await this.turn({ text: 'The lamp base is cracked.' });
    await this.turn({ action: 'skip' });
    await this.turn({ action: 'refund' });
    await this.turn({ action: 'confirm' });
    await eventually(() => this.bot().some((m) => CASE_ID.test(m.text)), 'the complaint number', 15_000);
    return CASE_ID.exec(this.bot().find((m) => CASE_ID.test(m.text))!.text)![0];
  }

  /** Bot messages about the case after it was filed, in the order the consumer saw them. */
  after(id: string): string[] {
    const msgs = this.bot();
    const filed = msgs.findIndex((m) => m.text.includes(id));
    return msgs.slice(filed + 1).map((m) => m.text);
  }
}

const CONSUMERS = 20;
let consumers: SocketConsumer[] = [];
let ids: string[] = [];
let agents: AgentClient[] = [];

describe('two web processes and a worker on one Redis', () => {
  it('consumers on both web processes file through the dialog and get every claim notice, reply and proposal in order', async () => {
    consumers = await Promise.all(Array.from({ length: CONSUMERS }, (_, i) => SocketConsumer.connect(web[i % 2]!, `c${i}`)));
    ids = await Promise.all(consumers.map((c, i) => c.file(`SPLIT-${String(i).padStart(4, '0')}`)));
    expect(new Set(ids).size).toBe(CONSUMERS);
    agents = await Promise.all(web.map((p) => AgentClient.login(p.url, AGENT.id, AGENT.password)));
    // The agent works each case on the web process that does not hold the consumer's socket.
    await Promise.all(ids.map(async (id, i) => {
      const agent = agents[(i + 1) % 2]!;
      expect((await agent.act(id, 'claim')).status).toBe(200);
      for (const k of [1, 2, 3]) expect((await agent.act(id, 'reply', { text: `Reply ${k} on ${id}` })).status).toBe(200);
      expect((await agent.act(id, 'propose', { text: 'A full refund', resolution: 'refund', amount: 20 })).status).toBe(200);
    }));
    await Promise.all(consumers.map((c, i) => eventually(() => c.after(ids[i]!).length >= 5, `5 updates for ${ids[i]} on ${c.name}\n${worker.log}`, 30_000)));
    consumers.forEach((c, i) => {
      const seen = c.after(ids[i]!);
      expect(seen).toHaveLength(5);
      expect(seen[0]).toMatch(new RegExp(`${AGENT.name} has (personally )?taken your case ${ids[i]}`));
      expect(seen.slice(1, 4)).toEqual([1, 2, 3].map((k) => expect.stringContaining(`Reply ${k} on ${ids[i]}`)));
      expect(seen[4]).toContain(ids[i]);
    });
    expect(consumers.flatMap((c) => c.bot().filter((m) => m.expects === 'choice' && m.choices?.some((x) => x.value.startsWith('accept:'))))).toHaveLength(CONSUMERS);
  }, 120_000);

  it('a consumer in Chromium on one web process sees the agent working from the other', async () => {
    browser = await launchChromium();
    const problems: string[] = [];
    const widget = await WidgetDriver.open(await browser.newContext({ viewport: { width: 1280, height: 800 } }), `${web[0]!.url}/`, problems);
    const id = await fileComplaint(widget, 'en', { first: 'My parcel arrived broken, the box was smashed', order: 'MM-240815-777', description: 'The teapot is cracked.' });
    const agent = agents[1]!;
    expect((await agent.act(id, 'claim')).status).toBe(200);
    await widget.botSays(new RegExp(`${AGENT.name} has (personally )?taken your case ${id}`), 20_000);
    expect((await agent.act(id, 'reply', { text: 'We are on it: a courier report by tonight.' })).status).toBe(200);
    await widget.botSays('We are on it: a courier report by tonight.', 20_000);
    expect((await agent.act(id, 'propose', { text: 'A full refund', resolution: 'refund', amount: 20 })).status).toBe(200);
    await widget.root.locator('button.chip', { hasText: t('en', 'progress.accept') }).last().waitFor({ timeout: 20_000 });
    expect(problems).toEqual([]);
  }, 90_000);

  it('the worker killed (kill -9) mid-burst of 100 replies: after its restart each reply reaches its consumer exactly once, in order', async () => {
    const before = consumers.map((c, i) => c.after(ids[i]!).length);
    const burst = ids.flatMap((id, i) => [1, 2, 3, 4, 5].map((k) => ({ id, i, k })));
    const sent = Promise.all(ids.map(async (id, i) => {
      for (const k of [1, 2, 3, 4, 5]) expect((await agents[i % 2]!.act(id, 'reply', { text: `Burst ${k} on ${id}` })).status).toBe(200);
    }));
    // Kill the worker once some replies have reached consumers and others are still on their way.
    await eventually(() => consumers.some((c, i) => c.after(ids[i]!).length > before[i]!), 'the first burst reply delivered', 20_000);
    await worker.stop();
    await sent;
    const delivered = consumers.reduce((n, c, i) => n + c.after(ids[i]!).length - before[i]!, 0);
    expect(delivered).toBeLessThan(burst.length);
    await worker.start();
    await Promise.all(consumers.map((c, i) => eventually(() => c.after(ids[i]!).length >= before[i]! + 5, `5 burst replies on ${c.name}`, 60_000)));
    // Anything late or doubled would show up within a moment more.
    await new Promise((r) => setTimeout(r, 1000));
    consumers.forEach((c, i) => {
      expect(c.after(ids[i]!).slice(before[i]!)).toEqual([1, 2, 3, 4, 5].map((k) => expect.stringContaining(`Burst ${k} on ${ids[i]}`)));
    });
  }, 120_000);
});
