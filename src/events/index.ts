/**
 * Signed events out (README "Events for the platform"): each committed change's case events are queued by the
 * `events` side effect of the change log (a fast Redis write, so it never holds the case's other side effects
 * back), and an EventDispatcher in the worker role POSTs them to EVENTS_WEBHOOK_URL in order per case.
 */
import type { Clock } from '../clock.js';
import type { ComplaintChangeNotice } from '../complaints/complaint-events.js';
import type { RedisComplaintStore } from '../complaints/redis-complaint.store.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { sideEffectAlert } from '../reports/alert-events.js';
import type { SupervisorAlerts } from '../reports/supervisor-alerts.js';
import { merchantLinks } from '../merchants/merchant-link.js';
import { caseEventsOf } from './case-events.js';
import { EventDeliveryLog } from './event-delivery-log.js';
import { EventDispatcher, type EventGaveUpHook } from './event-dispatcher.js';
import { RedisEventOutbox } from './event-outbox.js';

export interface EventsOutDeps {
  config: Config;
  redis: RedisClient;
  keys: RedisKeys;
  store: RedisComplaintStore;
  alerts: SupervisorAlerts;
  logger: Logger;
  now: Clock;
}

export interface EventsOut {
  outbox: RedisEventOutbox;
  log: EventDeliveryLog;
  dispatcher: EventDispatcher;
  /** The change log's `events` side effect: queues the change's case events. */
  enqueue: (n: ComplaintChangeNotice) => Promise<void>;
}

/** Null when EVENTS_WEBHOOK_URL is unset (config makes the secret required with it). */
export function createEventsOut(d: EventsOutDeps): EventsOut | null {
  const url = d.config.EVENTS_WEBHOOK_URL;
  const secret = d.config.EVENTS_WEBHOOK_SECRET;
  if (!url || !secret) return null;
  const outbox = new RedisEventOutbox(d.redis, d.keys);
  const links = merchantLinks(d.config, d.now);
  const log = new EventDeliveryLog(d.redis, d.keys);
  // Where a lost event is noticed: on the case's timeline (side_effect_failed, like any other side effect)
  // and as a supervisor alert, once per event.
  const gaveUp: EventGaveUpHook = async (event, error, attempts) => {
    const at = d.now();
    const failed = [{ name: 'events', error: `${event.type} ${event.id}: ${error}` }];
    await d.store.appendEvent(event.complaint.id, {
      at, type: 'side_effect_failed', actor: { kind: 'system', id: 'events' },
      data: { eventId: event.id, eventType: event.type, attempts, failed, summary: `events: ${failed[0]!.error}` },
    });
    const version = Number(event.id.split(':')[1]);
    await d.alerts.raise(sideEffectAlert(event.complaint.id, version, failed, at), `events-failed:${event.id}`)
      .catch((err: unknown) => d.logger.error({ err: (err as Error).message, complaintId: event.complaint.id }, 'event failure recorded on the timeline but not alerted'));
  };
  const dispatcher = new EventDispatcher(outbox, log, gaveUp, d.logger, {
    url, secret, timeoutMs: d.config.EVENTS_WEBHOOK_TIMEOUT_MS, maxAttempts: d.config.EVENTS_MAX_ATTEMPTS, backoffMs: d.config.EVENTS_RETRY_BASE_MS,
    leaseMs: d.config.CHANGE_LEASE_MS + d.config.EVENTS_WEBHOOK_TIMEOUT_MS, now: d.now,
  });
  const enqueue = async (n: ComplaintChangeNotice): Promise<void> => {
    if (await outbox.enqueue(n.complaint.id, caseEventsOf(n, links ? (r) => links.link(r) : undefined), d.now())) dispatcher.nudge();
  };
  return { outbox, log, dispatcher, enqueue };
}
