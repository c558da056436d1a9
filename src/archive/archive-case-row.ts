/** What one case's archive rows hold, read from the complaint at its version and its whole timeline. */
import { isOpen } from '../complaints/complaint-state-machine.js';
import type { Complaint, TimelineEvent } from '../complaints/complaint.types.js';
import { caseFacts } from '../reports/case-facts.js';
import { CATEGORY_GROUP } from '../triage/triage.types.js';

export interface DeadlineRow {
  kind: string;
  due_at: number;
  met_at: number | null;
  breach_recorded: boolean;
}

/** The `archive_cases` columns in insert order (see migrations/0001_archive.sql). */
export const CASE_COLUMNS = [
  'id', 'version', 'status', 'is_open', 'category', 'category_group', 'tier', 'consumer_id', 'order_id', 'merchant_id',
  'product_id', 'locale', 'desired_resolution', 'assignee_id', 'group_complaint', 'created_at', 'updated_at',
  'first_response_ms', 'first_response_by', 'resolve_ms', 'owner_at_resolve', 'reopened', 'claimed_by', 'rating',
] as const;

export function caseRow(c: Complaint, timeline: TimelineEvent[]): unknown[] {
  // `now` only decides pending vs breached deadlines, which the report works out at its own time from archive_deadlines.
  const f = caseFacts({ complaint: c, timeline }, c.updatedAt);
  return [
    c.id, c.version, c.status, isOpen(c.status), c.category, CATEGORY_GROUP[c.category] ?? 'other', c.triage.tier, c.consumerId,
    c.orderId, c.merchantId ?? null, c.productId ?? null, c.locale, c.desiredResolution, c.assigneeId, c.triage.groupComplaint === true,
    c.createdAt, c.updatedAt, f.firstResponse?.ms ?? null, f.firstResponse?.by ?? null, f.resolveMs, f.ownerAtResolve, f.reopened,
    [...f.claimedBy], f.rating,
  ];
}

export function deadlineRows(c: Complaint, timeline: TimelineEvent[]): DeadlineRow[] {
  const breached = new Set(timeline.filter((e) => e.type === 'sla_breached').map((e) => e.data?.kind));
  return c.triage.deadlines.map(({ kind, dueAt }) => ({ kind, due_at: dueAt, met_at: c.slaMet[kind] ?? null, breach_recorded: breached.has(kind) }));
}
