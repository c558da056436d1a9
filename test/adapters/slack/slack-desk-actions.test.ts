// Release, Transfer, Reopen and Resolve-while-a-proposal-waits from Slack, through real signed requests to the
// real Bolt receiver, the real core on a real redis-server, and the fake Web API (which refuses invalid modals).
import { describe, expect, it } from 'vitest';
import { eventually } from '../../helpers/test-app.js';
import { QUEUE, fileAndAnnounce, refused, slackAppPerTest, threadLines } from './slack-app.js';
import { buttonClick, interaction, viewSubmission } from './slack-requests.js';

const AGENTS = [
  { id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500, slackUserId: 'ULING' },
  { id: 'a-omar', name: 'Omar', role: 'agent', compensationLimit: 500, slackUserId: 'UOMAR' },
  { id: 's-mei', name: 'Mei', role: 'supervisor', compensationLimit: 5000, slackUserId: 'UMEI' },
];

const s = slackAppPerTest({ agents: AGENTS });

const click = (user: string, action: string, id: string, ts: string) => interaction(s.baseUrl, buttonClick(user, action, id, QUEUE, ts));
/** A click on a button in an ephemeral message (Slack sends no `message` for those). */
const clickEphemeral = (user: string, action: string, id: string) => {
  const p: Record<string, unknown> = { ...buttonClick(user, action, id, QUEUE, '0'), container: { type: 'message', message_ts: '0', channel_id: QUEUE, is_ephemeral: true } };
  delete p.message;
  return interaction(s.baseUrl, p);
};
const submit = async (user: string, callback: string, id: string, values: object) => JSON.parse((await interaction(s.baseUrl, viewSubmission(user, callback, id, values))).text || '{}') as { response_action?: string; errors?: Record<string, string> };
const reason = (text: string) => ({ reason: { value: { type: 'plain_text_input', value: text } } });
const status = async (id: string) => (await s.t.app.core.store.get(id))?.status;
const ephemeralsTo = (user: string) => s.slack.ok('chat.postEphemeral').filter((c) => c.args.user === user);
const buttonsOn = (ts: string) => {
  const last = s.slack.ok('chat.update').filter((c) => c.args.ts === ts).at(-1);
  const actions = (last?.args.blocks as Array<{ type: string; elements?: Array<{ action_id: string }> }> | undefined)?.find((b) => b.type === 'actions');
  return actions?.elements?.map((e) => e.action_id) ?? [];
};
const opened = (callback: string) => s.slack.ok('views.open').filter((c) => (c.args.view as { callback_id: string }).callback_id === callback);

async function claimed(consumer: string, by = 'ULING') {
  const c = await fileAndAnnounce(s.t, s.slack, consumer, 'The lamp arrived smashed');
  await click(by, 'redress_claim', c.id, c.ts);
  await eventually(async () => (await status(c.id)) === 'claimed', 'claimed');
  return c;
}

