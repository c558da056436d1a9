/**
 * The complaint-handling report (DESIGN.md §1: "reports on process and outcome … per agent and team"):
 * plain JSON, computed by `buildComplaintReport` from complaints and their timelines. Durations are in ms,
 * shares are 0–1, and a figure with nothing to measure is `null` (never 0, which would read as a result).
 */
import type { SupervisorAlert } from '../agents/agent-workspace.port.js';
import type { Complaint, ComplaintStatus, TimelineEvent } from '../complaints/complaint.types.js';
import type { Category, CATEGORY_GROUP, DeadlineKind, RiskTier, SurgeAlert } from '../triage/triage.types.js';

export type CategoryGroup = (typeof CATEGORY_GROUP)[Category];

/**
 * A supervisor alert as kept in the alert log (`P:alerts`), with the structured facts behind its text.
 *
 * @example
 * { kind: 'surge', text: 'Surge: 10 complaints about merchant m-42 within 60 min', at: 1764000000000, surge: { dimension: 'merchant', id: 'm-42', count: 10, ... } }
 */
export interface AlertRecord extends SupervisorAlert {
  surge?: SurgeAlert;
  /** For `sla_breached`: which deadline. */
  deadline?: DeadlineKind;
}

/** One complaint with its timeline: what the report reads. */
export interface ReportCase {
  complaint: Complaint;
  timeline: TimelineEvent[];
}

export interface ReportInput {
  /** Period start (inclusive) and end (exclusive), epoch ms; complaints are counted by `createdAt`. */
  from: number;
  to: number;
  /** Cases created in the period (others are ignored). */
  cases: ReportCase[];
  /** When the report is made: decides whether an unmet deadline is still pending or already breached. */
  now: number;
  /** Agent names by id, for the per-agent rows (unknown ids show the id). */
  agentNames?: Record<string, string>;
  /** Alerts from the alert log; those raised within the period are listed. */
  alerts?: AlertRecord[];
  /** How many entries the "top" lists keep (default 5). */
  top?: number;
}

/** p50 / p90 by nearest rank (the smallest observed value with at least p% of values at or below it). */
export interface DurationStats {
  /** How many cases were measured. */
  count: number;
  p50: number | null;
  p90: number | null;
}

/**
 * Outcomes of one kind of deadline over the period's cases that carry it.
 * metOnTime: met at or before `dueAt`; metLate: met after it (a breach may have been recorded first);
 * breached: not met, and an `sla_breached` event was recorded or `dueAt` has passed; pending: not met, not yet due.
 */
export interface SlaKindRow {
  kind: DeadlineKind;
  total: number;
  metOnTime: number;
  metLate: number;
  breached: number;
  pending: number;
  /** metOnTime / (metOnTime + metLate + breached); pending ones are not decided yet. */
  compliance: number | null;
}

export interface Satisfaction {
  rated: number;
  average: number | null;
  /** Index 0 is the count of 1-star ratings … index 4 of 5-star ones. */
  distribution: [number, number, number, number, number];
  /** Share of ratings of 2 or less (those reopen the case for review). */
  lowShare: number | null;
}

export interface ReopenStats {
  /** Cases resolved at least once. */
  resolved: number;
  /** Of those, cases that moved to `reopened` afterwards. */
  reopened: number;
  rate: number | null;
}

/** Process and outcome of one owning team (category group). */
export interface GroupRow {
  group: CategoryGroup;
  cases: number;
  firstResponseP50: number | null;
  resolveP50: number | null;
  averageRating: number | null;
  reopenRate: number | null;
}

/**
 * One agent. claimed: cases with a `claimed` event by them; firstResponseP50: over cases whose first agent
 * reply was theirs; resolved and averageRating: cases they owned when the case was first resolved.
 */
export interface AgentRow {
  agentId: string;
  name: string;
  claimed: number;
  firstResponses: number;
  firstResponseP50: number | null;
  resolved: number;
  rated: number;
  averageRating: number | null;
}

export interface CountRow<K extends string = string> {
  key: K;
  count: number;
}

export interface SurgeSection {
  topMerchants: CountRow[];
  /** Merchants with most complaints the merchant caused (MERCHANT_CAUSED categories: src/reports/merchant-caused.ts). */
  merchantCaused: CountRow[];
  topProducts: CountRow[];
  topCategories: CountRow<Category>[];
  /** Cases triage marked as part of a group complaint. */
  groupComplaints: { count: number; ids: string[] };
  /** Alerts raised within the period, newest first. */
  alerts: AlertRecord[];
}

export interface ComplaintReport {
  period: { from: number; to: number };
  generatedAt: number;
  summary: {
    cases: number;
    open: number;
    /** All deadlines of all kinds together, as in `SlaKindRow.compliance`. */
    slaCompliance: number | null;
    firstResponseP50: number | null;
    resolveP50: number | null;
    averageRating: number | null;
    reopenRate: number | null;
  };
  /** Every category (zeros included) with its team, most cases first. */
  byCategory: Array<CountRow<Category> & { group: CategoryGroup }>;
  /** Every group, zeros included. */
  byGroup: CountRow<CategoryGroup>[];
  /** By the tier the case is at now (an escalation or SLA breach raises it). */
  byTier: CountRow<RiskTier>[];
  /** By current status; statuses with no case are left out. */
  byStatus: CountRow<ComplaintStatus>[];
  sla: SlaKindRow[];
  firstResponse: DurationStats;
  resolve: DurationStats;
  satisfaction: Satisfaction;
  reopen: ReopenStats;
  groups: GroupRow[];
  agents: AgentRow[];
  surges: SurgeSection;
}
