// When Slack refuses: the start-up check names the fix, failures mid-run are logged with their code and
// case id and reported, one refused line never drops the next, and a retry posts nothing twice.
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackDeliveryError, checkSlackSetup, createSlackWorkspace, type SlackProblem, type SlackWorkspace } from '../../../adapters/slack/index.js';
import type { Complaint, TimelineEvent } from '../../../src/complaints/complaint.types.js';
import type { SlackConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/logging/logger.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { AGENTS, QUEUE, SUPERVISORS, address, draft, threadLines } from './slack-app.js';

const redis = new TestRedis();
let slack: FakeSlack;
let t: TestApp;
let ws: SlackWorkspace;
let config: SlackConfig;
let reported: SlackProblem[];
let logs: Array<Record<string, unknown>>;

function capturingLogger() {
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { logs.push(JSON.parse(chunk.toString()) as Record<string, unknown>); done(); } });
  return createLogger('info', sink);
}

beforeAll(async () => { await redis.start(); });
afterAll(async () => { await redis.destroy(); });
beforeEach(async () => {
  slack = await startFakeSlack();
  reported = [];
  logs = [];
  // Slack is not configured in the app itself: this test drives its own workspace, with a reporter.
  t = await startTestApp(redis.url, { AGENTS: JSON.stringify(AGENTS) });
  config = { botToken: 'xoxb-test-token', signingSecret: 's', queueChannel: QUEUE, supervisorChannel: SUPERVISORS, apiUrl: slack.url, command: '/redress' };
  const { redis: r, keys, agents } = t.app.core;
  ws = createSlackWorkspace({ redis: r, keys, agents, logger: capturingLogger(), slack: config, publicUrl: 'https://redress.example', reportProblem: async (p) => void reported.push(p) });
});
afterEach(async () => {
  await t.app.close();
  await slack.close();
});

const SECRET = 'my address is 12 Secret Street';
const file = async (id: string): Promise<Complaint> => (await t.app.core.complaints.submit(address(id), `test:${id}`, draft(`Broken lamp, ${SECRET}`))).complaint;
const failure = (p: Promise<unknown>) => p.then(() => null, (err: unknown) => err as SlackDeliveryError);
const queuePosts = () => slack.ok('chat.postMessage').filter((c) => c.args.channel === QUEUE && !c.args.thread_ts);
const tsOf = (id: string) => String(queuePosts().find((c) => String(c.args.text).includes(id))?.result.ts);
const ev = (type: TimelineEvent['type'], data: Record<string, unknown>, actor: TimelineEvent['actor'] = { kind: 'agent', id: 'a-ling' }): TimelineEvent => ({ at: Date.now(), type, actor, data });

describe('Slack start-up check', () => {
  it('passes when the token works and the bot is in both channels', async () => {
    const report = await checkSlackSetup({ slack: config, logger: capturingLogger() });
    expect(report).toEqual({ ok: true, botUser: 'redress', problems: [] });
    expect(slack.of('conversations.info').map((c) => c.args.channel)).toEqual([QUEUE, SUPERVISORS]);
  });

  it('names a missing queue channel and a supervisor channel the bot is not in, with how to fix each', async () => {
    slack.channel(QUEUE, 'missing');
    slack.channel(SUPERVISORS, 'outside');
    const report = await checkSlackSetup({ slack: config, logger: capturingLogger(), reportProblem: async (p) => void reported.push(p) });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).toEqual(['channel_not_found', 'not_in_channel']);
    expect(report.problems[0]!.text).toMatch(/SLACK_QUEUE_CHANNEL CQUEUE01.*invite @redress/);
    expect(report.problems[1]!.text).toMatch(/SLACK_SUPERVISOR_CHANNEL #channel-csuper01 \(CSUPER01\).*invite @redress/);
    expect(reported).toEqual(report.problems);
    expect(logs.filter((l) => l.level === 50).map((l) => l.code)).toEqual(['channel_not_found', 'not_in_channel']);
  });

  it('a bad token: says to check SLACK_BOT_TOKEN', async () => {
    slack.revokeToken();
    const report = await checkSlackSetup({ slack: config, logger: capturingLogger() });
    expect(report.problems).toEqual([{ code: 'invalid_auth', text: expect.stringContaining('check SLACK_BOT_TOKEN') }]);
  });
});

