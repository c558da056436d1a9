// Texts at the input limits and with many lines, through the real core, Bolt and Web API client against a
// fake that refuses what Slack refuses: each arrives whole (or, past what one message holds, clearly cut).
import { describe, expect, it } from 'vitest';
import { eventually } from '../../helpers/test-app.js';
import type { FakeSlack } from './fake-slack.js';
import { SUPERVISORS, fileAndAnnounce, refused, slackAppPerTest, threadLines } from './slack-app.js';
import { HOSTILE, liveMarkup, plainBody } from './slack-render.js';
import { buttonClick, interaction, viewSubmission } from './slack-requests.js';

const s = slackAppPerTest();

/** `chars` characters in lines of ~`width`, with characters that escaping would lengthen. */
function longText(chars: number, width = 60): string {
  const words: string[] = [];
  for (let i = 0; words.join(' ').length < chars; i++) words.push(i % 9 === 8 ? `&<>${i}\n` : `word${i}`);
  return words.join(' ').replace(/(.{1,60})( |$)/g, (_m, l: string) => `${l}\n`.slice(0, width + 1)).slice(0, chars).trimEnd();
}

const lineWith = (slack: FakeSlack, ts: string, label: string) => threadLines(s.slack, ts).find((c) => String(c.args.text).includes(label));

describe('Slack texts at the limits', () => {
  it('a 4,000-character description with many lines reaches the queue channel whole', async () => {
    const description = longText(4000, 30);
    expect(description.split('\n').length).toBeGreaterThan(100);
    const { post } = await fileAndAnnounce(s.t, s.slack, 'u1', description);
    expect(plainBody(post.args.blocks)).toBe(description);
    expect(refused(s.slack)).toEqual([]);
  });

  it('a 3,000-character proposal and escalation reason (the modal maximum) arrive whole in the thread and the supervisors\' alert', async () => {
    const { id, ts } = await fileAndAnnounce(s.t, s.slack, 'u2', 'Lamp broken');
    await interaction(s.baseUrl, buttonClick('ULING', 'redress_claim', id, 'CQUEUE01', ts));
    await eventually(async () => (await s.t.app.core.store.get(id))?.status === 'claimed', 'claimed');
    const proposal = longText(3000);
    const sub = await interaction(s.baseUrl, viewSubmission('ULING', 'redress_propose_view', id, {
      resolution: { value: { type: 'static_select', selected_option: { value: 'refund', text: { type: 'plain_text', text: 'refund' } } } },
      amount: { value: { type: 'number_input', value: '20' } }, text: { value: { type: 'plain_text_input', value: proposal } },
    }));
    expect(sub.text).toBe('');
    await eventually(() => lineWith(s.slack, ts, 'proposed'), 'the proposal line');
    expect(plainBody(lineWith(s.slack, ts, 'proposed')!.args.blocks)).toBe(proposal);

    const reason = longText(3000, 20);
    await interaction(s.baseUrl, viewSubmission('ULING', 'redress_escalate_view', id, { reason: { value: { type: 'plain_text_input', value: reason } } }));
    await eventually(() => lineWith(s.slack, ts, 'Escalated by'), 'the escalation line');
    expect(plainBody(lineWith(s.slack, ts, 'Escalated by')!.args.blocks)).toBe(reason);
    await eventually(() => s.slack.ok('chat.postMessage').find((c) => c.args.channel === SUPERVISORS), "the supervisors' alert");
    const alert = s.slack.ok('chat.postMessage').find((c) => c.args.channel === SUPERVISORS)!;
    expect(plainBody(alert.args.blocks)).toBe(`🚨 ${id} escalated by Ling: ${reason}`);
    expect(refused(s.slack)).toEqual([]);
  });

  it('4,000-character notes and replies (the core limit, over Slack\'s 3,000) arrive whole, and the next line too', async () => {
    const { id, ts } = await fileAndAnnounce(s.t, s.slack, 'u3', 'Parcel never came');
    await s.t.app.core.agentOps.claim('a-ling', id);
    const note = longText(4000);
    const reply = longText(4000, 25);
    await s.t.app.core.agentOps.note('a-ling', id, note);
    await s.t.app.core.agentOps.reply('a-ling', id, reply);
    await s.t.app.core.complaints.consumerMessage('test:u3', id, 'Thanks');
    await eventually(() => lineWith(s.slack, ts, 'Thanks'), "the consumer's next message");
    expect(plainBody(lineWith(s.slack, ts, '(note)')!.args.blocks)).toBe(note);
    expect(plainBody(lineWith(s.slack, ts, 'to the consumer')!.args.blocks)).toBe(reply);
    expect(refused(s.slack)).toEqual([]);
  });

  it("consumer text that tries to format, mention or link renders inert everywhere", async () => {
    const { id, ts, post } = await fileAndAnnounce(s.t, s.slack, 'u4', HOSTILE);
    expect(liveMarkup(post.args.blocks, String(post.args.text))).toEqual([]);
    expect(plainBody(post.args.blocks)).toBe(HOSTILE);
    await s.t.app.core.complaints.consumerMessage('test:u4', id, HOSTILE);
    await eventually(() => lineWith(s.slack, ts, 'Consumer'), "the consumer's message in the thread");
    const line = lineWith(s.slack, ts, 'Consumer')!;
    expect(liveMarkup(line.args.blocks, String(line.args.text))).toEqual([]);
    expect(plainBody(line.args.blocks)).toBe(HOSTILE);
  });
});
