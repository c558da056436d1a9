/**
 * Builds the real core (store, service, agents, triage) on a TestRedis with a fresh key prefix.
 * Shared by the core test files; nothing here is mocked except the agent workspace, which is a port.
 */
import { AgentOperations } from '../../src/agents/agent-operations.js';
import { RedisAgentStore } from '../../src/agents/redis-agent.store.js';
import { RedisChangeLog } from '../../src/changes/change-log.js';
import { ChangeProcessor } from '../../src/changes/change-processor.js';
import { ChangeWorker } from '../../src/changes/change-worker.js';
import { ComplaintEvents } from '../../src/complaints/complaint-events.js';
import { ComplaintService } from '../../src/complaints/complaint.service.js';
import type { Agent, ComplaintDraft } from '../../src/complaints/complaint.types.js';
import { ConsumerProfileStore } from '../../src/complaints/consumer-profile.store.js';
import { RedisComplaintStore } from '../../src/complaints/redis-complaint.store.js';
import type { ConversationAddress } from '../../src/messages/message.types.js';
import { createRedis, type RedisClient } from '../../src/redis/redis-connection.js';
import { redisKeys, type RedisKeys } from '../../src/redis/redis-keys.js';
import { silentLogger } from '../../src/logging/logger.js';
import { AlertLog } from '../../src/reports/alert-log.js';
import { alertsEffect, SupervisorAlerts } from '../../src/reports/supervisor-alerts.js';
import { createTriage, type SlaDurations, type Triage } from '../../src/triage/index.js';
import { randomPrefix } from '../helpers/redis-server.js';
import { RecordingWorkspace } from '../helpers/recording-workspace.js';

export { RecordingWorkspace };

export const SLA: SlaDurations = { firstResponseMs: 30 * 60_000, dispatchMs: 2 * 3_600_000, mediumPlanMs: 48 * 3_600_000, highReportMs: 12 * 3_600_000 };

const triages = new Map<string, Triage>();
/** The emotion analyzer takes a moment to load; share one triage per SLA setting. */
export function triageFor(sla: SlaDurations): Triage {
  const key = JSON.stringify(sla);
  let t = triages.get(key);
  if (!t) triages.set(key, (t = createTriage({ sla })));
  return t;
}

export function address(conversationId = 'conv-1'): ConversationAddress {
  return { channel: 'test', conversationId, userId: `u-${conversationId}` };
}

export function draft(over: Partial<ComplaintDraft> = {}): ComplaintDraft {
  return {
    category: 'late_delivery', orderId: 'ORD-1001', description: 'The parcel has not arrived.', evidence: [],
    desiredResolution: 'refund', locale: 'en', texts: ['My parcel has not arrived yet.'], ...over,
  };
}

export const AGENTS: Record<'ling' | 'omar' | 'sue', Agent> = {
  ling: { id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500 },
  omar: { id: 'a-omar', name: 'Omar', role: 'agent', compensationLimit: 500 },
  sue: { id: 's-sue', name: 'Sue', role: 'supervisor', compensationLimit: 5000 },
};

export interface Core {
  redis: RedisClient;
  prefix: string;
  keys: RedisKeys;
  store: RedisComplaintStore;
  profiles: ConsumerProfileStore;
  events: ComplaintEvents;
  service: ComplaintService;
  agents: RedisAgentStore;
  ops: AgentOperations;
  workspace: RecordingWorkspace;
  close(): Promise<void>;
}

export async function createCore(url: string, opts: { sla?: SlaDurations; now?: () => number; durable?: (c: { id: string; version: number; consumerId: string; createdAt: number }) => Promise<void> } = {}): Promise<Core> {
  const redis = createRedis({ url });
  redis.on('error', () => {});
  const prefix = randomPrefix();
  const keys = redisKeys(prefix);
  const store = new RedisComplaintStore(redis, keys);
  const profiles = new ConsumerProfileStore(redis, keys);
  const events = new ComplaintEvents();
  const workspace = new RecordingWorkspace();
  // As in src/composition: supervisor alerts are a side effect of the change that carries them.
  events.on('alerts', alertsEffect(new SupervisorAlerts(new AlertLog(redis, keys), () => [workspace])));
  const changes = changeProcessor(redis, keys, events);
  const service = new ComplaintService(store, profiles, triageFor(opts.sla ?? SLA), changes, opts.now, opts.durable);
  // Changes that could not run right after their write (a case changed twice at once) are a worker's job.
  const worker = new ChangeWorker(new RedisChangeLog(redis, keys), changes, silentLogger, { pollMs: 50 });
  worker.start();
  const agents = new RedisAgentStore(redis, keys);
  for (const a of Object.values(AGENTS)) await agents.upsert(a);
  const ops = new AgentOperations(service, agents, opts.now);
  return {
    redis, prefix, keys, store, profiles, events, service, agents, ops, workspace,
    close: async () => { await worker.stop(); redis.disconnect(); },
  };
}

/** Polls `check` until it returns a truthy value; the value is returned. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function expectCode(p: Promise<unknown>, code: string): Promise<Record<string, unknown>> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!err || typeof err !== 'object' || (err as { code?: unknown }).code !== code) {
    throw new Error(`expected an error with code ${code}, got ${err instanceof Error ? `${(err as { code?: string }).code ?? ''} ${err.message}` : String(err)}`);
  }
  return err as Record<string, unknown>;
}

/** The real change processor on this Redis: side effects run right after each write, as in production. */
export function changeProcessor(redis: RedisClient, keys: RedisKeys, events: ComplaintEvents): ChangeProcessor {
  return new ChangeProcessor(new RedisChangeLog(redis, keys), events, async () => undefined, silentLogger);
}
