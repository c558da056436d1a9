import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/complaints/complaint.types.js';
import { silentLogger } from '../../src/logging/logger.js';
import { jobId } from '../../src/queues/queue-names.js';
import { createRedis } from '../../src/redis/redis-connection.js';
import { SlaScheduler } from '../../src/sla/sla-scheduler.js';
import type { DeadlineKind } from '../../src/triage/triage.types.js';
import type { SlaDurations } from '../../src/triage/index.js';
import { TestRedis } from '../helpers/redis-server.js';
import { AGENTS, address, createCore, draft, eventually, type Core } from '../complaints/core-fixture.js';

const server = new TestRedis();
let core: Core;
const schedulers: SlaScheduler[] = [];
/** Jobs that threw: a breach must be recorded on the first run, not after a retry. */
let failedRuns = 0;

beforeAll(() => server.start());
afterAll(() => server.destroy());
afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.close();
  await core.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fast = (ms: number): SlaDurations => ({ firstResponseMs: ms, dispatchMs: ms, mediumPlanMs: 60_000, highReportMs: 60_000 });

/** What the composition root does: schedule on creation, cancel what a change met. */
function wire(sla: SlaScheduler): void {
  core.events.on(async (n) => {
    if (!n.previous) await sla.schedule(n.complaint);
    const met = n.events.filter((e) => e.type === 'sla_met').map((e) => e.data?.kind as DeadlineKind);
    if (met.length) await sla.cancel(n.complaint.id, met);
  });
}

function scheduler(startWorker = true): SlaScheduler {
  const redis = createRedis({ url: server.url });
  redis.on('error', () => {});
  const s = new SlaScheduler(redis, core.prefix, silentLogger);
  if (startWorker) s.startWorker(core.service).on('failed', () => { failedRuns++; });
  schedulers.push(s);
  const close = s.close.bind(s);
  s.close = async () => { await close(); redis.disconnect(); };
  return s;
}

const breaches = async (id: string): Promise<TimelineEvent[]> => (await core.store.timeline(id)).filter((e) => e.type === 'sla_breached');

beforeEach(() => { failedRuns = 0; });

describe('SLA timers', () => {
  beforeEach(async () => { core = await createCore(server.url, { sla: fast(300) }); });

  it('a missed deadline is written to the timeline, escalates the case and alerts supervisors', async () => {
    wire(scheduler());
    const { complaint } = await core.service.submit(address(), 'c-1', draft());
    expect(complaint.triage.tier).toBe('low');
    await eventually(async () => (await breaches(complaint.id)).length === 2, 5_000, 'two breaches');
    const c = await core.store.require(complaint.id);
    expect(c.status).toBe('escalated');
    expect(c.triage.tier).toBe('medium');
    expect(c.triage.priority).toBeGreaterThan(complaint.triage.priority);
    const t = await core.store.timeline(complaint.id);
    expect((await breaches(complaint.id)).map((e) => e.data?.kind).sort()).toEqual(['dispatch', 'first_response']);
    expect(t.find((e) => e.type === 'sla_breached')?.data?.dueAt).toBe(complaint.triage.deadlines[0]?.dueAt);
    // a breach is not a deadline met
    expect(t.filter((e) => e.type === 'sla_met')).toEqual([]);
    expect(c.slaMet).toEqual({});
    await eventually(() => core.workspace.alerts.length === 2, 2_000, 'two alerts');
    expect(core.workspace.alerts.map((a) => a.kind)).toEqual(['sla_breached', 'sla_breached']);
    expect(core.workspace.alerts.every((a) => a.complaintId === complaint.id)).toBe(true);
    expect(core.workspace.alerts.map((a) => a.text).join('\n')).toMatch(/first response/);
    expect(failedRuns).toBe(0);
  });

  it('met deadlines lose their timers and never fire', async () => {
    const sla = scheduler();
    wire(sla);
    const { complaint } = await core.service.submit(address(), 'c-1', draft());
    expect(await sla.queue.getJob(jobId('sla', complaint.id, 'dispatch'))).toBeDefined();
    await core.ops.claim(AGENTS.ling.id, complaint.id);
    await core.ops.reply(AGENTS.ling.id, complaint.id, 'Hello, I have your case.');
    expect(await sla.queue.getJob(jobId('sla', complaint.id, 'dispatch'))).toBeUndefined();
    expect(await sla.queue.getJob(jobId('sla', complaint.id, 'first_response'))).toBeUndefined();
    await sleep(800);
    expect(await breaches(complaint.id)).toEqual([]);
    expect((await core.store.require(complaint.id)).status).toBe('claimed');
    expect(core.workspace.alerts).toEqual([]);
  });

  it('a claim meets dispatch only: the first response still falls due', async () => {
    wire(scheduler());
    const { complaint } = await core.service.submit(address(), 'c-1', draft());
    await core.ops.claim(AGENTS.ling.id, complaint.id);
    await eventually(async () => (await breaches(complaint.id)).length === 1, 5_000, 'one breach');
    await sleep(300);
    expect((await breaches(complaint.id)).map((e) => e.data?.kind)).toEqual(['first_response']);
    expect((await core.store.require(complaint.id)).status).toBe('escalated');
    expect(core.workspace.alerts).toHaveLength(1);
  });

  it('a case closed before its deadline is left alone', async () => {
    wire(scheduler());
    const { complaint } = await core.service.submit(address(), 'c-1', draft());
    await core.service.cancel('c-1', complaint.id);
    await sleep(800);
    expect(await breaches(complaint.id)).toEqual([]);
    expect(core.workspace.alerts).toEqual([]);
  });
});

describe('SLA timers across a restart', () => {
  beforeEach(async () => { core = await createCore(server.url, { sla: fast(1500) }); });

  it('still fire when the scheduler that set them has been closed and a new one started', async () => {
    const first = scheduler();
    wire(first);
    const { complaint } = await core.service.submit(address(), 'c-1', draft());
    await sleep(100);
    await first.close();
    schedulers.splice(schedulers.indexOf(first), 1);
    await sleep(200);
    scheduler(); // the new process: same Redis, its own connection
    expect(await breaches(complaint.id)).toEqual([]);
    await eventually(async () => (await breaches(complaint.id)).length === 2, 6_000, 'two breaches after restart');
    expect((await core.store.require(complaint.id)).status).toBe('escalated');
    await eventually(() => core.workspace.alerts.length === 2, 2_000, 'two alerts');
    expect(failedRuns).toBe(0);
  });
});
