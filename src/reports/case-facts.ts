/** What one case contributes to the report, read from the complaint and its timeline. */
import type { TimelineEvent } from '../complaints/complaint.types.js';
import type { DeadlineKind } from '../triage/triage.types.js';
import type { ReportCase } from './report.types.js';

export type SlaOutcome = 'metOnTime' | 'metLate' | 'breached' | 'pending';

export interface CaseFacts {
  /** created → first `agent_reply`, and who sent it. */
  firstResponse: { ms: number; by: string } | null;
  /** created → first `status_changed` to resolved. */
  resolveMs: number | null;
  /** Who owned the case (claim, transfer, release) when it was first resolved. */
  ownerAtResolve: string | null;
  /** Moved to `reopened` after being resolved. */
  reopened: boolean;
  /** Agents with a `claimed` event on the case. */
  claimedBy: Set<string>;
  rating: number | null;
  sla: Array<{ kind: DeadlineKind; outcome: SlaOutcome }>;
}

const movedTo = (e: TimelineEvent, status: string) => e.type === 'status_changed' && e.data?.to === status;

/** The owner after each event, up to (not including) the first resolution. */
function ownerBefore(timeline: TimelineEvent[], stop: number): string | null {
  let owner: string | null = null;
  for (const e of timeline.slice(0, stop)) {
    if (e.type === 'claimed' && e.actor.kind === 'agent') owner = e.actor.id;
    else if (e.type === 'transferred') owner = typeof e.data?.to === 'string' ? e.data.to : null;
    else if (e.type === 'released') owner = null;
  }
  return owner;
}

function slaOutcomes({ complaint: c, timeline }: ReportCase, now: number): CaseFacts['sla'] {
  const breached = new Set(timeline.filter((e) => e.type === 'sla_breached').map((e) => e.data?.kind));
  return c.triage.deadlines.map(({ kind, dueAt }) => {
    const metAt = c.slaMet[kind];
    let outcome: SlaOutcome;
    if (metAt !== undefined) outcome = metAt <= dueAt ? 'metOnTime' : 'metLate';
    else outcome = breached.has(kind) || now > dueAt ? 'breached' : 'pending';
    return { kind, outcome };
  });
}

export function caseFacts(rc: ReportCase, now: number): CaseFacts {
  const { complaint: c, timeline } = rc;
  const reply = timeline.find((e) => e.type === 'agent_reply');
  const resolvedAt = timeline.findIndex((e) => movedTo(e, 'resolved'));
  const resolved = resolvedAt >= 0 ? timeline[resolvedAt] : undefined;
  return {
    firstResponse: reply ? { ms: reply.at - c.createdAt, by: reply.actor.id } : null,
    resolveMs: resolved ? resolved.at - c.createdAt : null,
    ownerAtResolve: resolved ? ownerBefore(timeline, resolvedAt) : null,
    reopened: resolvedAt >= 0 && timeline.slice(resolvedAt + 1).some((e) => movedTo(e, 'reopened')),
    claimedBy: new Set(timeline.filter((e) => e.type === 'claimed' && e.actor.kind === 'agent').map((e) => e.actor.id)),
    rating: c.rating?.score ?? null,
    sla: slaOutcomes(rc, now),
  };
}
