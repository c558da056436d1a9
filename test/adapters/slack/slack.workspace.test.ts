// The Slack workspace end to end: the real core and the real Bolt over real HTTP with real signatures,
// against a local fake of the Slack Web API and a real redis-server.
import { describe, expect, it } from 'vitest';
import type { ComplaintDraft } from '../../../src/complaints/complaint.types.js';
import type { ConversationAddress } from '../../../src/messages/message.types.js';
import { eventually, startTestApp } from '../../helpers/test-app.js';
import { slackAppPerTest } from './slack-app.js';
import { liveMarkup, plainBody } from './slack-render.js';
import { SIGNING_SECRET, buttonClick, eventCallback, interaction, viewSubmission } from './slack-requests.js';

const QUEUE = 'CQUEUE01';
const SUPERVISORS = 'CSUPER01';
const AGENTS = [
  { id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500, slackUserId: 'ULING' },
  { id: 'a-omar', name: 'Omar', role: 'agent', compensationLimit: 500, slackUserId: 'UOMAR' },
  { id: 's-mei', name: 'Mei', role: 'supervisor', compensationLimit: 5000, slackUserId: 'UMEI' },
];

const s = slackAppPerTest({ agents: AGENTS });

const address = (id: string): ConversationAddress => ({ channel: 'test', conversationId: `c-${id}`, userId: id });
const draft = (description: string): ComplaintDraft => ({
  category: 'damaged_in_transit', orderId: null, description, evidence: [], desiredResolution: 'refund', locale: 'en', texts: [description],
});

/** Files a case and waits until it is posted to the queue channel; returns its id and the message ts. */
async function fileAndAnnounce(consumerId = 'u1', text = 'The lamp arrived SMASHED, this is outrageous!!! <!channel> <https://evil.example|click>') {
  const { complaint } = await s.t.app.core.complaints.submit(address(consumerId), `test:${consumerId}`, draft(text));
  let ts = '';
  await eventually(() => {
    const post = s.slack.of('chat.postMessage').find((c) => c.args.channel === QUEUE && !c.args.thread_ts && String(c.args.text).includes(complaint.id));
    ts = String(post?.result.ts ?? '');
    return ts;
  }, 'the case posted to the queue channel');
  return { id: complaint.id, ts };
}

const click = (user: string, action: string, id: string, ts: string, o?: Parameters<typeof interaction>[2]) => interaction(s.baseUrl, buttonClick(user, action, id, QUEUE, ts), o);
const ephemeralsTo = (user: string) => s.slack.of('chat.postEphemeral').filter((c) => c.args.user === user).map((c) => String(c.args.text));

