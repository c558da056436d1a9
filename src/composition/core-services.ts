import { AgentOperations } from '../agents/agent-operations.js';
import { RedisAgentStore } from '../agents/redis-agent.store.js';
import type { ArchiveDb } from '../archive/archive-db.port.js';
import { ArchiveProjection } from '../archive/archive-projection.js';
import { ArchiveReader } from '../archive/archive-reader.js';
import { CaseQueueIndex } from '../agents/case-queue-index.js';
import { RedisChangeLog } from '../changes/change-log.js';
import { ChangeProcessor, type GaveUpHook } from '../changes/change-processor.js';
import { ChannelRegistry } from '../channels/channel.port.js';
import { ComplaintEvents, type ComplaintChangeNotice } from '../complaints/complaint-events.js';
import { ComplaintService } from '../complaints/complaint.service.js';
import { ConsumerProfileStore } from '../complaints/consumer-profile.store.js';
import { RedisComplaintStore } from '../complaints/redis-complaint.store.js';
import { systemClock, type Clock } from '../clock.js';
import type { Config } from '../config/config.js';
import { DeliveryQueue } from '../delivery/delivery.queue.js';
import { HandoffQueue } from '../handoff/handoff.queue.js';
import type { Logger } from '../logging/logger.js';
import { createEventsOut } from '../events/index.js';
import { orderEnricher } from '../orders/order-enricher.js';
import { createOrderLookup } from '../orders/index.js';
import { ProgressNotifier } from '../progress/progress-notifier.js';
import { QUEUE } from '../queues/queue-names.js';
import type { Redis } from 'ioredis';
import type { RedisClient } from '../redis/redis-connection.js';
import { redisKeys } from '../redis/redis-keys.js';
import { createReplicaAck } from '../redis/replica-ack.js';
import { AlertLog } from '../reports/alert-log.js';
import { sideEffectAlert } from '../reports/alert-events.js';
import { surgeAlertsEffect } from '../reports/surge-alerts.js';
import { alertsEffect, SupervisorAlerts } from '../reports/supervisor-alerts.js';
import { SlaScheduler } from '../sla/sla-scheduler.js';
import { MerchantDeadlines } from '../merchants/merchant-deadline.queue.js';
import { createTriage } from '../triage/triage.js';
import { createSurgeDetector } from '../triage/surge-detector.js';
import type { DeadlineKind } from '../triage/triage.types.js';
import { WorkspaceRegistry } from '../agents/workspace-registry.js';

/** Statuses that put a case (back) in front of the agents. */
const HANDOFF_ON = new Set(['queued', 'in_review', 'reopened', 'escalated']);

/**
 * The channel-neutral core, wired: stores, triage, the complaint service and agent operations, the queues,
 * and the change log with the side effects every committed change has (progress updates, handoff jobs, SLA
 * timers, workspace updates, supervisor alerts). No HTTP and no channel SDKs here.
 */
/** Optional parts: the client BullMQ's queues use (a plain one; `redis` may auto-pipeline), and the opened, migrated archive. */
export interface CoreOptions {
  queueRedis?: RedisClient;
  /** src/archive/open-archive.ts; without it nothing is archived. */
  archiveDb?: ArchiveDb | null;
}

