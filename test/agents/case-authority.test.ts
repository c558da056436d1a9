/**
 * Issue 9 item 6: authority enforced in one place (src/agents/case-authority.ts), through the real
 * AgentOperations on a real Redis. Each rule here fails without its check.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseAgents } from '../../adapters/console/console-agents.seed.js';
import { TestRedis } from '../helpers/redis-server.js';
import { AGENTS, address, createCore, draft, expectCode, type Core } from '../complaints/core-fixture.js';

const server = new TestRedis();
let core: Core;
let n = 0;

beforeAll(() => server.start());
afterAll(() => server.destroy());
beforeEach(async () => { core = await createCore(server.url); });
afterEach(() => core.close());

async function queued(): Promise<string> {
  n += 1;
  return (await core.service.submit(address(`c${n}`), `c-${n}`, draft({ orderId: `ORD-${1000 + n}` }))).complaint.id;
}
async function claimedBy(agentId: string): Promise<string> {
  const id = await queued();
  await core.ops.claim(agentId, id);
  return id;
}
const version = async (id: string) => (await core.store.require(id)).version;

describe('only the owner or a supervisor acts on a case', () => {
  it("a plain agent cannot add a note to, or escalate, another agent's case", async () => {
    const id = await claimedBy(AGENTS.ling.id);
    const v = await version(id);
    const note = await expectCode(core.ops.note(AGENTS.omar.id, id, 'not mine'), 'complaint.not_owner');
    expect(String(note.message)).toContain('belongs to a-ling');
    await expectCode(core.ops.escalate(AGENTS.omar.id, id, 'not mine either'), 'complaint.not_owner');
    expect(await version(id)).toBe(v);
    expect((await core.store.require(id)).status).toBe('claimed');
    // the owner and a supervisor may
    await core.ops.note(AGENTS.ling.id, id, 'mine');
    await core.ops.note(AGENTS.sue.id, id, 'supervisor');
    expect((await core.ops.escalate(AGENTS.ling.id, id, 'press threat')).status).toBe('escalated');
  });

  it('an unclaimed case is claimed before a plain agent notes, escalates or replies on it', async () => {
    const id = await queued();
    for (const p of [core.ops.note(AGENTS.omar.id, id, 'x'), core.ops.escalate(AGENTS.omar.id, id, 'x'), core.ops.reply(AGENTS.omar.id, id, 'x')]) {
      const err = await expectCode(p, 'complaint.not_owner');
      expect(String(err.message)).toContain('claim it first');
    }
    expect((await core.ops.escalate(AGENTS.sue.id, id, 'looks serious')).status).toBe('escalated');
  });

  it('the check sees the case as it is written: after a transfer the old owner is refused', async () => {
    const id = await claimedBy(AGENTS.ling.id);
    await core.ops.transfer(AGENTS.sue.id, id, AGENTS.omar.id);
    await expectCode(core.ops.note(AGENTS.ling.id, id, 'late'), 'complaint.not_owner');
    await expectCode(core.ops.escalate(AGENTS.ling.id, id, 'late'), 'complaint.not_owner');
    await core.ops.note(AGENTS.omar.id, id, 'now mine');
  });
});

describe('compensation limits', () => {
  it('a supervisor has a limit of their own', async () => {
    const id = await claimedBy(AGENTS.ling.id);
    const err = await expectCode(core.ops.propose(AGENTS.sue.id, id, { text: 'a fortune', resolution: 'compensation', amount: 999_999_999 }), 'agent.over_limit');
    expect(err.details).toMatchObject({ amount: 999_999_999, limit: 5000 });
    await expectCode(core.ops.propose(AGENTS.sue.id, id, { text: 'just over', resolution: 'compensation', amount: 5000.01 }), 'agent.over_limit');
    expect((await core.store.require(id)).status).toBe('claimed');
    const ok = await core.ops.propose(AGENTS.sue.id, id, { text: 'at the limit', resolution: 'compensation', amount: 5000 });
    expect(ok.proposal?.amount).toBe(5000);
  });

  it('"unlimited" only when it is set, and only for supervisors', async () => {
    await core.agents.upsert({ id: 's-big', name: 'Big', role: 'supervisor', compensationLimit: 'unlimited' });
    const id = await claimedBy(AGENTS.ling.id);
    expect((await core.ops.propose('s-big', id, { text: 'all of it', resolution: 'compensation', amount: '999999999.99' })).proposal?.amount).toBe(999_999_999.99);
    const parsed = parseAgents(JSON.stringify([{ id: 's-x', name: 'X', role: 'supervisor' }, { id: 's-y', name: 'Y', role: 'supervisor', compensationLimit: 'unlimited' }]));
    expect(parsed.map((a) => a.compensationLimit)).toEqual([0, 'unlimited']);
    expect(() => parseAgents(JSON.stringify([{ id: 'a-x', name: 'X', role: 'agent', compensationLimit: 'unlimited' }]))).toThrow(/unlimited.*supervisors only/);
  });
});

describe('amounts are parsed strictly', () => {
  it.each([
    ['true', true], ['[50]', [50]], ['"0x10"', '0x10'], ['""', ''], ['"1e3"', '1e3'], ['-5', -5], ['10.001', 10.001],
    ['"12.345"', '12.345'], ['" 12"', ' 12'], ['"+5"', '+5'], ['"1,000"', '1,000'], ['{}', {}], ['1e21', 1e21],
  ])('%s is refused with input.invalid_amount and nothing is written', async (_shown, amount) => {
    const id = await claimedBy(AGENTS.ling.id);
    const v = await version(id);
    const err = await expectCode(core.ops.propose(AGENTS.ling.id, id, { text: 'refund', resolution: 'refund', amount }), 'input.invalid_amount');
    expect(String(err.message)).toMatch(/positive number with at most two decimals|at most/);
    expect(err.details).toEqual({ field: 'amount' });
    expect(await version(id)).toBe(v);
  });

  it.each([[25, 25], ['12.50', 12.5], [0.5, 0.5], ['300', 300], [undefined, 0], [0, 0]])('%s is accepted as %s', async (amount, expected) => {
    const id = await claimedBy(AGENTS.ling.id);
    expect((await core.ops.propose(AGENTS.ling.id, id, { text: 'refund', resolution: 'refund', amount })).proposal?.amount).toBe(expected);
  });
});

describe('resolve while a proposal waits for the consumer', () => {
  async function proposed(): Promise<string> {
    const id = await claimedBy(AGENTS.ling.id);
    await core.ops.propose(AGENTS.ling.id, id, { text: 'A full refund', resolution: 'refund', amount: 40 });
    return id;
  }

  it('is refused for the owner, and for a plain agent even with a reason', async () => {
    const id = await proposed();
    const err = await expectCode(core.ops.resolve(AGENTS.ling.id, id, 'done'), 'complaint.proposal_pending');
    expect(String(err.message)).toContain("waiting for the consumer's answer");
    expect(String(err.message)).not.toContain('resolution_proposed');
    await expectCode(core.ops.resolve(AGENTS.ling.id, id, 'done', 'consumer said yes on the phone'), 'agent.not_authorised');
    await expectCode(core.ops.resolve(AGENTS.sue.id, id, 'done', '   '), 'complaint.proposal_pending');
    expect((await core.store.require(id)).status).toBe('resolution_proposed');
  });

  it('a supervisor overrides with a reason, kept on the timeline', async () => {
    const id = await proposed();
    const c = await core.ops.resolve(AGENTS.sue.id, id, 'Refund paid', 'Consumer accepted by phone');
    expect(c.status).toBe('resolved');
    const last = (await core.store.timeline(id)).filter((e) => e.type === 'status_changed').at(-1);
    expect(last).toMatchObject({ actor: { id: AGENTS.sue.id }, data: { from: 'resolution_proposed', to: 'resolved', override: 'Consumer accepted by phone', summary: 'Refund paid' } });
  });

  it('once the consumer has answered, the owner resolves as usual', async () => {
    const id = await proposed();
    await core.service.rejectProposal((await core.store.require(id)).consumerId, id, 'not enough');
    expect((await core.ops.resolve(AGENTS.ling.id, id, 'settled')).status).toBe('resolved');
  });
});
