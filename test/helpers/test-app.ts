import type { AgentWorkspacePort } from '../../src/agents/agent-workspace.port.js';
import { loadConfig } from '../../src/config/config.js';
import { createApp, type RedressApp, type Role } from '../../src/composition/create-app.js';
import { silentLogger } from '../../src/logging/logger.js';
import type { ConversationAddress, InboundMessage } from '../../src/messages/message.types.js';
import { randomPrefix } from './redis-server.js';
import { RecordingWorkspace } from './recording-workspace.js';
import { TestChannel } from './test-channel.js';

export { RecordingWorkspace };

export interface TestApp {
  app: RedressApp;
  channel: TestChannel;
  workspace: RecordingWorkspace;
  prefix: string;
}

/** A whole Redress (every role) on a private Redis, with a test channel and a recording workspace. */
export async function startTestApp(redisUrl: string, env: Record<string, string> = {}, opts: { prefix?: string; role?: Role; channel?: TestChannel; workspaces?: AgentWorkspacePort[] } = {}): Promise<TestApp> {
  const prefix = opts.prefix ?? randomPrefix();
  const config = loadConfig({ REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env });
  const channel = opts.channel ?? new TestChannel();
  const workspace = new RecordingWorkspace();
  const app = await createApp(config, { logger: silentLogger, channels: [channel], workspaces: [workspace, ...(opts.workspaces ?? [])], role: opts.role });
  await app.start(0, '127.0.0.1');
  return { app, channel, workspace, prefix };
}

let seq = 0;
/** A consumer on the test channel: `say` sends a message (or presses a button) and waits for the replies. */
export function consumer(t: TestApp, userId = `u${Date.now()}${++seq}`) {
  const address: ConversationAddress = { channel: 'test', conversationId: `c-${userId}`, userId };
  const mine = () => t.channel.outbox.filter((m) => m.address.conversationId === address.conversationId);
  const send = async (m: Partial<InboundMessage>) => {
    await t.app.bot.handle({ id: `m${++seq}`, address, receivedAt: Date.now(), ...m });
  };
  return {
    address,
    consumerId: `test:${userId}`,
    messages: mine,
    last: () => mine().at(-1)?.message,
    say: (text: string) => send({ text }),
    press: (action: string) => send({ action }),
    send,
  };
}

/** Resolves once `check` returns truthy; fails with `what` after `ms`. */
export async function eventually(check: () => unknown | Promise<unknown>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Walks a consumer through the intake (damaged parcel, no photos) up to the summary, before the confirm. */
export async function walkToSummary(c: ReturnType<typeof consumer>, resolution = 'refund', order = 'A12345678'): Promise<void> {
  await c.say('The parcel arrived damaged and the box was crushed');
  await c.press('yes');
  await c.say(order);
  await c.say('The lamp base is cracked.');
  await c.press('skip');
  await c.press(resolution);
}

/** Walks a consumer through the whole intake (damaged parcel, no photos) and returns the complaint number. */
export async function fileComplaint(c: ReturnType<typeof consumer>, resolution = 'refund', order = 'A12345678'): Promise<string> {
  await walkToSummary(c, resolution, order);
  await c.press('confirm');
  const id = /RD-\d{8}-\d{4}/.exec(c.last()?.text ?? '')?.[0];
  if (!id) throw new Error(`no complaint number in "${c.last()?.text}"`);
  return id;
}
