/**
 * The complaint report as SQL over the archive: every case created in the period, no cap. Each figure means
 * what `buildComplaintReport` (src/reports/complaint-report.ts) computes from cases in memory — the contract
 * test checks the two agree — but PostgreSQL aggregates, so only counts and a few rows cross the wire.
 * Percentiles are `percentile_disc`, which is the nearest rank of report-stats.ts.
 */
import { COMPLAINT_STATUSES } from '../complaints/complaint.types.js';
import { CATEGORIES, CATEGORY_GROUP, type DeadlineKind } from '../triage/triage.types.js';
import { DEADLINE_KINDS, GROUPS, TIERS } from '../reports/complaint-report.js';
import { durationStats, rankCounts, round, share } from '../reports/report-stats.js';
import type { AgentRow, AlertRecord, CategoryGroup, ComplaintReport, GroupRow, SlaKindRow } from '../reports/report.types.js';
import type { SqlRunner } from './archive-db.port.js';
import { caseCounts, keyCounts, rollupParams, type CaseCounts, type KeyCounts } from './archive-report-rollup.js';
import { durations, PERIOD, replyTimes, type Durations } from './archive-report-scans.js';

export interface ArchiveReportInput {
  from: number;
  to: number;
  now: number;
  agentNames?: Record<string, string>;
  top?: number;
}

/** The newest alerts of the period that the report lists (the counts above them are uncapped). */
export const REPORT_ALERTS_MAX = 500;

type Num = number | null;
const avg = (sum: Num, n: number): Num => (n > 0 && sum !== null ? round(sum / n) : null);

interface SlaSql { kind: DeadlineKind; total: number; on_time: number; late: number; breached: number; pending: number }

/** `$3` is the report's now: an unmet deadline past it counts as breached, as in case-facts.ts. */
function sla(db: SqlRunner, p: unknown[], now: number): Promise<SlaSql[]> {
  return db.query<SlaSql>(`SELECT kind, count(*)::int AS total,
      count(*) FILTER (WHERE met_at IS NOT NULL AND met_at <= due_at)::int AS on_time,
      count(*) FILTER (WHERE met_at IS NOT NULL AND met_at > due_at)::int AS late,
      count(*) FILTER (WHERE met_at IS NULL AND (breach_recorded OR due_at < $3))::int AS breached,
      count(*) FILTER (WHERE met_at IS NULL AND NOT breach_recorded AND due_at >= $3)::int AS pending
    FROM archive_deadlines WHERE ${PERIOD} GROUP BY kind`, [...p, now]);
}

interface AgentSql { agent: string; claimed: number; fr_n: number; fr_p50: Num; resolved: number; rated: number; rating_sum: Num }

/** Per agent: cases they claimed, first replied to and owned at the first resolution (rollup), and the reply median (scan). */
function agents(keys: KeyCounts, medians: Awaited<ReturnType<typeof replyTimes>>): AgentSql[] {
  const p50 = new Map(medians.map((x) => [x.agent, x.p50]));
  return [...keys.agents].map(([agent, k]) => ({
    agent, claimed: k.claimed, fr_n: k.replied, fr_p50: p50.get(agent) ?? null, resolved: k.resolved, rated: k.rated, rating_sum: k.ratingSum,
  }));
}

/** The rollup's counts by key, then the reply median of each agent it names as having replied. */
async function keysAndMedians(db: SqlRunner, rp: number[], p: number[]): Promise<{ keys: KeyCounts; medians: Awaited<ReturnType<typeof replyTimes>> }> {
  const keys = await keyCounts(db, rp);
  const replied = [...keys.agents].filter(([, a]) => a.replied > 0).map(([id]) => id);
  return { keys, medians: await replyTimes(db, p, replied) };
}

function agentRows(rows: AgentSql[], names: Record<string, string>): AgentRow[] {
  return rows.map((r) => ({
    agentId: r.agent, name: names[r.agent] ?? r.agent, claimed: r.claimed,
    firstResponses: r.fr_n, firstResponseP50: r.fr_p50, resolved: r.resolved, rated: r.rated, averageRating: avg(r.rating_sum, r.rated),
  })).sort((a, b) => b.claimed - a.claimed || b.resolved - a.resolved || a.name.localeCompare(b.name));
}

function slaRows(rows: SlaSql[]): SlaKindRow[] {
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return DEADLINE_KINDS.flatMap((kind) => {
    const r = byKind.get(kind);
    if (!r || r.total === 0) return [];
    return [{ kind, total: r.total, metOnTime: r.on_time, metLate: r.late, breached: r.breached, pending: r.pending, compliance: share(r.on_time, r.on_time + r.late + r.breached) }];
  });
}

