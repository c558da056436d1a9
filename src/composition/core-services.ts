import { AgentOperations } from '../agents/agent-operations.js';
import type { AgentWorkspacePort } from '../agents/agent-workspace.port.js';
import { RedisAgentStore } from '../agents/redis-agent.store.js';
import { ChannelRegistry } from '../channels/channel.port.js';
import { ComplaintEvents, type ComplaintChangeNotice } from '../complaints/complaint-events.js';
import { ComplaintService } from '../complaints/complaint.service.js';
import { ConsumerProfileStore } from '../complaints/consumer-profile.store.js';
import { RedisComplaintStore } from '../complaints/redis-complaint.store.js';
import type { Config } from '../config/config.js';
import { DeliveryQueue } from '../delivery/delivery.queue.js';
import { HandoffQueue } from '../handoff/handoff.queue.js';
import type { Logger } from '../logging/logger.js';
import { ProgressNotifier } from '../progress/progress-notifier.js';
import type { Redis } from 'ioredis';
import type { RedisClient } from '../redis/redis-connection.js';
import { redisKeys } from '../redis/redis-keys.js';
import { AlertLog } from '../reports/alert-log.js';
import { alertsOf } from '../reports/alert-events.js';
import { SlaScheduler } from '../sla/sla-scheduler.js';
import { createTriage } from '../triage/triage.js';
import { createSurgeDetector } from '../triage/surge-detector.js';
import type { DeadlineKind } from '../triage/triage.types.js';

/** Statuses that put a case (back) in front of the agents. */
const HANDOFF_ON = new Set(['queued', 'in_review', 'reopened', 'escalated']);

/**
 * The channel-neutral core, wired: stores, triage, the complaint service and agent operations, the three
 * queues, and the listeners that turn each committed change into progress updates, handoff jobs, SLA timers
 * and workspace updates. No HTTP and no channel SDKs here.
 */
export function createCoreServices(config: Config, redis: RedisClient, logger: Logger) {
  const keys = redisKeys(config.REDIS_KEY_PREFIX);
  const store = new RedisComplaintStore(redis, keys);
  const profiles = new ConsumerProfileStore(redis, keys);
  const agents = new RedisAgentStore(redis, keys);
  const workspaces: AgentWorkspacePort[] = [];
  const alertLog = new AlertLog(redis, keys);
  const surge = createSurgeDetector(redis as Redis, keys.prefix, {
    onAlert: async (a) => {
      const what = `${a.count} complaints about ${a.dimension} ${a.id} within ${Math.round(a.windowMs / 60_000)} min`;
      const text = a.group ? `Group complaint: ${what}` : `Surge: ${what}`;
      const at = Date.now();
      await Promise.all([alertLog.record({ kind: 'surge', text, at, surge: a }), ...workspaces.map((w) => w.alertSupervisors({ kind: 'surge', text, at }))]);
    },
  });
  const triage = createTriage({
    sla: config.sla, surge, promotions: config.PROMOTIONS,
    thresholds: { anger: config.EMOTION_ANGER_THRESHOLD, anxiety: config.EMOTION_ANXIETY_THRESHOLD },
  });
  const events = new ComplaintEvents();
  const complaints = new ComplaintService(store, profiles, triage, events);
  const agentOps = new AgentOperations(complaints, agents, () => workspaces);
  const channels = new ChannelRegistry();
  const delivery = new DeliveryQueue(redis, keys, logger);
  const handoff = new HandoffQueue(redis, keys.prefix, logger);
  const sla = new SlaScheduler(redis, keys.prefix, logger);
  const progress = new ProgressNotifier((c, message) => delivery.enqueue(c.address, message), {
    timeZone: config.TIMEZONE,
    agentName: async (id) => (await agents.get(id))?.name ?? id,
    reviewMs: config.sla.mediumPlanMs,
  });

  events.on((n) => progress.onChange(n));
  events.on((n) => routeHandoffAndSla(n, handoff, sla));
  events.on(async (n) => {
    await Promise.all(workspaces.map((w) => w.caseUpdated(n.complaint, n.events)));
  });
  // SLA breaches and escalations go to the alert log from their committed timeline events, once per event,
  // whichever process made them. A failure here must not fail the write's caller (an SLA job would retry and
  // record the breach twice), so it is logged and dropped.
  events.on(async (n) => {
    await Promise.all(alertsOf(n).map((a) => alertLog.record(a))).catch((err: unknown) => logger.warn({ err, complaintId: n.complaint.id }, 'alert log: record failed'));
  });

  return { config, redis, keys, logger, store, profiles, agents, triage, events, complaints, agentOps, channels, delivery, handoff, sla, progress, workspaces, alertLog };
}

export type CoreServices = ReturnType<typeof createCoreServices>;

async function routeHandoffAndSla({ complaint: c, previous, events }: ComplaintChangeNotice, handoff: HandoffQueue, sla: SlaScheduler): Promise<void> {
  if (!previous) await sla.schedule(c);
  if (HANDOFF_ON.has(c.status) && previous?.status !== c.status) await handoff.enqueue(c);
  const met = events.filter((e) => e.type === 'sla_met').map((e) => e.data?.kind as DeadlineKind);
  if (met.length) await sla.cancel(c.id, met);
}
