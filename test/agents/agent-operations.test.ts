import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/messages/message.types.js';
import { ProgressNotifier } from '../../src/progress/progress-notifier.js';
import { TestRedis } from '../helpers/redis-server.js';
import { AGENTS, address, createCore, draft, expectCode, type Core } from '../complaints/core-fixture.js';

const server = new TestRedis();
let core: Core;
let sent: OutboundMessage[];

beforeAll(() => server.start());
afterAll(() => server.destroy());
beforeEach(async () => {
  core = await createCore(server.url);
  sent = [];
  const names = new Map(Object.values(AGENTS).map((a) => [a.id, a.name]));
  const notifier = new ProgressNotifier(async (_c, m) => { sent.push(m); }, { timeZone: 'UTC', agentName: async (id) => names.get(id) ?? id, reviewMs: 86_400_000 });
  core.events.on((n) => notifier.onChange(n));
});
afterEach(() => core.close());

async function queued() {
  return (await core.service.submit(address(), 'c-1', draft())).complaint.id;
}
async function claimedBy(agentId: string) {
  const id = await queued();
  await core.ops.claim(agentId, id);
  return id;
}
const timeline = (id: string) => core.store.timeline(id);

describe('who may act', () => {
  it('an unknown agent can do nothing', async () => {
    const id = await queued();
    await expectCode(core.ops.claim('a-nobody', id), 'agent.not_found');
    await expectCode(core.ops.reply('a-nobody', id, 'hi'), 'agent.not_found');
    await expectCode(core.ops.note('a-nobody', id, 'hi'), 'agent.not_found');
    await expectCode(core.ops.escalate('a-nobody', id, 'why'), 'agent.not_found');
    await expectCode(core.ops.transfer('a-nobody', id, AGENTS.ling.id), 'agent.not_found');
    expect(await timeline(id)).toHaveLength(3);
  });

  it('of 20 agents claiming one case at once, exactly one wins', async () => {
    const id = await queued();
    const ids = Array.from({ length: 20 }, (_, i) => `a-${i}`);
    for (const a of ids) await core.agents.upsert({ id: a, name: a, role: 'agent', compensationLimit: 100 });
    const results = await Promise.allSettled(ids.map((a) => core.ops.claim(a, id)));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    const winner = (await core.store.require(id)).assigneeId;
    expect(winner).toBe((won[0] as PromiseFulfilledResult<{ assigneeId: string }>).value.assigneeId);
    for (const r of lost) {
      expect(r.reason).toMatchObject({ code: 'complaint.already_claimed', details: { id, owner: winner } });
    }
    const t = await timeline(id);
    expect(t.filter((e) => e.type === 'claimed')).toHaveLength(1);
    expect(t.filter((e) => e.type === 'claimed')[0]?.actor.id).toBe(winner);
    expect(sent.filter((m) => m.text.includes('has taken your case'))).toHaveLength(1);
  });

  it('a claimed case cannot be claimed again, not even by its owner', async () => {
    const id = await claimedBy(AGENTS.ling.id);
    const e1 = await expectCode(core.ops.claim(AGENTS.omar.id, id), 'complaint.already_claimed');
    expect(e1.details).toEqual({ id, owner: AGENTS.ling.id });
    await expectCode(core.ops.claim(AGENTS.ling.id, id), 'complaint.already_claimed');
  });

  it('only the owner replies, proposes, resolves, investigates and releases', async () => {
    const id = await claimedBy(AGENTS.ling.id);
    await expectCode(core.ops.reply(AGENTS.omar.id, id, 'hi'), 'complaint.not_owner');
    await expectCode(core.ops.propose(AGENTS.omar.id, id, { text: 'refund', resolution: 'refund' }), 'complaint.not_owner');
    await expectCode(core.ops.resolve(AGENTS.omar.id, id), 'complaint.not_owner');
    await expectCode(core.ops.investigate(AGENTS.omar.id, id), 'complaint.not_owner');
    await expectCode(core.ops.release(AGENTS.omar.id, id), 'complaint.not_owner');
    const other = (await core.service.submit(address('c2'), 'c-2', draft({ orderId: 'ORD-2' }))).complaint.id;
    await expectCode(core.ops.reply(AGENTS.ling.id, other, 'hi'), 'complaint.not_owner');
    expect((await timeline(id)).filter((e) => e.type === 'agent_reply')).toHaveLength(0);
    // the owner may
    await core.ops.reply(AGENTS.ling.id, id, 'Looking at it.');
    expect((await core.store.require(id)).status).toBe('claimed');
  });

  it('a supervisor may act on anyone\'s case', async () => {
    const id = await claimedBy(AGENTS.ling.id);
    await core.ops.reply(AGENTS.sue.id, id, 'Supervisor here.');
    const c = await core.ops.resolve(AGENTS.sue.id, id, 'Refunded.');
    expect(c.status).toBe('resolved');
    expect(c.assigneeId).toBe(AGENTS.ling.id);
  });

  it('release puts the case back in the queue for anyone', async () => {
    const id = await claimedBy(AGENTS.ling.id);
    const c = await core.ops.release(AGENTS.ling.id, id);
    expect(c).toMatchObject({ status: 'queued', assigneeId: null });
    expect((await core.ops.claim(AGENTS.omar.id, id)).assigneeId).toBe(AGENTS.omar.id);
  });
});

