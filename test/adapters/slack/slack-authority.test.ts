// Issue 9 item 6 as Slack shows it: the same authority rules as the console (src/agents/case-authority.ts),
// refused in words, through real Bolt with real signatures against the local fake Slack Web API.
import { describe, expect, it } from 'vitest';
import type { ComplaintDraft } from '../../../src/complaints/complaint.types.js';
import { eventually } from '../../helpers/test-app.js';
import { slackAppPerTest } from './slack-app.js';
import { buttonClick, eventCallback, interaction, viewSubmission } from './slack-requests.js';

const QUEUE = 'CQUEUE01';
const AGENTS = [
  { id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500, slackUserId: 'ULING' },
  { id: 'a-omar', name: 'Omar', role: 'agent', compensationLimit: 500, slackUserId: 'UOMAR' },
  { id: 's-mei', name: 'Mei', role: 'supervisor', compensationLimit: 5000, slackUserId: 'UMEI' },
];

const s = slackAppPerTest({ agents: AGENTS, supervisorChannel: false });

const draft = (description: string): ComplaintDraft => ({
  category: 'damaged_in_transit', orderId: null, description, evidence: [], desiredResolution: 'refund', locale: 'en', texts: [description],
});

/** A case claimed by Ling, posted to the queue channel: its id and message ts. */
async function lingsCase(consumer: string) {
  const { complaint } = await s.t.app.core.complaints.submit({ channel: 'test', conversationId: `c-${consumer}`, userId: consumer }, `test:${consumer}`, draft('The lamp arrived broken.'));
  const id = complaint.id;
  let ts = '';
  await eventually(() => (ts = String(s.slack.of('chat.postMessage').find((c) => c.args.channel === QUEUE && !c.args.thread_ts && String(c.args.text).includes(id))?.result.ts ?? '')), 'posted');
  await s.t.app.core.agentOps.claim('a-ling', id);
  return { id, ts };
}
const ephemeralsTo = (user: string) => s.slack.of('chat.postEphemeral').filter((c) => c.args.user === user).map((c) => String(c.args.text));
const proposal = (amount: string) => ({
  resolution: { value: { type: 'static_select', selected_option: { value: 'compensation', text: { type: 'plain_text', text: 'compensation' } } } },
  amount: { value: { type: 'number_input', value: amount } },
  text: { value: { type: 'plain_text_input', value: 'Goodwill payment' } },
});
const modalErrors = async (user: string, view: string, id: string, values: object) => {
  const res = await interaction(s.baseUrl, viewSubmission(user, view, id, values));
  expect(res.status).toBe(200);
  return (JSON.parse(res.text || '{}') as { errors?: Record<string, string> }).errors ?? {};
};

describe('Slack refuses what the authority rules refuse', () => {
  it("a `//` note and an escalation on another agent's case are refused and not saved", async () => {
    const { id, ts } = await lingsCase('u1');
    await eventCallback(s.baseUrl, { type: 'message', channel: QUEUE, user: 'UOMAR', text: '// looks like a reseller', ts: `${Date.now() / 1000}`, thread_ts: ts });
    await eventually(() => ephemeralsTo('UOMAR').some((x) => x.startsWith('Note not saved') && x.includes('belongs to Ling')), 'Omar told the note was not saved');
    const errors = await modalErrors('UOMAR', 'redress_escalate_view', id, { reason: { value: { type: 'plain_text_input', value: 'press threat' } } });
    expect(errors.reason).toContain('belongs to Ling');
    const timeline = await s.t.app.core.store.timeline(id);
    expect(timeline.some((e) => e.type === 'internal_note' || e.type === 'escalated')).toBe(false);
    expect((await s.t.app.core.store.require(id)).status).toBe('claimed');
  });

  it('amounts are parsed strictly and a supervisor is held to their own limit', async () => {
    const { id } = await lingsCase('u2');
    expect((await modalErrors('ULING', 'redress_propose_view', id, proposal('1e3'))).amount).toContain('positive number with at most two decimals');
    expect((await modalErrors('ULING', 'redress_propose_view', id, proposal('10.001'))).amount).toContain('at most two decimals');
    expect((await modalErrors('UMEI', 'redress_propose_view', id, proposal('999999999'))).amount).toContain('above your limit of 5000');
    expect((await s.t.app.core.store.require(id)).status).toBe('claimed');
    expect(await modalErrors('UMEI', 'redress_propose_view', id, proposal('4999.50'))).toEqual({});
    expect((await s.t.app.core.store.require(id)).proposal?.amount).toBe(4999.5);
  });

  it('Resolve is refused in words while a proposal waits for the consumer', async () => {
    const { id, ts } = await lingsCase('u3');
    await s.t.app.core.agentOps.propose('a-ling', id, { text: 'A full refund', resolution: 'refund', amount: 40 });
    await interaction(s.baseUrl, buttonClick('ULING', 'redress_resolve', id, QUEUE, ts));
    await eventually(() => ephemeralsTo('ULING').some((x) => x.includes("waiting for the consumer's answer")), 'Ling told why');
    expect(ephemeralsTo('ULING').join(' ')).not.toContain('resolution_proposed');
    expect((await s.t.app.core.store.require(id)).status).toBe('resolution_proposed');
  });
});
