import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintChangeNotice } from '../../src/complaints/complaint-events.js';
import { RedressError } from '../../src/errors.js';
import { TestRedis } from '../helpers/redis-server.js';
import { AGENTS, address, createCore, draft, expectCode, type Core } from './core-fixture.js';

const server = new TestRedis();
let core: Core;
let notices: ComplaintChangeNotice[];

beforeAll(() => server.start());
afterAll(() => server.destroy());
beforeEach(async () => {
  core = await createCore(server.url);
  notices = [];
  core.events.on(async (n) => { notices.push(n); });
});
afterEach(() => core.close());

const types = async (id: string) => (await core.store.timeline(id)).map((e) => e.type);

async function proposed(consumerId = 'c-1') {
  const { complaint } = await core.service.submit(address(), consumerId, draft());
  await core.ops.claim(AGENTS.ling.id, complaint.id);
  await core.ops.propose(AGENTS.ling.id, complaint.id, { text: 'Full refund', resolution: 'refund', amount: 40 });
  return complaint.id;
}

describe('submit', () => {
  it('creates a queued complaint with a number, triage and the created/triaged/status_changed timeline', async () => {
    const { complaint, attached } = await core.service.submit(address(), 'c-1', draft());
    expect(attached).toBe(false);
    expect(complaint.id).toMatch(/^RD-\d{8}-0001$/);
    expect(complaint.status).toBe('queued');
    expect(complaint.version).toBe(1);
    expect(complaint.triage.deadlines.map((d) => d.kind)).toEqual(expect.arrayContaining(['first_response', 'dispatch']));
    expect(await core.store.get(complaint.id)).toEqual(complaint);
    const t = await core.store.timeline(complaint.id);
    expect(t.map((e) => e.type)).toEqual(['created', 'triaged', 'status_changed']);
    expect(t[2]?.data).toEqual({ from: 'intake', to: 'queued' });
    expect((await core.profiles.get('c-1'))?.complaintIds).toEqual([complaint.id]);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.previous).toBeNull();
  });

  it('a second submit about the same order with an open case attaches to it', async () => {
    const first = await core.service.submit(address(), 'c-1', draft({ texts: ['first'] }));
    const second = await core.service.submit(address(), 'c-1', draft({ texts: ['and the box was wet'], description: 'more', evidence: [{ kind: 'image', fileId: 'f1' }] }));
    expect(second.attached).toBe(true);
    expect(second.complaint.id).toBe(first.complaint.id);
    expect(second.complaint.texts).toEqual(['first', 'and the box was wet']);
    expect(second.complaint.evidence).toHaveLength(1);
    expect(await core.store.listByConsumer('c-1')).toHaveLength(1);
    expect(await types(first.complaint.id)).toEqual(['created', 'triaged', 'status_changed', 'attached']);
    expect(notices.at(-1)?.events.map((e) => e.type)).toEqual(['attached']);
  });

  it('opens a new case when the earlier one about the order is closed, or it is another consumer', async () => {
    const first = await core.service.submit(address(), 'c-1', draft());
    await core.service.cancel('c-1', first.complaint.id);
    const again = await core.service.submit(address(), 'c-1', draft());
    expect(again.attached).toBe(false);
    const other = await core.service.submit(address('conv-2'), 'c-2', draft());
    expect(other.attached).toBe(false);
    expect(new Set([first.complaint.id, again.complaint.id, other.complaint.id]).size).toBe(3);
  });

  it('attaches to the open case about the order when it is older than the consumer\'s 20 newest', async () => {
    const first = await core.service.submit(address(), 'c-1', draft({ orderId: 'ORD-OLD' }));
    for (let i = 0; i < 20; i++) await core.service.submit(address(), 'c-1', draft({ orderId: `ORD-${2000 + i}` }));
    const again = await core.service.submit(address(), 'c-1', draft({ orderId: 'ORD-OLD', texts: ['still nothing'] }));
    expect(again.attached).toBe(true);
    expect(again.complaint.id).toBe(first.complaint.id);
  });

  it('another consumer\'s open case about the order counts in triage and is not attached to', async () => {
    await core.service.submit(address(), 'c-1', draft());
    const other = await core.service.submit(address('conv-2'), 'c-2', draft());
    expect(other.attached).toBe(false);
    expect(other.complaint.triage.reasons.join('\n')).toMatch(/1 other open complaint\(s\) about the same order/);
  });
});

