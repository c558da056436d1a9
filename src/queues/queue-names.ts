/**
 * BullMQ queues. Each has its own prefix `P:{bullmq:<queue>}` (`keys.queue(name)`), a hash tag per queue: BullMQ needs
 * all of one queue's keys in one Cluster slot, and different queues may live on different masters.
 *
 * | queue | job data | job id |
 * |---|---|---|
 * | `handoff` | HandoffJob `{ complaintId }` | `handoff-<complaintId>-<version>` |
 * | `delivery` | DeliveryJob (address, message, per-conversation seq) | `d-<idempotencyKey>` |
 * | `sla` | SlaJob `{ complaintId, kind }`, delayed until the deadline | `sla-<complaintId>-<kind>` |
 * | `merchant` | MerchantDeadlineJob `{ complaintId, requestId }`, delayed until the merchant's deadline | `merchant-<requestId>` |
 * | `reminder` | ReminderJob `{ address, lastTurnAt }`, delayed | `rem-<channel>-<conversationId>-<lastTurnAt>` |
 */
export const QUEUE = {
  handoff: 'handoff',
  delivery: 'delivery',
  sla: 'sla',
  reminder: 'reminder',
  merchant: 'merchant',
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
