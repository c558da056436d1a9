// Live updates: ComplaintEvents → ConsoleWorkspace → Redis pub/sub → every process's SSE streams.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleWorkspace, type LiveMessage } from '../../../adapters/console/index.js';
import { silentLogger } from '../../../src/logging/logger.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { AgentClient } from './console-client.js';
import { address, draft, startWorld, type World } from './console-fixture.js';
import { SseReader, type SseEvent } from './sse-reader.js';

const server = new TestRedis();
const cleanups: Array<() => Promise<void> | void> = [];
const SECRET = { CONSOLE_SESSION_SECRET: 's'.repeat(48) };

beforeAll(async () => { await server.start(); });
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });
afterAll(async () => { await server.destroy(); });

async function world(o: Parameters<typeof startWorld>[1] = {}): Promise<World> {
  const w = await startWorld(server.url, { env: SECRET, ...o });
  cleanups.push(() => w.close());
  return w;
}
async function stream(w: World, agent: AgentClient): Promise<SseReader> {
  const s = await SseReader.open(`${w.baseUrl}/console/events`, agent.cookie);
  cleanups.push(() => s.close());
  return s;
}
const caseEvent = (id: string, pred: (m: Extract<LiveMessage, { kind: 'case' }>) => boolean = () => true) =>
  (e: SseEvent) => e.event === 'case' && (e.data as LiveMessage).kind === 'case' && (e.data as { id: string }).id === id && pred(e.data as Extract<LiveMessage, { kind: 'case' }>);

describe('live updates', () => {
  it('a new case and a claim made on process A reach a console held by process B', async () => {
    const a = await world();
    const b = await world({ prefix: a.prefix });
    const lingOnA = await AgentClient.login(a.baseUrl, 'a-ling', 'ling-pass');
    const omarOnB = await AgentClient.login(b.baseUrl, 'a-omar', 'omar-pass');
    const live = await stream(b, omarOnB);

    const { complaint } = await a.complaints.submit(address('c-1'), 'c-1', draft());
    const created = await live.waitFor(caseEvent(complaint.id));
    expect((created.data as { row: { status: string } }).row.status).toBe('queued');

    expect((await lingOnA.act(complaint.id, 'claim')).status).toBe(200);
    const claimed = await live.waitFor(caseEvent(complaint.id, (m) => m.eventTypes.includes('claimed')));
    expect((claimed.data as { row: { assigneeName: string } }).row.assigneeName).toBe('Ling');
  });

  it('announceCase reaches every console; supervisor alerts reach supervisors only', async () => {
    const w = await world();
    const ling = await AgentClient.login(w.baseUrl, 'a-ling', 'ling-pass');
    const mei = await AgentClient.login(w.baseUrl, 's-mei', 'mei-pass');
    const [lingLive, meiLive] = [await stream(w, ling), await stream(w, mei)];
    const { complaint } = await w.complaints.submit(address('c-2'), 'c-2', draft());
    await w.workspace.announceCase(complaint);
    await lingLive.waitFor(caseEvent(complaint.id, (m) => m.announced));

    expect((await ling.act(complaint.id, 'claim')).status).toBe(200);
    expect((await ling.act(complaint.id, 'escalate', { reason: 'press threat' })).status).toBe(200);
    const alert = await meiLive.waitFor((e) => e.event === 'alert');
    expect((alert.data as Extract<LiveMessage, { kind: 'alert' }>).alert).toMatchObject({ kind: 'escalated', complaintId: complaint.id });
    // Messages arrive in publish order: once Ling sees the note published after the alert, the alert would have come first.
    await ling.act(complaint.id, 'note', { text: 'after the alert' });
    await lingLive.waitFor(caseEvent(complaint.id, (m) => m.eventTypes.includes('internal_note')));
    expect(lingLive.events.some((e) => e.event === 'alert')).toBe(false);
  });

  it('ends a stream whose session was logged out elsewhere, at the next heartbeat', async () => {
    const w = await world({ heartbeatMs: 100 });
    const ling = await AgentClient.login(w.baseUrl, 'a-ling', 'ling-pass');
    const live = await stream(w, ling);
    await w.redis.del(...(await w.redis.keys(`${w.prefix}:{cs:*}:console:session`)));
    await live.waitFor((e) => e.event === 'logout', 3000);
  });

  it('closes open streams and the subscriber when the server closes', async () => {
    const w = await startWorld(server.url, { env: SECRET });
    const ling = await AgentClient.login(w.baseUrl, 'a-ling', 'ling-pass');
    const live = await SseReader.open(`${w.baseUrl}/console/events`, ling.cookie);
    const before = Number((await w.redis.pubsub('NUMSUB', `${w.prefix}:console:events`))[1]);
    expect(before).toBe(1);
    await w.close();
    await expect.poll(() => live.ended).toBe(true);
  });
});

describe('worker processes', () => {
  it('createConsoleWorkspace publishes to consoles held by web processes', async () => {
    const web = await world();
    const mei = await AgentClient.login(web.baseUrl, 's-mei', 'mei-pass');
    const live = await stream(web, mei);
    const worker = createConsoleWorkspace({ redis: web.redis, keys: web.keys, agents: web.agents, logger: silentLogger });
    await worker.alertSupervisors({ kind: 'sla_breached', complaintId: 'RD-1', text: 'RD-1 missed its first response', at: Date.now() });
    const alert = await live.waitFor((e) => e.event === 'alert');
    expect((alert.data as Extract<LiveMessage, { kind: 'alert' }>).alert.text).toBe('RD-1 missed its first response');
  });
});
