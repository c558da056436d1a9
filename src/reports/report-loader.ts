/**
 * Reads what a report needs and builds it. With the archive (PostgreSQL), the whole period is aggregated in
 * SQL with no cap (src/archive/archive-report.ts); without it, the cases of the period, their timelines and
 * the alerts are read from Redis, up to MAX_REPORT_CASES.
 */
import type { RedisAgentStore } from '../agents/redis-agent.store.js';
import type { SqlRunner } from '../archive/archive-db.port.js';
import { archiveReport } from '../archive/archive-report.js';
import type { RedisComplaintStore } from '../complaints/redis-complaint.store.js';
import type { AlertLog } from './alert-log.js';
import { buildComplaintReport } from './complaint-report.js';
import type { ReportPeriod } from './report-period.js';
import type { ComplaintReport } from './report.types.js';

/** Without the archive, more cases than this in one period are not read; the report says so (`truncated`). */
export const MAX_REPORT_CASES = 10_000;

export interface ReportSources {
  store: RedisComplaintStore;
  agents: RedisAgentStore;
  alerts: AlertLog;
  /** The archive (core.archive?.db): when given, the report comes from it, complete. */
  archive?: SqlRunner | null;
}

export interface LoadedReport extends Omit<ComplaintReport, 'period'> {
  period: ComplaintReport['period'] & Pick<ReportPeriod, 'fromDate' | 'toDate' | 'days'>;
  /** True when the period held more than MAX_REPORT_CASES cases and only the first ones were counted (never with the archive). */
  truncated: boolean;
  /** Where the figures come from. */
  source: 'archive' | 'redis';
}

export async function loadComplaintReport(src: ReportSources, period: ReportPeriod, now: number): Promise<LoadedReport> {
  const { fromDate, toDate, days } = period;
  if (src.archive) {
    const agents = await src.agents.list();
    const report = await archiveReport(src.archive, { from: period.from, to: period.to, now, agentNames: Object.fromEntries(agents.map((a) => [a.id, a.name])) });
    return { ...report, period: { ...report.period, fromDate, toDate, days }, truncated: false, source: 'archive' };
  }
  const found = await src.store.listCreatedBetween(period.from, period.to, MAX_REPORT_CASES + 1);
  const complaints = found.slice(0, MAX_REPORT_CASES);
  const [timelines, agents, alerts] = await Promise.all([
    Promise.all(complaints.map((c) => src.store.timeline(c.id))),
    src.agents.list(),
    src.alerts.recent(),
  ]);
  const report = buildComplaintReport({
    from: period.from, to: period.to, now, alerts,
    cases: complaints.map((complaint, i) => ({ complaint, timeline: timelines[i] ?? [] })),
    agentNames: Object.fromEntries(agents.map((a) => [a.id, a.name])),
  });
  return { ...report, period: { ...report.period, fromDate, toDate, days }, truncated: found.length > MAX_REPORT_CASES, source: 'redis' };
}
