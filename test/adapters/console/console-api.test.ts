// The JSON API the page uses: agent operations over real HTTP, real core, real redis-server.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail, ConversationEntry, QueueRow } from '../../../adapters/console/console.mapper.js';
import type { TimelineEntry } from '../../../adapters/console/console-timeline.mapper.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { AgentClient } from './console-client.js';
import { address, draft, startWorld, type World } from './console-fixture.js';

interface CaseBody { case: CaseDetail; conversation: ConversationEntry[]; timeline: TimelineEntry[]; history: { profile: { complaintIds: string[] } | null; pastCases: { id: string }[] } }

const server = new TestRedis();
let w: World;
let ling: AgentClient;
let omar: AgentClient;
let mei: AgentClient;

beforeAll(async () => { await server.start(); });
beforeEach(async () => {
  w = await startWorld(server.url);
  [ling, omar, mei] = await Promise.all([
    AgentClient.login(w.baseUrl, 'a-ling', 'ling-pass'), AgentClient.login(w.baseUrl, 'a-omar', 'omar-pass'), AgentClient.login(w.baseUrl, 's-mei', 'mei-pass'),
  ]);
});
afterEach(async () => { await w.close(); });
afterAll(async () => { await server.destroy(); });

async function submit(consumer = 'c-1', over: Parameters<typeof draft>[0] = {}) {
  return (await w.complaints.submit(address(consumer), consumer, draft(over))).complaint;
}

describe('queue', () => {
  it('lists open cases by priority with triage, emotion, pending SLA deadlines and assignee', async () => {
    const calm = await submit('c-calm', { description: 'Parcel is a bit late.', texts: ['Parcel is a bit late.'] });
    const hot = await submit('c-hot', {
      category: 'counterfeit', description: 'This is a FAKE. Scam! I will go to the press and my lawyer!!!',
      texts: ['This is a FAKE. Scam! I will go to the press and my lawyer!!!', 'I am furious, absolutely disgusting service'],
    });
    await ling.act(calm.id, 'claim');
    const res = await ling.get<{ rows: QueueRow[] }>('/console/api/queue');
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r) => r.id)).toEqual([hot.id, calm.id]);
    const [top, second] = res.body.rows as [QueueRow, QueueRow];
    expect(top.priority).toBeGreaterThan(second.priority);
    expect(top).toMatchObject({ category: 'counterfeit', status: 'queued', tier: 'high', assigneeId: null });
    expect(top.emotion.anger).toBeGreaterThan(0);
    expect(top.reasons.length).toBeGreaterThan(0);
    expect(top.sla.length).toBeGreaterThan(0);
    expect(top.sla.every((d) => d.dueAt > Date.now())).toBe(true);
    expect(second).toMatchObject({ status: 'claimed', assigneeId: 'a-ling', assigneeName: 'Ling' });
    expect(JSON.stringify(res.body)).not.toContain('adapter-only');
    const mine = await omar.get<{ rows: QueueRow[] }>('/console/api/queue?view=mine');
    expect(mine.body.rows).toEqual([]);
  });
});

describe('claiming', () => {
  it('two agents claiming at once: exactly one 200, the other 409 naming the winner', async () => {
    const c = await submit();
    const [a, b] = await Promise.all([ling.act(c.id, 'claim'), omar.act(c.id, 'claim')]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = a.status === 200 ? 'a-ling' : 'a-omar';
    const loser = a.status === 200 ? b : a;
    expect(loser.body.error).toMatchObject({ code: 'complaint.already_claimed', details: { owner: winner, ownerName: winner === 'a-ling' ? 'Ling' : 'Omar' } });
    expect(loser.body.error?.message).toContain(winner === 'a-ling' ? 'Ling' : 'Omar');
    expect((await w.store.get(c.id))?.assigneeId).toBe(winner);
  });

  it('refuses a reply from a non-owner (403) and an over-limit proposal (422)', async () => {
    const c = await submit();
    expect((await ling.act(c.id, 'claim')).status).toBe(200);
    const reply = await omar.act(c.id, 'reply', { text: 'Hello from someone else' });
    expect(reply.status).toBe(403);
    expect(reply.body.error?.code).toBe('complaint.not_owner');
    const over = await ling.act(c.id, 'propose', { text: 'Full refund plus goodwill', resolution: 'compensation', amount: 900 });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: 'agent.over_limit', message: expect.stringContaining('500') });
    expect((await w.store.get(c.id))?.status).toBe('claimed');
  });

  it('maps the other core errors: 404 unknown case, 409 illegal move, 400 bad input, 403 transfer by an agent', async () => {
    const c = await submit();
    expect((await ling.act('RD-19990101-0001', 'claim')).body.error?.code).toBe('complaint.not_found');
    expect((await ling.act('RD-19990101-0001', 'claim')).status).toBe(404);
    expect((await ling.get('/console/api/nope')).body.error?.code).toBe('console.not_found');
    await ling.act(c.id, 'claim');
    const illegal = await ling.act(c.id, 'claim');
    expect(illegal.status).toBe(409);
    const resolveTwice = [await ling.act(c.id, 'resolve'), await ling.act(c.id, 'resolve')];
    expect(resolveTwice.map((r) => r.status)).toEqual([200, 409]);
    expect(resolveTwice[1]?.body.error?.code).toBe('complaint.illegal_transition');
    const c2 = await submit('c-2');
    await ling.act(c2.id, 'claim');
    expect((await ling.act(c2.id, 'reply', { text: '   ' })).status).toBe(400);
    expect((await ling.act(c2.id, 'propose', { text: 'x', resolution: 'bitcoin' })).body.error?.code).toBe('input.invalid');
    expect((await ling.act(c2.id, 'explode')).status).toBe(400);
    const transfer = await ling.act(c2.id, 'transfer', { toAgentId: 'a-omar' });
    expect(transfer.status).toBe(403);
    expect(transfer.body.error?.code).toBe('agent.not_authorised');
    const ok = await mei.act<{ case: CaseDetail }>(c2.id, 'transfer', { toAgentId: 'a-omar' });
    expect(ok.status).toBe(200);
    expect(ok.body.case).toMatchObject({ assigneeId: 'a-omar', assigneeName: 'Omar' });
  });
});