function groupRows(counts: CaseCounts, d: Durations): GroupRow[] {
  return GROUPS.flatMap((group) => {
    const t = counts.byGroup.get(group);
    if (!t || t.cases === 0) return [];
    const p = d.byGroup.get(group);
    return [{ group, cases: t.cases, firstResponseP50: p?.fr ?? null, resolveP50: p?.rs ?? null, averageRating: avg(t.rating_sum, t.rated), reopenRate: share(t.reopened, t.rs_n) }];
  });
}

/** The report for complaints created in [from, to), from the archive. Queries run side by side where the engine allows. */
export async function archiveReport(db: SqlRunner, input: ArchiveReportInput): Promise<ComplaintReport> {
  const p = [input.from, input.to];
  const top = input.top ?? 5;
  const rp = rollupParams(input.from, input.to);
  const [counts, { keys, medians }, times, slaSql, groupIds, alerts] = await Promise.all([
    caseCounts(db, rp), keysAndMedians(db, rp, p), durations(db, p), sla(db, p, input.now),
    db.query<{ id: string }>(`SELECT id FROM archive_cases WHERE ${PERIOD} AND group_complaint ORDER BY created_at, id COLLATE "C" LIMIT 50`, p),
    db.query<{ doc: AlertRecord }>('SELECT doc FROM archive_alerts WHERE at >= $1 AND at < $2 ORDER BY at DESC LIMIT $3', [...p, REPORT_ALERTS_MAX]),
  ]);
  const agentSql = agents(keys, medians);
  const topOf = (m: Map<string, number>) => rankCounts(m).slice(0, top);
  const byCategoryCounts = counts.category;
  const byGroupCounts = new Map<CategoryGroup, number>();
  for (const [cat, n] of byCategoryCounts) byGroupCounts.set(CATEGORY_GROUP[cat], (byGroupCounts.get(CATEGORY_GROUP[cat]) ?? 0) + n);
  const sla_ = slaRows(slaSql);
  const decided = sla_.reduce((s, r) => s + r.metOnTime + r.metLate + r.breached, 0);
  const totalsRow = counts.total;
  const firstResponse = { count: totalsRow.fr_n, p50: times.firstResponse?.[0] ?? null, p90: times.firstResponse?.[1] ?? null };
  const resolve = { count: totalsRow.rs_n, p50: times.resolve?.[0] ?? null, p90: times.resolve?.[1] ?? null };
  const averageRating = avg(totalsRow.rating_sum, totalsRow.rated);
  const reopenRate = share(totalsRow.reopened, totalsRow.rs_n);
  return {
    period: { from: input.from, to: input.to },
    generatedAt: input.now,
    summary: {
      cases: totalsRow.cases, open: totalsRow.open,
      slaCompliance: share(sla_.reduce((s, r) => s + r.metOnTime, 0), decided),
      firstResponseP50: firstResponse.p50, resolveP50: resolve.p50, averageRating, reopenRate,
    },
    byCategory: rankCounts(byCategoryCounts, CATEGORIES).map((r) => ({ ...r, group: CATEGORY_GROUP[r.key] })),
    byGroup: rankCounts(byGroupCounts, GROUPS),
    byTier: rankCounts(counts.tier, TIERS),
    byStatus: rankCounts(counts.status, COMPLAINT_STATUSES).filter((r) => r.count > 0),
    sla: sla_,
    firstResponse: totalsRow.fr_n ? firstResponse : durationStats([]),
    resolve: totalsRow.rs_n ? resolve : durationStats([]),
    satisfaction: {
      rated: totalsRow.rated, average: averageRating,
      distribution: [totalsRow.r1, totalsRow.r2, totalsRow.r3, totalsRow.r4, totalsRow.r5],
      lowShare: share(totalsRow.r1 + totalsRow.r2, totalsRow.rated),
    },
    reopen: { resolved: totalsRow.rs_n, reopened: totalsRow.reopened, rate: reopenRate },
    groups: groupRows(counts, times),
    agents: agentRows(agentSql, input.agentNames ?? {}),
    surges: {
      topMerchants: topOf(keys.merchants), merchantCaused: topOf(keys.merchantCaused), topProducts: topOf(keys.products),
      topCategories: rankCounts(byCategoryCounts).filter((r) => r.count > 0).slice(0, top),
      groupComplaints: { count: totalsRow.group_n, ids: groupIds.map((r) => r.id) },
      alerts: alerts.map((a) => a.doc),
    },
  };
}