describe('Release and Transfer from Slack', () => {
  it('the owner releases the case back to the queue; the post offers Claim again', async () => {
    const { id, ts } = await claimed('d1');
    await eventually(() => buttonsOn(ts).includes('redress_release'), 'a Release button on the claimed case');
    await click('ULING', 'redress_release', id, ts);
    await eventually(async () => (await status(id)) === 'queued', 'released');
    expect((await s.t.app.core.store.get(id))?.assigneeId).toBeNull();
    await eventually(() => threadLines(s.slack, ts).some((c) => String(c.args.text).includes('Released by Ling')), 'the release line');
    await eventually(() => buttonsOn(ts).includes('redress_claim') && !buttonsOn(ts).includes('redress_release'), 'Claim offered again');
    // A stale Release (an old copy of the post) is refused in words, without the state machine's names: Ling is
    // told to claim it first, and a supervisor (who may act on any case) that it is back in the queue.
    await click('ULING', 'redress_release', id, ts);
    await eventually(() => ephemeralsTo('ULING').length, 'Ling told');
    expect(String(ephemeralsTo('ULING')[0]!.args.text)).toContain('claim it first');
    await click('UMEI', 'redress_release', id, ts);
    await eventually(() => ephemeralsTo('UMEI').length, 'Mei told');
    expect(String(ephemeralsTo('UMEI')[0]!.args.text)).toBe(`${id} is waiting in the queue now, so that can't be done any more; the case post shows what can.`);
  });

  it("another agent's Release is refused in plain words, and the case stays with its owner", async () => {
    const { id, ts } = await claimed('d2');
    await click('UOMAR', 'redress_release', id, ts);
    await eventually(() => ephemeralsTo('UOMAR').some((c) => /can't act on/.test(String(c.args.text))), 'Omar told why');
    expect((await s.t.app.core.store.get(id))?.assigneeId).toBe('a-ling');
  });

  it('Transfer… opens a picker of the agents; only a supervisor can transfer', async () => {
    const { id, ts } = await claimed('d3');
    await click('ULING', 'redress_transfer', id, ts);
    await eventually(() => opened('redress_transfer_view').length, 'the transfer modal');
    const view = opened('redress_transfer_view')[0]!.args.view as { blocks: Array<{ block_id?: string; element?: { options?: Array<{ value: string; text: { text: string } }> } }> };
    expect(view.blocks.find((b) => b.block_id === 'to')?.element?.options?.map((o) => o.text.text)).toEqual(['Ling', 'Mei (supervisor)', 'Omar']);

    const to = (agent: string) => ({ to: { value: { type: 'static_select', selected_option: { value: agent, text: { type: 'plain_text', text: agent } } } } });
    const byLing = await submit('ULING', 'redress_transfer_view', id, to('a-omar'));
    expect(byLing).toMatchObject({ response_action: 'errors', errors: { to: 'Only a supervisor can transfer a case.' } });
    expect((await s.t.app.core.store.get(id))?.assigneeId).toBe('a-ling');

    expect(await submit('UMEI', 'redress_transfer_view', id, to('a-omar'))).toEqual({});
    await eventually(async () => (await s.t.app.core.store.get(id))?.assigneeId === 'a-omar', 'Omar owns it');
    await eventually(() => threadLines(s.slack, ts).some((c) => String(c.args.text).includes('Transferred by Mei to Omar')), 'the transfer line');
    expect(refused(s.slack)).toEqual([]);
  });
});

describe('Resolve while a proposal waits, and Reopen', () => {
  async function proposed(consumer: string) {
    const c = await claimed(consumer);
    const values = {
      resolution: { value: { type: 'static_select', selected_option: { value: 'refund', text: { type: 'plain_text', text: 'refund' } } } },
      amount: { value: { type: 'number_input', value: '120' } },
      text: { value: { type: 'plain_text_input', value: 'A full refund' } },
    };
    expect(await submit('ULING', 'redress_propose_view', c.id, values)).toEqual({});
    await eventually(async () => (await status(c.id)) === 'resolution_proposed', 'proposed');
    return c;
  }

  it("the owner's Resolve is refused in plain words while the consumer has not answered", async () => {
    const { id, ts } = await proposed('r1');
    await click('ULING', 'redress_resolve', id, ts);
    await eventually(() => ephemeralsTo('ULING').length, 'Ling told');
    const told = ephemeralsTo('ULING')[0]!;
    expect(String(told.args.text)).toContain("waiting for the consumer's answer");
    expect(JSON.stringify(told.args.blocks ?? [])).not.toContain('redress_resolve_override');
    expect(await status(id)).toBe('resolution_proposed');

    // Even a hand-made override submission from a plain agent is refused by AgentOperations.
    const forged = await submit('ULING', 'redress_resolve_override_view', id, reason('consumer agreed by phone'));
    expect(forged.errors?.reason).toContain('Only a supervisor');
    expect(await status(id)).toBe('resolution_proposed');
  });

  it('a supervisor is offered "Resolve anyway…", which asks why (max_length set) and keeps the reason', async () => {
    const { id, ts } = await proposed('r2');
    await click('UMEI', 'redress_resolve', id, ts);
    await eventually(() => ephemeralsTo('UMEI').some((c) => JSON.stringify(c.args.blocks ?? []).includes('redress_resolve_override')), 'Mei offered the override');
    await clickEphemeral('UMEI', 'redress_resolve_override', id);
    await eventually(() => opened('redress_resolve_override_view').length, 'the override modal');
    const view = opened('redress_resolve_override_view')[0]!.args.view as { blocks: Array<{ block_id?: string; element?: { max_length?: number } }> };
    expect(view.blocks.find((b) => b.block_id === 'reason')?.element?.max_length).toBe(3000);

    expect((await submit('UMEI', 'redress_resolve_override_view', id, reason('   '))).errors?.reason).toMatch(/why/i);
    expect(await status(id)).toBe('resolution_proposed');
    expect(await submit('UMEI', 'redress_resolve_override_view', id, reason('Consumer accepted on the phone *today*'))).toEqual({});
    await eventually(async () => (await status(id)) === 'resolved', 'resolved');
    const entry = (await s.t.app.core.store.timeline(id)).find((e) => e.type === 'status_changed' && e.data?.to === 'resolved');
    expect(entry?.data?.override).toBe('Consumer accepted on the phone *today*');
    await eventually(() => threadLines(s.slack, ts).some((c) => JSON.stringify(c.args.blocks).includes('Consumer accepted on the phone *today*')), 'the reason in the thread');

    // Resolved: Reopen… is offered; a plain agent is refused, a supervisor reopens with a reason.
    await eventually(() => buttonsOn(ts).includes('redress_reopen'), 'a Reopen button');
    await click('UMEI', 'redress_reopen', id, ts);
    await eventually(() => opened('redress_reopen_view').length, 'the reopen modal');
    expect((await submit('ULING', 'redress_reopen_view', id, reason('wrong call'))).errors?.reason).toBe('Only a supervisor can reopen a case.');
    expect(await status(id)).toBe('resolved');
    expect(await submit('UMEI', 'redress_reopen_view', id, reason('The refund bounced'))).toEqual({});
    await eventually(async () => (await status(id)) === 'reopened', 'reopened');
    await eventually(() => threadLines(s.slack, ts).some((c) => String(c.args.text).includes('reopened') && JSON.stringify(c.args.blocks).includes('The refund bounced')), 'the reopen line with its reason');
    expect(refused(s.slack)).toEqual([]);
  });
});