describe('the full agent flow', () => {
  it('claim → reply → investigating → propose → consumer accepts → resolved, visible in the console', async () => {
    const earlier = await submit('c-9', { description: 'Old issue' });
    await w.complaints.cancel('c-9', earlier.id);
    const c = await submit('c-9', { orderId: 'ORD-77', description: 'The blender arrived cracked.' });
    await w.complaints.consumerMessage('c-9', c.id, 'Please hurry, it was a gift.');
    expect((await ling.act(c.id, 'claim')).status).toBe(200);
    expect((await ling.act(c.id, 'reply', { text: 'Sorry about that, Ling here. Checking with the courier now.' })).status).toBe(200);
    expect((await ling.act(c.id, 'note', { text: 'Courier photo shows dented box.' })).status).toBe(200);
    expect((await ling.act(c.id, 'investigate', { note: 'asked courier for photos' })).status).toBe(200);
    const proposed = await ling.act<{ case: CaseDetail }>(c.id, 'propose', { text: 'Replacement sent today', resolution: 'replacement', amount: 0 });
    expect(proposed.status).toBe(200);
    expect(proposed.body.case.status).toBe('resolution_proposed');
    await w.complaints.acceptProposal('c-9', c.id);

    const view = await ling.get<CaseBody>(`/console/api/cases/${c.id}`);
    expect(view.status).toBe(200);
    expect(view.body.case).toMatchObject({ id: c.id, status: 'resolved', proposal: { resolution: 'replacement', proposedBy: 'a-ling' } });
    expect(view.body.conversation.map((m) => [m.from, m.text])).toEqual([
      ['consumer', 'The blender arrived cracked.'],
      ['consumer', 'Please hurry, it was a gift.'],
      ['agent', 'Sorry about that, Ling here. Checking with the courier now.'],
    ]);
    const types = view.body.timeline.map((t) => t.type);
    expect(types).toEqual(expect.arrayContaining(['created', 'claimed', 'agent_reply', 'internal_note', 'proposal', 'proposal_accepted']));
    expect(view.body.timeline.find((t) => t.type === 'internal_note')?.internal).toBe(true);
    expect(view.body.history.pastCases.map((p) => p.id)).toEqual([earlier.id]);
    expect(view.body.history.profile?.complaintIds).toEqual([earlier.id, c.id]);
    const resolved = await ling.get<{ rows: QueueRow[] }>('/console/api/queue?view=resolved');
    expect(resolved.body.rows.map((r) => r.id)).toContain(c.id);
    const open = await ling.get<{ rows: QueueRow[] }>('/console/api/queue');
    expect(open.body.rows.map((r) => r.id)).not.toContain(c.id);
  });

  it('release hands the case back; escalate raises the tier', async () => {
    const c = await submit();
    await ling.act(c.id, 'claim');
    expect((await ling.act<{ case: CaseDetail }>(c.id, 'release')).body.case).toMatchObject({ status: 'queued', assigneeId: null });
    // Escalating is an owner's (or a supervisor's) move too: Omar takes the released case first.
    expect((await omar.act(c.id, 'escalate', { reason: 'too soon' })).status).toBe(403);
    await omar.act(c.id, 'claim');
    const esc = await omar.act<{ case: CaseDetail }>(c.id, 'escalate', { reason: 'Consumer mentions a lawyer' });
    expect(esc.status).toBe(200);
    expect(esc.body.case.status).toBe('escalated');
    expect(esc.body.case.reasons.at(-1)).toContain('Consumer mentions a lawyer');
  });
});