describe('Slack workspace', () => {
  it('posts a new case to the queue channel as Block Kit, with user text escaped', async () => {
    const { id } = await fileAndAnnounce();
    const post = s.slack.of('chat.postMessage').find((c) => c.args.channel === QUEUE && String(c.args.text).includes(id))!;
    const blocks = post.args.blocks as Array<{ type: string; text?: { text: string }; elements?: Array<{ action_id?: string; value?: string }> }>;
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: `${id} · damaged in transit` } });
    const all = JSON.stringify(blocks);
    expect(plainBody(blocks)).toContain('<!channel> <https://evil.example|click>');
    expect(liveMarkup(blocks, String(post.args.text))).toEqual([]);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<https://evil');
    const actions = blocks.find((b) => b.type === 'actions')!;
    expect(actions.elements!.map((e) => e.action_id)).toContain('redress_claim');
    expect(actions.elements!.every((e) => e.value === id)).toBe(true);
  });

  it('a mapped agent claims with a signed click; a second agent is told who has it; strangers cannot act', async () => {
    const { id, ts } = await fileAndAnnounce();
    expect((await click('ULING', 'redress_claim', id, ts)).status).toBe(200);
    await eventually(async () => (await s.t.app.core.store.get(id))?.assigneeId === 'a-ling', 'Ling owns the case');
    await eventually(() => s.slack.of('chat.update').some((c) => c.args.ts === ts && JSON.stringify(c.args.blocks).includes('Ling')), 'the queue message updated');
    await eventually(() => s.slack.of('chat.postMessage').some((c) => c.args.thread_ts === ts && String(c.args.text).includes('Claimed by Ling')), 'a claim line in the thread');

    await click('UOMAR', 'redress_claim', id, ts);
    await eventually(() => ephemeralsTo('UOMAR').some((x) => x.includes('Ling already claimed')), 'Omar told Ling has it');

    await click('USTRANGER', 'redress_claim', id, ts);
    await eventually(() => ephemeralsTo('USTRANGER').some((x) => x.includes('not a registered Redress agent')), 'stranger refused');
    expect((await s.t.app.core.store.get(id))?.assigneeId).toBe('a-ling');
  });

  it('a claim whose thread line Slack refuses is still saved; the refusal is recorded on the case, not retried in vain', async () => {
    const { id, ts } = await fileAndAnnounce();
    s.slack.failNext('chat.postMessage', 'not_in_channel', { when: (a) => String(a.text).includes('Claimed by') });
    await click('ULING', 'redress_claim', id, ts);
    await eventually(async () => (await s.t.app.core.store.get(id))?.assigneeId === 'a-ling', 'the claim saved');
    await eventually(async () => (await s.t.app.core.store.timeline(id)).some((e) => e.type === 'side_effect_failed' && String(e.data?.summary).includes('not_in_channel')), 'the refusal on the timeline');
    expect(ephemeralsTo('ULING').filter((x) => /not saved|could not/i.test(x))).toEqual([]);
  });

  it('refuses forged signatures and stale timestamps with 401, and nothing happens', async () => {
    const { id, ts } = await fileAndAnnounce();
    const forged = await click('ULING', 'redress_claim', id, ts, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const stale = await click('ULING', 'redress_claim', id, ts, { timestampS: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect((await s.t.app.core.store.get(id))?.status).toBe('queued');
    expect(s.slack.of('chat.update')).toHaveLength(0);
  });

  it("an agent's reply in the case thread reaches the consumer; the consumer's messages land in the thread", async () => {
    const { id, ts } = await fileAndAnnounce('u2');
    await click('ULING', 'redress_claim', id, ts);
    await eventually(async () => (await s.t.app.core.store.get(id))?.status === 'claimed', 'claimed');
    expect((await eventCallback(s.baseUrl, { type: 'message', channel: QUEUE, user: 'ULING', text: 'A new lamp ships today &amp; you keep the old one', ts: `${Date.now() / 1000}`, thread_ts: ts, channel_type: 'channel' })).status).toBe(200);
    await eventually(() => s.t.channel.outbox.some((m) => m.address.conversationId === 'c-u2' && (m.message.text ?? '').includes('A new lamp ships today & you keep the old one')), 'the reply delivered to the consumer');
    // Bot messages and edits are not replies.
    await eventCallback(s.baseUrl, { type: 'message', subtype: 'message_changed', channel: QUEUE, ts: `${Date.now() / 1000}`, thread_ts: ts, message: { text: 'edited' } });
    await eventCallback(s.baseUrl, { type: 'message', channel: QUEUE, bot_id: 'BBOT', user: 'UBOT', text: 'from a bot', ts: `${Date.now() / 1000}`, thread_ts: ts });
    // Not echoed back into the thread it came from.
    await new Promise((r) => setTimeout(r, 300));
    expect(s.slack.of('chat.postMessage').filter((c) => String(c.args.text).includes('A new lamp'))).toHaveLength(0);
    // A Slack retry of the same delivery is not a second reply; `//` makes an internal note instead.
    const retried = { type: 'message', channel: QUEUE, user: 'ULING', text: 'Second message', ts: `${Date.now() / 1000}`, thread_ts: ts };
    await eventCallback(s.baseUrl, retried, { eventId: 'EvRETRY1' });
    await eventCallback(s.baseUrl, retried, { eventId: 'EvRETRY1' });
    await eventCallback(s.baseUrl, { ...retried, text: '// consumer sounds like a reseller' });
    // Slack delivers events independently: wait for both the reply and the note, in whichever order they land.
    await eventually(async () => {
      const types = (await s.t.app.core.store.timeline(id)).map((e) => e.type);
      return types.includes('internal_note') && types.filter((x) => x === 'agent_reply').length >= 2;
    }, 'the second reply and the note saved');
    const timeline = await s.t.app.core.store.timeline(id);
    expect(timeline.filter((e) => e.type === 'agent_reply').map((e) => e.data?.text)).toEqual(['A new lamp ships today & you keep the old one', 'Second message']);
    expect(timeline.find((e) => e.type === 'internal_note')?.data?.text).toBe('consumer sounds like a reseller');
    expect(s.t.channel.outbox.some((m) => (m.message.text ?? '').includes('reseller'))).toBe(false);
    expect(s.slack.of('chat.postMessage').some((c) => String(c.args.text).includes('reseller'))).toBe(false);

    await s.t.app.core.complaints.consumerMessage('test:u2', id, 'Thanks, when will it arrive? <!channel>');
    await eventually(() => s.slack.of('chat.postMessage').some((c) => c.args.thread_ts === ts && String(c.args.text).includes('*Consumer (for <@ULING>):* Thanks, when will it arrive? &lt;!channel&gt;')), "the consumer's message in the thread, mentioning its owner");
  });

  it('Propose… opens a modal; over the limit the modal shows the error; Escalate… alerts the supervisor channel', async () => {
    const { id, ts } = await fileAndAnnounce('u3');
    await click('ULING', 'redress_claim', id, ts);
    await eventually(async () => (await s.t.app.core.store.get(id))?.status === 'claimed', 'claimed');
    await click('ULING', 'redress_propose', id, ts);
    await eventually(() => s.slack.of('views.open').some((c) => (c.args.view as { private_metadata: string }).private_metadata === id), 'the propose modal');

    const values = (amount: string) => ({
      resolution: { value: { type: 'static_select', selected_option: { value: 'refund', text: { type: 'plain_text', text: 'refund' } } } },
      amount: { value: { type: 'number_input', value: amount } },
      text: { value: { type: 'plain_text_input', value: 'A full refund' } },
    });
    const over = await interaction(s.baseUrl, viewSubmission('ULING', 'redress_propose_view', id, values('900')));
    expect(over.status).toBe(200);
    expect(JSON.parse(over.text)).toMatchObject({ response_action: 'errors', errors: { amount: expect.stringContaining('limit') } });
    expect((await s.t.app.core.store.get(id))?.status).toBe('claimed');

    const ok = await interaction(s.baseUrl, viewSubmission('ULING', 'redress_propose_view', id, values('120')));
    expect(ok.status).toBe(200);
    await eventually(async () => (await s.t.app.core.store.get(id))?.status === 'resolution_proposed', 'proposed');

    await click('ULING', 'redress_escalate', id, ts);
    await eventually(() => s.slack.of('views.open').some((c) => (c.args.view as { callback_id: string }).callback_id === 'redress_escalate_view'), 'the escalate modal');
    await interaction(s.baseUrl, viewSubmission('ULING', 'redress_escalate_view', id, { reason: { value: { type: 'plain_text_input', value: 'Consumer threatens <!here> the press' } } }));
    await eventually(() => s.slack.of('chat.postMessage').some((c) => c.args.channel === SUPERVISORS && String(c.args.text).includes(`${id} escalated by Ling`)), 'the escalation alert');
    const alert = s.slack.of('chat.postMessage').find((c) => c.args.channel === SUPERVISORS)!;
    expect(String(alert.args.text)).toContain('&lt;!here&gt;');
  });

  it('a worker-role process posts through the Web API alone (no /slack/events there)', async () => {
    const worker = await startTestApp(s.redis.url, {
      SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_QUEUE_CHANNEL: QUEUE, SLACK_API_URL: s.slack.url, AGENTS: JSON.stringify(AGENTS),
    }, { role: 'worker' });
    try {
      expect(worker.app.core.workspaces.ids()).toEqual(['recording', 'console', 'slack']);
      const { complaint } = await worker.app.core.complaints.submit(address('w1'), 'test:w1', draft('Parcel never came'));
      await eventually(() => s.slack.of('chat.postMessage').some((c) => String(c.args.text).includes(complaint.id)), 'the worker posted the case');
    } finally {
      await worker.app.close();
    }
  });
});