describe('Slack failures mid-run', () => {
  it('channel_not_found posting a case: thrown as permanent, logged with code and case id (no text), reported once', async () => {
    slack.channel(QUEUE, 'missing');
    const c = await file('f1');
    const err = await failure(ws.announceCase(c));
    expect(err).toBeInstanceOf(SlackDeliveryError);
    expect(err).toMatchObject({ code: 'channel_not_found', permanent: true, complaintId: c.id });
    await failure(ws.announceCase(c)); // the caller's retry: logged again, not reported again
    expect(reported).toEqual([{ code: 'channel_not_found', complaintId: c.id, text: expect.stringMatching(/CQUEUE01.*invite @Redress/) }]);
    const errors = logs.filter((l) => l.level === 50 && l.complaintId === c.id);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ code: 'channel_not_found', complaintId: c.id });
    expect(JSON.stringify(logs)).not.toContain('Secret Street');

    const other = await file('f1b'); // the same broken channel, another case: logged, not reported again
    await failure(ws.announceCase(other));
    expect(reported).toHaveLength(1);
    expect(logs.filter((l) => l.level === 50 && l.complaintId === other.id)).toHaveLength(1);

    slack.channel(QUEUE, 'member');
    await ws.announceCase(c);
    await ws.announceCase(c);
    await Promise.all([ws.announceCase(c), ws.announceCase(c)]);
    expect(queuePosts()).toHaveLength(1);
  });

  it('two processes announcing a new case at once post one queue message', async () => {
    const c = await file('f2');
    const results = await Promise.allSettled([ws.announceCase(c), ws.announceCase(c), ws.announceCase(c)]);
    expect(queuePosts()).toHaveLength(1);
    // The others are told to retry (transient), not that it failed for good.
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'slack_busy', permanent: false });
  });

  it('a refused line does not drop the next; the retried caseUpdated posts only what is missing, never twice', async () => {
    const c = await file('f3');
    await ws.announceCase(c);
    const ts = tsOf(c.id);
    const events = [
      ev('internal_note', { text: 'first line' }),
      ev('consumer_message', { text: 'second line' }, { kind: 'consumer', id: 'test:f3' }),
      ev('claimed', {}),
    ];
    slack.failNext('chat.postMessage', 'internal_error', { when: (a) => String(a.text).includes('first line') });
    const err = await failure(ws.caseUpdated(c, events));
    expect(err).toMatchObject({ code: 'internal_error', permanent: false, complaintId: c.id });
    expect(threadLines(slack, ts).map((l) => String(l.args.text))).toEqual([expect.stringContaining('second line'), expect.stringContaining('Claimed by Ling')]);

    await ws.caseUpdated(c, events);
    await ws.caseUpdated(c, events);
    await Promise.all([ws.caseUpdated(c, events), ws.caseUpdated(c, events)].map((p) => p.catch(() => undefined)));
    const texts = threadLines(slack, ts).map((l) => String(l.args.text));
    expect(texts).toHaveLength(3);
    expect(texts.filter((x) => x.includes('first line'))).toHaveLength(1);
    expect(reported).toEqual([]); // transient: retried, nobody needs to act
  });

  it('a line Slack refuses as invalid_blocks becomes a plain notice pointing at the console, and is reported', async () => {
    const c = await file('f4');
    await ws.announceCase(c);
    const ts = tsOf(c.id);
    slack.failNext('chat.postMessage', 'invalid_blocks', { when: (a) => String(a.text).includes('odd line') });
    await ws.caseUpdated(c, [ev('internal_note', { text: 'odd line' }), ev('claimed', {})]);
    const texts = threadLines(slack, ts).map((l) => String(l.args.text));
    expect(texts).toEqual([`⚠️ This update could not be shown in Slack (invalid_blocks); full text in the console: https://redress.example/console/cases/${c.id}.`, expect.stringContaining('Claimed by Ling')]);
    expect(reported).toMatchObject([{ code: 'invalid_blocks', complaintId: c.id }]);
  });

  it('not_in_channel on a thread post: thrown as permanent after every line was tried, logged and reported', async () => {
    const c = await file('f5');
    await ws.announceCase(c);
    slack.channel(QUEUE, 'outside');
    const err = await failure(ws.caseUpdated({ ...c, version: c.version + 1 }, [ev('internal_note', { text: 'a' }), ev('claimed', {})]));
    expect(err).toMatchObject({ code: 'not_in_channel', permanent: true, complaintId: c.id });
    expect(slack.of('chat.postMessage').filter((x) => x.args.thread_ts).length).toBe(2); // both lines tried
    expect(reported).toMatchObject([{ code: 'not_in_channel', complaintId: c.id, text: expect.stringContaining('invite @Redress') }]);
    expect(logs.some((l) => l.level === 50 && l.code === 'not_in_channel' && l.complaintId === c.id)).toBe(true);
  });

  it('Slack unreachable: a few quick retries, then slack_unreachable (not permanent, not reported) for the caller to retry', async () => {
    const c = await file('f6');
    await slack.close();
    const started = Date.now();
    expect(await failure(ws.announceCase(c))).toMatchObject({ code: 'slack_unreachable', permanent: false, complaintId: c.id });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(reported).toEqual([]);
    expect(logs.some((l) => l.level === 40 && l.code === 'slack_unreachable' && l.complaintId === c.id)).toBe(true);
  });

  it("the supervisors' alert: a missing channel is thrown and reported; once fixed it is posted once, however often retried", async () => {
    slack.channel(SUPERVISORS, 'missing');
    const alert = { kind: 'escalated' as const, complaintId: 'RD-20261201-0001', text: 'RD-20261201-0001 escalated by Ling: angry', at: Date.now() };
    expect(await failure(ws.alertSupervisors(alert))).toMatchObject({ code: 'channel_not_found', permanent: true });
    expect(reported).toMatchObject([{ code: 'channel_not_found', complaintId: alert.complaintId }]);
    slack.channel(SUPERVISORS, 'member');
    await ws.alertSupervisors(alert);
    await ws.alertSupervisors(alert);
    expect(slack.ok('chat.postMessage').filter((c) => c.args.channel === SUPERVISORS)).toHaveLength(1);
  });
});