describe('submit when the case cannot be shown durable (redis.not_replicated)', () => {
  let failures = 0;
  let checked: string[] = [];
  const durable = async (c: { id: string }) => {
    checked.push(c.id);
    if (failures-- > 0) throw new RedressError('redis.not_replicated', 'not on a replica yet', { id: c.id });
  };
  beforeEach(async () => {
    await core.close();
    core = await createCore(server.url, { durable });
    checked = [];
  });

  it.each([
    ['a new case', draft({ orderId: null })],
    ['an attach to the open case about the order', draft({ texts: ['the box was wet too'] })],
  ])('%s: the failed confirm throws, and its retry returns the same case without writing a second', async (_, d) => {
    const earlier = d.orderId ? await core.service.submit(address(), 'c-1', draft({ texts: ['earlier'] })) : null;
    failures = 1;
    await expectCode(core.service.submit(address(), 'c-1', d), 'redis.not_replicated');
    const retry = await core.service.submit(address(), 'c-1', d);
    expect(retry.attached).toBe(!!earlier);
    if (earlier) expect(retry.complaint.id).toBe(earlier.complaint.id);
    expect(checked.slice(-2)).toEqual([retry.complaint.id, retry.complaint.id]);
    expect(await core.store.listByConsumer('c-1')).toHaveLength(1);
    expect((await types(retry.complaint.id)).filter((t) => t === 'attached')).toHaveLength(earlier ? 1 : 0);
  });
});

describe('consumer actions', () => {
  it('a consumer can only act on their own cases', async () => {
    const id = await proposed('c-1');
    await expectCode(core.service.requireOwn('c-2', id), 'consumer.not_owner');
    await expectCode(core.service.acceptProposal('c-2', id), 'consumer.not_owner');
    await expectCode(core.service.rejectProposal('c-2', id), 'consumer.not_owner');
    await expectCode(core.service.cancel('c-2', id), 'consumer.not_owner');
    await expectCode(core.service.consumerMessage('c-2', id, 'hi'), 'consumer.not_owner');
    await expectCode(core.service.rate('c-2', id, 5), 'consumer.not_owner');
    expect((await core.store.require(id)).status).toBe('resolution_proposed');
  });

  it('accept → resolved', async () => {
    const id = await proposed();
    const c = await core.service.acceptProposal('c-1', id);
    expect(c.status).toBe('resolved');
    expect((await types(id)).slice(-2)).toEqual(['proposal_accepted', 'status_changed']);
  });

  it('reject → in_review, with the reason', async () => {
    const id = await proposed();
    const c = await core.service.rejectProposal('c-1', id, 'too little');
    expect(c.status).toBe('in_review');
    const t = await core.store.timeline(id);
    expect(t.find((e) => e.type === 'proposal_rejected')?.data).toEqual({ reason: 'too little' });
  });

  it('accept or reject with no proposal on the table is illegal (a stale button)', async () => {
    const { complaint } = await core.service.submit(address(), 'c-1', draft());
    await core.ops.claim(AGENTS.ling.id, complaint.id);
    await expectCode(core.service.acceptProposal('c-1', complaint.id), 'complaint.illegal_transition');
    const id = await proposed('c-9');
    await core.ops.investigate(AGENTS.ling.id, id, 'checking again');
    await expectCode(core.service.acceptProposal('c-9', id), 'complaint.illegal_transition');
    await core.ops.escalate(AGENTS.ling.id, id, 'needs a senior');
    await expectCode(core.service.rejectProposal('c-9', id), 'complaint.illegal_transition');
    expect((await core.store.require(id)).status).toBe('escalated');
    expect((await core.store.require(complaint.id)).status).toBe('claimed');
  });

  it.each([[1, 'reopened'], [2, 'reopened'], [3, 'closed'], [5, 'closed']] as const)('rating %i → %s', async (score, status) => {
    const id = await proposed();
    await core.service.acceptProposal('c-1', id);
    const c = await core.service.rate('c-1', id, score, 'ok');
    expect(c.status).toBe(status);
    expect(c.rating).toMatchObject({ score, comment: 'ok' });
    expect((await core.store.timeline(id)).find((e) => e.type === 'rated')?.data).toEqual({ score, comment: 'ok' });
    expect((await core.profiles.get('c-1'))?.outcomes).toEqual({ [`rated_${score}`]: 1 });
  });

  it('stamps the rating with its change\'s own time, even on a clock that ticks between calls', async () => {
    // The closing message asks for a comment only for a rating made by that change (rating.at === event.at);
    // a millisecond tick between two clock reads once turned it into the plain "closed" text.
    let tick = Date.now();
    const ticking = await createCore(server.url, { now: () => ++tick });
    try {
      const { complaint } = await ticking.service.submit(address(), 'c-9', draft());
      await ticking.ops.claim(AGENTS.ling.id, complaint.id);
      await ticking.ops.propose(AGENTS.ling.id, complaint.id, { text: 'Full refund', resolution: 'refund', amount: 40 });
      await ticking.service.acceptProposal('c-9', complaint.id);
      const c = await ticking.service.rate('c-9', complaint.id, 4);
      const closed = (await ticking.store.timeline(complaint.id)).filter((e) => e.type === 'rated' || (e.type === 'status_changed' && e.data?.to === 'closed'));
      expect(closed).toHaveLength(2);
      expect(closed.map((e) => e.at)).toEqual([c.rating!.at, c.rating!.at]);
    } finally {
      await ticking.close();
    }
  });

  it.each([0, 6, 2.5, Number.NaN])('rejects rating %s', async (score) => {
    const id = await proposed();
    await core.service.acceptProposal('c-1', id);
    await expectCode(core.service.rate('c-1', id, score), 'input.invalid');
    expect((await core.store.require(id)).status).toBe('resolved');
  });

  it('cannot rate a case that is not resolved', async () => {
    const id = await proposed();
    await expectCode(core.service.rate('c-1', id, 5), 'complaint.illegal_transition');
  });

  it('rates once: a second press on the old rating buttons neither reopens nor rewrites it', async () => {
    const id = await proposed();
    await core.service.acceptProposal('c-1', id);
    await core.service.rate('c-1', id, 5);
    await expectCode(core.service.rate('c-1', id, 1), 'complaint.illegal_transition');
    const c = await core.store.require(id);
    expect(c.status).toBe('closed');
    expect(c.rating?.score).toBe(5);
    expect((await core.store.timeline(id)).filter((e) => e.type === 'rated')).toHaveLength(1);
  });

  it('consumer messages land on the timeline', async () => {
    const { complaint } = await core.service.submit(address(), 'c-1', draft());
    const c = await core.service.consumerMessage('c-1', complaint.id, 'any news?', [], 'test');
    expect(c.texts.at(-1)).toBe('any news?');
    expect((await core.store.timeline(complaint.id)).at(-1)).toMatchObject({ type: 'consumer_message', channel: 'test', data: { text: 'any news?' } });
  });
});

