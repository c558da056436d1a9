/** A whole Redress with Slack on, against the fake Web API, for end-to-end Slack tests. */
import type { AddressInfo } from 'node:net';
import type { ComplaintDraft } from '../../../src/complaints/complaint.types.js';
import type { ConversationAddress } from '../../../src/messages/message.types.js';
import { eventually, startTestApp, type TestApp } from '../../helpers/test-app.js';
import type { FakeSlack, SlackCall } from './fake-slack.js';
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
  return { t, baseUrl: `http://127.0.0.1:${(t.app.http.server.address() as AddressInfo).port}` };
}

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
