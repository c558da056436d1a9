/**
 * Builds the complaint-handling report from complaints and their timelines: a pure function, so every
 * figure is testable by hand. Definitions are on the types in `report.types.ts`.
 */
import { merchantCaused } from './merchant-caused.js';
import { isOpen } from '../complaints/complaint-state-machine.js';
import { COMPLAINT_STATUSES } from '../complaints/complaint.types.js';
import { CATEGORIES, CATEGORY_GROUP, type DeadlineKind, type RiskTier } from '../triage/triage.types.js';
import { caseFacts, type CaseFacts } from './case-facts.js';
import { countBy, durationStats, mean, percentile, share } from './report-stats.js';
import type { AgentRow, CategoryGroup, ComplaintReport, GroupRow, ReportCase, ReportInput, SlaKindRow, SurgeSection } from './report.types.js';

export const GROUPS: CategoryGroup[] = ['product', 'fulfilment', 'after_sales', 'billing', 'other'];
export const TIERS: RiskTier[] = ['low', 'medium', 'high'];
export const DEADLINE_KINDS: DeadlineKind[] = ['first_response', 'dispatch', 'plan', 'report'];

interface Row { rc: ReportCase; f: CaseFacts }

const firstResponses = (rows: Row[]) => rows.flatMap(({ f }) => (f.firstResponse ? [f.firstResponse.ms] : []));
const resolveTimes = (rows: Row[]) => rows.flatMap(({ f }) => (f.resolveMs !== null ? [f.resolveMs] : []));
const ratings = (rows: Row[]) => rows.flatMap(({ f }) => (f.rating !== null ? [f.rating] : []));

function reopenOf(rows: Row[]): ComplaintReport['reopen'] {
  const resolved = rows.filter(({ f }) => f.resolveMs !== null);
  const reopened = resolved.filter(({ f }) => f.reopened).length;
  return { resolved: resolved.length, reopened, rate: share(reopened, resolved.length) };
}

function slaRows(rows: Row[]): SlaKindRow[] {
  return DEADLINE_KINDS.map((kind) => {
    const outcomes = rows.flatMap(({ f }) => f.sla.filter((s) => s.kind === kind).map((s) => s.outcome));
    const n = (o: string) => outcomes.filter((x) => x === o).length;
    const [metOnTime, metLate, breached, pending] = [n('metOnTime'), n('metLate'), n('breached'), n('pending')];
    return { kind, total: outcomes.length, metOnTime, metLate, breached, pending, compliance: share(metOnTime, metOnTime + metLate + breached) };
  }).filter((r) => r.total > 0);
}

function satisfactionOf(rows: Row[]): ComplaintReport['satisfaction'] {
  const scores = ratings(rows);
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const s of scores) if (s >= 1 && s <= 5) distribution[s - 1]! += 1;
  return { rated: scores.length, average: mean(scores), distribution, lowShare: share(scores.filter((s) => s <= 2).length, scores.length) };
}

function groupRows(rows: Row[]): GroupRow[] {
  return GROUPS.map((group) => {
    const mine = rows.filter(({ rc }) => CATEGORY_GROUP[rc.complaint.category] === group);
    return {
      group, cases: mine.length,
      firstResponseP50: percentile(firstResponses(mine), 50), resolveP50: percentile(resolveTimes(mine), 50),
      averageRating: mean(ratings(mine)), reopenRate: reopenOf(mine).rate,
    };
  }).filter((g) => g.cases > 0);
}

function agentRows(rows: Row[], names: Record<string, string>): AgentRow[] {
  const ids = new Set<string>();
  for (const { f } of rows) {
    for (const id of f.claimedBy) ids.add(id);
    if (f.firstResponse) ids.add(f.firstResponse.by);
    if (f.ownerAtResolve) ids.add(f.ownerAtResolve);
  }
  return [...ids].map((agentId) => {
    const replied = rows.flatMap(({ f }) => (f.firstResponse?.by === agentId ? [f.firstResponse.ms] : []));
    const owned = rows.filter(({ f }) => f.ownerAtResolve === agentId);
    const scores = ratings(owned);
    return {
      agentId, name: names[agentId] ?? agentId,
      claimed: rows.filter(({ f }) => f.claimedBy.has(agentId)).length,
      firstResponses: replied.length, firstResponseP50: percentile(replied, 50),
      resolved: owned.length, rated: scores.length, averageRating: mean(scores),
    };
  }).sort((a, b) => b.claimed - a.claimed || b.resolved - a.resolved || a.name.localeCompare(b.name));
}

function surgeSection(rows: Row[], input: ReportInput): SurgeSection {
  const top = input.top ?? 5;
  const cs = rows.map(({ rc }) => rc.complaint);
  const present = (xs: Array<string | null | undefined>) => xs.filter((x): x is string => !!x);
  const group = cs.filter((c) => c.triage.groupComplaint);
  return {
    topMerchants: countBy(present(cs.map((c) => c.merchantId))).slice(0, top),
    merchantCaused: countBy(present(cs.filter(merchantCaused).map((c) => c.merchantId))).slice(0, top),
    topProducts: countBy(present(cs.map((c) => c.productId))).slice(0, top),
    topCategories: countBy(cs.map((c) => c.category)).slice(0, top),
    groupComplaints: { count: group.length, ids: group.map((c) => c.id).slice(0, 50) },
    alerts: (input.alerts ?? []).filter((a) => a.at >= input.from && a.at < input.to).sort((a, b) => b.at - a.at),
  };
}

/**
 * The report for complaints created in [from, to).
 *
 * @example
 * buildComplaintReport({ from, to, now: Date.now(), cases: [{ complaint, timeline }], agentNames: { 'a-ling': 'Ling' } })
 */
export function buildComplaintReport(input: ReportInput): ComplaintReport {
  const rows: Row[] = input.cases
    .filter(({ complaint: c }) => c.createdAt >= input.from && c.createdAt < input.to)
    .map((rc) => ({ rc, f: caseFacts(rc, input.now) }));
  const cs = rows.map(({ rc }) => rc.complaint);
  const sla = slaRows(rows);
  const decided = sla.reduce((s, r) => s + r.metOnTime + r.metLate + r.breached, 0);
  const firstResponse = durationStats(firstResponses(rows));
  const resolve = durationStats(resolveTimes(rows));
  const satisfaction = satisfactionOf(rows);
  const reopen = reopenOf(rows);
  return {
    period: { from: input.from, to: input.to },
    generatedAt: input.now,
    summary: {
      cases: cs.length, open: cs.filter((c) => isOpen(c.status)).length,
      slaCompliance: share(sla.reduce((s, r) => s + r.metOnTime, 0), decided),
      firstResponseP50: firstResponse.p50, resolveP50: resolve.p50,
      averageRating: satisfaction.average, reopenRate: reopen.rate,
    },
    byCategory: countBy(cs.map((c) => c.category), CATEGORIES).map((r) => ({ ...r, group: CATEGORY_GROUP[r.key] })),
    byGroup: countBy(cs.map((c) => CATEGORY_GROUP[c.category]), GROUPS),
    byTier: countBy(cs.map((c) => c.triage.tier), TIERS),
    byStatus: countBy(cs.map((c) => c.status), COMPLAINT_STATUSES).filter((r) => r.count > 0),
    sla, firstResponse, resolve, satisfaction, reopen,
    groups: groupRows(rows),
    agents: agentRows(rows, input.agentNames ?? {}),
    surges: surgeSection(rows, input),
  };
}
