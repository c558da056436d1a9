// Issue 9 item 6 through the console's real HTTP API with real sessions (cookie + CSRF): the rules of
// src/agents/case-authority.ts and the strict amount parser, as a browser would meet them.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../adapters/console/console.mapper.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { AgentClient } from './console-client.js';
import { address, draft, startWorld, type World } from './console-fixture.js';

const server = new TestRedis();
let w: World;
let ling: AgentClient;
let omar: AgentClient;
let mei: AgentClient;
let n = 0;

beforeAll(async () => { await server.start(); });
beforeEach(async () => {
  w = await startWorld(server.url);
  [ling, omar, mei] = await Promise.all([
    AgentClient.login(w.baseUrl, 'a-ling', 'ling-pass'), AgentClient.login(w.baseUrl, 'a-omar', 'omar-pass'), AgentClient.login(w.baseUrl, 's-mei', 'mei-pass'),
  ]);
});
afterEach(async () => { await w.close(); });
afterAll(async () => { await server.destroy(); });

async function lingsCase(): Promise<string> {
  n += 1;
  const { complaint } = await w.complaints.submit(address(`c-${n}`), `c-${n}`, draft());
  expect((await ling.act(complaint.id, 'claim')).status).toBe(200);
  return complaint.id;
}

describe('console: only the owner or a supervisor acts', () => {
  it("a plain agent's note and escalation on another agent's case answer 403 and change nothing", async () => {
    const id = await lingsCase();
    const before = (await w.store.require(id)).version;
    const note = await omar.act(id, 'note', { text: 'not my case' });
    expect(note.status).toBe(403);
    expect(note.body.error).toMatchObject({ code: 'complaint.not_owner', details: { owner: 'a-ling' } });
    const esc = await omar.act(id, 'escalate', { reason: 'press' });
    expect(esc.status).toBe(403);
    expect(esc.body.error?.code).toBe('complaint.not_owner');
    expect((await w.store.require(id)).version).toBe(before);
    expect((await mei.act(id, 'note', { text: 'supervisor note' })).status).toBe(200);
    expect((await ling.act(id, 'escalate', { reason: 'press threat' })).status).toBe(200);
  });
});

describe('console: amounts', () => {
  it.each([
    ['true', true], ['[50]', [50]], ['"0x10"', '0x10'], ['""', ''], ['"1e3"', '1e3'], ['-5', -5], ['10.001', 10.001],
  ])('%s answers 400 input.invalid_amount with a clear message', async (_shown, amount) => {
    const id = await lingsCase();
    const res = await ling.act(id, 'propose', { text: 'refund', resolution: 'refund', amount });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'input.invalid_amount', details: { field: 'amount' } });
    expect(res.body.error?.message).toMatch(/^The amount .+ is not valid: it must be a positive number with at most two decimals/);
    expect((await w.store.require(id)).status).toBe('claimed');
  });

  it('a decimal string is taken as typed; the supervisor showing "limit 2000" cannot offer 999,999,999', async () => {
    const id = await lingsCase();
    const over = await mei.act(id, 'propose', { text: 'everything', resolution: 'compensation', amount: 999_999_999 });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: 'agent.over_limit', details: { amount: 999_999_999, limit: 2000 } });
    const ok = await ling.act<{ case: CaseDetail }>(id, 'propose', { text: 'refund', resolution: 'refund', amount: '120.50' });
    expect(ok.status).toBe(200);
    expect(ok.body.case.proposal?.amount).toBe(120.5);
  });
});

describe('console: resolve while a proposal waits', () => {
  it('is 409 for the owner, 403 for a plain agent overriding, 200 for a supervisor with a reason', async () => {
    const id = await lingsCase();
    expect((await ling.act(id, 'propose', { text: 'refund', resolution: 'refund', amount: 40 })).status).toBe(200);
    const refused = await ling.act(id, 'resolve', { summary: 'done' });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('complaint.proposal_pending');
    expect((await ling.act(id, 'resolve', { override: 'consumer agreed by phone' })).body.error?.code).toBe('agent.not_authorised');
    expect((await mei.act(id, 'resolve', {})).status).toBe(409);
    const ok = await mei.act<{ case: CaseDetail }>(id, 'resolve', { override: 'consumer agreed by phone' });
    expect(ok.status).toBe(200);
    expect(ok.body.case.status).toBe('resolved');
  });
});