export function createCoreServices(config: Config, redis: RedisClient, logger: Logger, now: Clock = systemClock, { queueRedis = redis, archiveDb = null }: CoreOptions = {}) {
  const keys = redisKeys(config.REDIS_KEY_PREFIX);
  // With the archive, a case the eviction sweep removed from Redis is read from it (and restored when it changes).
  const archiveReader = archiveDb ? new ArchiveReader(archiveDb) : null;
  const store = new RedisComplaintStore(redis, keys, {
    changeLeaseMs: config.CHANGE_LEASE_MS, now, archive: archiveReader,
    onArchiveError: (err, read) => logger.warn({ err: (err as Error).message, read }, 'archive not answering: archived cases left out of this read'),
  });
  const profiles = new ConsumerProfileStore(redis, keys);
  const agents = new RedisAgentStore(redis, keys);
  const queueIndex = new CaseQueueIndex(redis, keys, store);
  const workspaces = new WorkspaceRegistry();
  const alertLog = new AlertLog(redis, keys);
  const archive = archiveDb ? new ArchiveProjection(archiveDb, { timeline: (id) => store.timeline(id), profile: (id) => profiles.get(id) }) : null;
  const alerts = new SupervisorAlerts(alertLog, () => workspaces.all(), archive ? (a, key) => archive.recordAlert(a, key) : undefined);
  // Surges the triage finds are raised from the new complaint's change (surgeAlertsEffect below), so a workspace
  // that is down gets them on retry instead of losing them.
  const surge = createSurgeDetector(redis as Redis, keys.prefix);
  const triage = createTriage({
    sla: config.sla, surge, promotions: config.PROMOTIONS,
    thresholds: { anger: config.EMOTION_ANGER_THRESHOLD, anxiety: config.EMOTION_ANXIETY_THRESHOLD },
  });
  const events = new ComplaintEvents();
  const changeLog = new RedisChangeLog(redis, keys);
  const gaveUp: GaveUpHook = async (n, failed) => {
    const at = now();
    const summary = failed.map((f) => `${f.name}: ${f.error}`).join('; ');
    await store.appendEvent(n.complaint.id, { at, type: 'side_effect_failed', actor: { kind: 'system', id: 'changes' }, data: { version: n.complaint.version, failed, summary } });
    await alerts.raise(sideEffectAlert(n.complaint.id, n.complaint.version, failed, at), `failed:${n.complaint.id}:${n.complaint.version}`)
      .catch((err: unknown) => logger.error({ err: (err as Error).message, complaintId: n.complaint.id }, 'side effect failure recorded on the timeline but not alerted'));
  };
  const changes = new ChangeProcessor(changeLog, events, gaveUp, logger, { maxAttempts: config.CHANGE_MAX_ATTEMPTS, now });
  const replicaAck = createReplicaAck(redis, keys, { replicas: config.REDIS_WAIT_REPLICAS, timeoutMs: config.REDIS_WAIT_TIMEOUT_MS });
  const orders = createOrderLookup(config, now);
  const complaints = new ComplaintService(store, profiles, triage, changes, now, replicaAck ? (c) => replicaAck.confirm(c) : undefined, orders ? orderEnricher(orders) : undefined);
  const agentOps = new AgentOperations(complaints, agents, now, config.MERCHANT_MAX_DEADLINE_HOURS);
  const channels = new ChannelRegistry();
  const delivery = new DeliveryQueue(queueRedis, keys, logger, now, redis);
  const handoff = new HandoffQueue(queueRedis, keys.queue(QUEUE.handoff), logger);
  const sla = new SlaScheduler(queueRedis, keys.queue(QUEUE.sla), logger, now);
  const merchantDeadlines = new MerchantDeadlines(queueRedis, keys.queue(QUEUE.merchant), logger, now);
  const progress = new ProgressNotifier((c, message) => delivery.enqueue(c.address, message), {
    timeZone: config.TIMEZONE,
    currency: config.CURRENCY,
    agentName: async (id) => (await agents.get(id))?.name ?? id,
    reviewMs: config.sla.mediumPlanMs,
    now,
  });

  // Every side effect of a change, by name: the names mark them done, so a re-run repeats none that succeeded.
  // The indexes by consumer, order, merchant and day live outside the complaint's slot: `create` writes them
  // after its script, and this writes them again from the change log, so a writer that died in between loses none.
  events.on('indexes', async (n) => { if (!n.previous) await store.writeIndexes(n.complaint); });
  // The agents' queue (filters, search, sort, paging) reads this index, never every case.
  events.on('queue-index', (n) => queueIndex.write(n.complaint));
  events.on('progress', (n) => progress.onChange(n));
  events.on('handoff-sla', (n) => routeHandoffAndSla(n, handoff, sla));
  // A merchant request's deadline timer: scheduled when asked, removed when answered (src/merchants/).
  events.on('merchant-deadline', merchantDeadlines.onChange);
  events.on('alerts', alertsEffect(alerts));
  events.on('surge-alerts', surgeAlertsEffect(redis, keys, alerts));
  // Outgoing events only get queued here (one Redis script); their own dispatcher delivers them (src/events/).
  const eventsOut = createEventsOut({ config, redis, keys, store, alerts, logger, now });
  if (eventsOut) events.on('events', eventsOut.enqueue);
  if (archive) events.on('archive', archive.project);
  events.onEach(() => workspaces.all().map((w) => ({ name: `workspace:${w.id}`, run: (n: ComplaintChangeNotice) => w.caseUpdated(n.complaint, n.events) })));

  return { config, redis, keys, logger, now, store, profiles, agents, queueIndex, triage, events, changeLog, changes, complaints, agentOps, channels, delivery, handoff, sla, merchantDeadlines, progress, workspaces, alertLog, alerts, replicaAck, eventsOut, orders, archive, archiveReader };
}

export type CoreServices = ReturnType<typeof createCoreServices>;

async function routeHandoffAndSla({ complaint: c, previous, events }: ComplaintChangeNotice, handoff: HandoffQueue, sla: SlaScheduler): Promise<void> {
  // Independent jobs: sent together. Each is idempotent by its job id, so a re-run adds none twice.
  const met = events.filter((e) => e.type === 'sla_met').map((e) => e.data?.kind as DeadlineKind);
  await Promise.all([
    previous ? undefined : sla.schedule(c),
    HANDOFF_ON.has(c.status) && previous?.status !== c.status ? handoff.enqueue(c) : undefined,
    met.length ? sla.cancel(c.id, met) : undefined,
  ]);
}