describe('proposals and limits', () => {
  it('a proposal over the agent\'s limit needs a supervisor', async () => {
    const id = await claimedBy(AGENTS.ling.id);
    const err = await expectCode(core.ops.propose(AGENTS.ling.id, id, { text: 'refund', resolution: 'compensation', amount: 501 }), 'agent.over_limit');
    expect(err.details).toEqual({ amount: 501, limit: 500 });
    expect((await core.store.require(id)).status).toBe('claimed');
    const atLimit = await core.ops.propose(AGENTS.ling.id, id, { text: 'refund', resolution: 'compensation', amount: 500 });
    expect(atLimit.proposal).toMatchObject({ amount: 500, proposedBy: AGENTS.ling.id });
    await core.ops.investigate(AGENTS.ling.id, id, 'rechecking');
    // What the agent said they would check stays on the timeline with the status change.
    const investigated = (await core.store.timeline(id)).filter((e) => e.type === 'status_changed').at(-1);
    expect(investigated?.data).toEqual({ note: 'rechecking', from: 'resolution_proposed', to: 'investigating' });
    const c = await core.ops.propose(AGENTS.sue.id, id, { text: 'Goodwill payment', resolution: 'compensation', amount: 2000 });
    expect(c.status).toBe('resolution_proposed');
    expect(c.proposal).toMatchObject({ amount: 2000, proposedBy: AGENTS.sue.id, text: 'Goodwill payment' });
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects amount %s', async (amount) => {
    const id = await claimedBy(AGENTS.ling.id);
    await expectCode(core.ops.propose(AGENTS.sue.id, id, { text: 'x', resolution: 'refund', amount }), 'input.invalid_amount');
  });

  it('empty and over-long texts are refused', async () => {
    const id = await claimedBy(AGENTS.ling.id);
    await expectCode(core.ops.reply(AGENTS.ling.id, id, '   '), 'input.invalid');
    await expectCode(core.ops.reply(AGENTS.ling.id, id, 'x'.repeat(4001)), 'input.too_large');
  });
});

describe('transfer, notes, escalation', () => {
  it('only a supervisor transfers; the new owner may then act and the old one may not', async () => {
    const id = await claimedBy(AGENTS.ling.id);
    await expectCode(core.ops.transfer(AGENTS.ling.id, id, AGENTS.omar.id), 'agent.not_authorised');
    await expectCode(core.ops.transfer(AGENTS.sue.id, id, 'a-nobody'), 'agent.not_found');
    const c = await core.ops.transfer(AGENTS.sue.id, id, AGENTS.omar.id);
    expect(c.assigneeId).toBe(AGENTS.omar.id);
    expect((await timeline(id)).at(-1)).toMatchObject({ type: 'transferred', data: { from: AGENTS.ling.id, to: AGENTS.omar.id } });
    await expectCode(core.ops.reply(AGENTS.ling.id, id, 'hi'), 'complaint.not_owner');
    await core.ops.reply(AGENTS.omar.id, id, 'Omar here.');
    expect(sent.map((m) => m.text)).toContain(`Your case ${id} is now with Omar, who has the full history — you won't need to repeat anything.`);
  });

  it('internal notes are kept on the timeline and never reach the consumer', async () => {
    const id = await claimedBy(AGENTS.ling.id);
    const before = sent.length;
    expect(before).toBeGreaterThan(0); // the claim did notify: the notifier is wired
    await core.ops.note(AGENTS.ling.id, id, 'Consumer sounds like a reseller; check order history.');
    expect(sent).toHaveLength(before);
    expect((await timeline(id)).at(-1)).toMatchObject({ type: 'internal_note', actor: { kind: 'agent', id: AGENTS.ling.id } });
    await core.ops.reply(AGENTS.ling.id, id, 'We are checking.');
    expect(sent).toHaveLength(before + 1);
    expect(sent.at(-1)).toMatchObject({ kind: 'agent_reply', text: 'Ling: We are checking.', from: { name: 'Ling', text: 'We are checking.' } });
  });

  it('escalate raises the tier and alerts the supervisors', async () => {
    const id = await claimedBy(AGENTS.ling.id);
    const before = await core.store.require(id);
    expect(before.triage.tier).toBe('low');
    const c = await core.ops.escalate(AGENTS.ling.id, id, 'consumer threatens the press');
    expect(c.status).toBe('escalated');
    expect(c.triage.tier).toBe('medium');
    expect(c.triage.priority).toBe(Math.min(100, before.triage.priority + 20));
    expect(c.triage.reasons.at(-1)).toContain('consumer threatens the press');
    expect(core.workspace.alerts).toEqual([expect.objectContaining({ kind: 'escalated', complaintId: id })]);
    expect(core.workspace.alerts[0]?.text).toContain('Ling');
    expect((await timeline(id)).map((e) => e.type).slice(-2)).toEqual(['escalated', 'status_changed']);
    // a senior (supervisor) takes it over from escalated
    const taken = await core.ops.claim(AGENTS.sue.id, id);
    expect(taken).toMatchObject({ status: 'claimed', assigneeId: AGENTS.sue.id });
  });

  it('escalating twice is illegal and alerts nobody the second time', async () => {
    const id = await claimedBy(AGENTS.ling.id);
    await core.ops.escalate(AGENTS.ling.id, id, 'one');
    await expectCode(core.ops.escalate(AGENTS.ling.id, id, 'two'), 'complaint.illegal_transition');
    expect(core.workspace.alerts).toHaveLength(1);
  });
});
