/** A whole Redress with Slack on, against the fake Web API, for end-to-end Slack tests. */
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { ComplaintDraft } from '../../../src/complaints/complaint.types.js';
import type { ConversationAddress } from '../../../src/messages/message.types.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { eventually, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { startFakeSlack, type FakeSlack, type SlackCall } from './fake-slack.js';
import { SIGNING_SECRET } from './slack-requests.js';

export const QUEUE = 'CQUEUE01';
export const SUPERVISORS = 'CSUPER01';
export const AGENTS = [
  { id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500, slackUserId: 'ULING' },
  { id: 's-mei', name: 'Mei', role: 'supervisor', compensationLimit: 5000, slackUserId: 'UMEI' },
];

export const slackEnv = (slack: FakeSlack) => ({
  SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_QUEUE_CHANNEL: QUEUE,
  SLACK_SUPERVISOR_CHANNEL: SUPERVISORS, SLACK_API_URL: slack.url, AGENTS: JSON.stringify(AGENTS),
});

/** A Redress app on the fake Slack; `agents` replaces the default AGENTS, `env` adds settings. */
export async function startSlackApp(redisUrl: string, slack: FakeSlack, agents: readonly object[] = AGENTS, env: Record<string, string> = {}): Promise<{ t: TestApp; baseUrl: string }> {
  const t = await startTestApp(redisUrl, { ...slackEnv(slack), AGENTS: JSON.stringify(agents), ...env });
  return { t, baseUrl: urlOf(t) };
}

/** Where the app listens (port 0 picked a free one). */
export const urlOf = (t: TestApp): string => `http://127.0.0.1:${(t.app.http.server.address() as AddressInfo).port}`;

type SlackTestEnv = Record<string, string> | ((slack: FakeSlack) => Record<string, string>);

export interface SlackAppOptions {
  /** Replaces the default AGENTS. */
  agents?: readonly object[];
  /** Settings added to (or overriding) the Slack env; a function gets the test's fake Slack. */
  env?: SlackTestEnv;
  /** `false` leaves SLACK_SUPERVISOR_CHANNEL unset. */
  supervisorChannel?: boolean;
  /** `false`: the hooks start only Redis and the fake; a test then calls `s.start(env)` itself. */
  startApp?: boolean;
}

/** The live set-up of the current test; reading a per-test part outside a test throws. */
export interface SlackTestHandle {
  readonly redis: TestRedis;
  readonly slack: FakeSlack;
  readonly t: TestApp;
  readonly baseUrl: string;
  /** Starts the app inside a test (with `startApp: false`); `env` is added after the options' env. */
  start(env?: Record<string, string>): Promise<void>;
}

/**
 * Registers the per-file Redis and the per-test fake Slack + app; read `s.t`, `s.slack`, `s.baseUrl` inside tests.
 * @example const s = slackAppPerTest({ agents: AGENTS, env: { PUBLIC_URL: 'https://redress.example.com' } });
 */
export function slackAppPerTest(opts: SlackAppOptions = {}): SlackTestHandle {
  const redis = new TestRedis();
  let slack: FakeSlack | undefined;
  let app: { t: TestApp; baseUrl: string } | undefined;
  const live = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`slackAppPerTest: ${what} exists only inside a test${what === 'the app' && opts.startApp === false ? ', after s.start()' : ''}`);
    return value;
  };
  const start = async (extra: Record<string, string> = {}) => {
    const fake = live(slack, 'the fake Slack');
    if (app) throw new Error('slackAppPerTest: the app is already started in this test');
    const env = { ...(typeof opts.env === 'function' ? opts.env(fake) : opts.env), ...extra };
    const base = opts.supervisorChannel === false ? withoutSupervisors(slackEnv(fake)) : slackEnv(fake);
    const t = await startTestApp(redis.url, { ...base, AGENTS: JSON.stringify(opts.agents ?? AGENTS), ...env });
    app = { t, baseUrl: urlOf(t) };
  };

  beforeAll(async () => { await redis.start(); });
  afterAll(async () => { await redis.destroy(); });
  beforeEach(async () => {
    slack = await startFakeSlack();
    if (opts.startApp !== false) await start();
  });
  afterEach(async () => {
    const [running, fake] = [app, slack];
    app = undefined;
    slack = undefined;
    await running?.t.app.close();
    await fake?.close();
  });

  return {
    redis,
    get slack() { return live(slack, 'the fake Slack'); },
    get t() { return live(app, 'the app').t; },
    get baseUrl() { return live(app, 'the app').baseUrl; },
    start,
  };
}

const withoutSupervisors = (env: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter(([key]) => key !== 'SLACK_SUPERVISOR_CHANNEL'));

export const address = (id: string): ConversationAddress => ({ channel: 'test', conversationId: `c-${id}`, userId: id });
export const draft = (description: string): ComplaintDraft => ({
  category: 'damaged_in_transit', orderId: null, description, evidence: [], desiredResolution: 'refund', locale: 'en', texts: [description],
});

/** Files a case through the core and waits until Slack accepted its queue message. */
export async function fileAndAnnounce(t: TestApp, slack: FakeSlack, consumerId: string, description: string): Promise<{ id: string; ts: string; post: SlackCall }> {
  const { complaint } = await t.app.core.complaints.submit(address(consumerId), `test:${consumerId}`, draft(description));
  let post: SlackCall | undefined;
  await eventually(() => (post = slack.ok('chat.postMessage').find((c) => c.args.channel === QUEUE && !c.args.thread_ts && String(c.args.text).includes(complaint.id))), `${complaint.id} accepted by Slack in the queue channel`);
  return { id: complaint.id, ts: String(post!.result.ts), post: post! };
}

/** Thread lines Slack accepted for the case message at `ts`. */
export const threadLines = (slack: FakeSlack, ts: string) => slack.ok('chat.postMessage').filter((c) => c.args.thread_ts === ts);

/** Calls Slack refused (none, in a run where everything fits). */
export const refused = (slack: FakeSlack) => slack.calls.filter((c) => c.result.ok !== true).map((c) => `${c.method}: ${String(c.result.error)}`);
