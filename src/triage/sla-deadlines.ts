/**
 * SLA deadlines per tier (DESIGN.md §1): first response and dispatch always; a plan for medium; a written
 * report for high.
 */
import type { RiskTier, SlaDeadline } from './triage.types.js';

/** SLA durations in milliseconds (config: SLA_*). */
export interface SlaDurations {
  firstResponseMs: number;
  dispatchMs: number;
  mediumPlanMs: number;
  highReportMs: number;
}

export function slaDeadlines(tier: RiskTier, now: number, sla: SlaDurations): SlaDeadline[] {
  const deadlines: SlaDeadline[] = [
    { kind: 'first_response', dueAt: now + sla.firstResponseMs },
    { kind: 'dispatch', dueAt: now + sla.dispatchMs },
  ];
  if (tier === 'medium') deadlines.push({ kind: 'plan', dueAt: now + sla.mediumPlanMs });
  if (tier === 'high') deadlines.push({ kind: 'report', dueAt: now + sla.highReportMs });
  return deadlines;
}