describe('SLA deadlines met', () => {
  const met = async (id: string) => (await core.store.timeline(id)).filter((e) => e.type === 'sla_met').map((e) => e.data?.kind);

  it('claim meets dispatch; an agent reply meets first_response', async () => {
    const { complaint } = await core.service.submit(address(), 'c-1', draft());
    expect(complaint.triage.tier).toBe('low');
    const claimed = await core.ops.claim(AGENTS.ling.id, complaint.id);
    expect(Object.keys(claimed.slaMet)).toEqual(['dispatch']);
    expect(await met(complaint.id)).toEqual(['dispatch']);
    const replied = await core.ops.reply(AGENTS.ling.id, complaint.id, 'Hello, I am on it.');
    expect(Object.keys(replied.slaMet).sort()).toEqual(['dispatch', 'first_response']);
    expect(await met(complaint.id)).toEqual(['dispatch', 'first_response']);
    // met once: a second reply does not stamp it again
    await core.ops.reply(AGENTS.ling.id, complaint.id, 'Still on it.');
    expect(await met(complaint.id)).toEqual(['dispatch', 'first_response']);
  });

  it('a proposal meets the plan of a medium case', async () => {
    const { complaint } = await core.service.submit(address(), 'c-1', draft({ category: 'quality_defect', texts: ['The kettle stopped working.'] }));
    expect(complaint.triage.tier).toBe('medium');
    await core.ops.claim(AGENTS.ling.id, complaint.id);
    const c = await core.ops.propose(AGENTS.ling.id, complaint.id, { text: 'A replacement', resolution: 'replacement' });
    expect(c.slaMet.plan).toEqual(expect.any(Number));
    expect(await met(complaint.id)).toEqual(['dispatch', 'first_response', 'plan']);
  });

  it('a proposal meets the report of a high case', async () => {
    const { complaint } = await core.service.submit(address(), 'c-1', draft({ category: 'counterfeit', texts: ['These are fakes.'] }));
    expect(complaint.triage.tier).toBe('high');
    await core.ops.claim(AGENTS.ling.id, complaint.id);
    const c = await core.ops.propose(AGENTS.ling.id, complaint.id, { text: 'Refund and a report', resolution: 'refund' });
    expect(c.slaMet.report).toEqual(expect.any(Number));
    expect(await met(complaint.id)).toContain('report');
  });
});
