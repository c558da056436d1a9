/**
 * BullMQ queues. All share the Redis key prefix (a hash tag, so each queue's keys sit in one Cluster slot).
 *
 * | queue | job data | job id |
 * |---|---|---|
 * | `handoff` | HandoffJob `{ complaintId }` | `handoff-<complaintId>-<version>` |
 * | `delivery` | DeliveryJob (address, message, per-conversation seq) | `d-<idempotencyKey>` |
 * | `sla` | SlaJob `{ complaintId, kind }`, delayed until the deadline | `sla-<complaintId>-<kind>` |
 * | `reminder` | ReminderJob `{ address, lastTurnAt }`, delayed | `rem-<channel>-<conversationId>-<lastTurnAt>` |
 */
export const QUEUE = {
  handoff: 'handoff',
  delivery: 'delivery',
  sla: 'sla',
  reminder: 'reminder',
} as const;

/** BullMQ job ids may not contain ':'; conversation ids and complaint numbers may. */
export function jobId(...parts: Array<string | number>): string {
  return parts.map((p) => String(p).replace(/[^A-Za-z0-9_.-]/g, '_')).join('-');
}

/**
 * A job whose worker lost Redis mid-job is re-run once its lock lapses and the stalled check sees it.
 * BullMQ's defaults (30 s + 30 s) would hold a handoff or SLA alert for up to a minute; jobs here are short.
 */
export const QUICK_RECOVERY = { lockDuration: 15_000, stalledInterval: 5_000 } as const;
