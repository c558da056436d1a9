// The report from hand-built cases: every figure below is worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import type { Complaint, TimelineEvent } from '../../src/complaints/complaint.types.js';
import { buildComplaintReport } from '../../src/reports/complaint-report.js';
import { percentile } from '../../src/reports/report-stats.js';
import type { AlertRecord, ReportCase } from '../../src/reports/report.types.js';
import type { Category, DeadlineKind, RiskTier } from '../../src/triage/triage.types.js';

const T0 = Date.UTC(2026, 2, 2); // period start, 2026-03-02
const M = 60_000;
const at = (min: number) => T0 + min * M;
const DAY = 1440;

const agent = (id: string) => ({ kind: 'agent' as const, id });
const consumer = { kind: 'consumer' as const, id: 'c' };
const system = { kind: 'system' as const, id: 'sla' };
const ev = (min: number, type: TimelineEvent['type'], actor: TimelineEvent['actor'], data?: Record<string, unknown>): TimelineEvent => ({ at: at(min), type, actor, data });
const moved = (min: number, from: string, to: string, actor: TimelineEvent['actor']) => ev(min, 'status_changed', actor, { from, to });

interface Spec {
  id: string; category: Category; tier: RiskTier; created: number; status: Complaint['status'];
  due: Partial<Record<DeadlineKind, number>>; met?: Partial<Record<DeadlineKind, number>>;
  rating?: number; merchantId?: string; productId?: string; group?: boolean; assigneeId?: string;
}

function complaint(s: Spec): Complaint {
  return {
    id: s.id, version: 1, status: s.status, consumerId: `c-${s.id}`, address: { channel: 'test', conversationId: s.id, userId: 'u' },
    category: s.category, orderId: null, description: '', evidence: [], desiredResolution: 'refund', locale: 'en', texts: [],
    merchantId: s.merchantId ?? null, productId: s.productId ?? null,
    triage: {
      category: s.category, tier: s.tier, priority: 50, reasons: [], groupComplaint: s.group,
      emotion: { anger: { flagged: false, intensity: 0 }, anxiety: { flagged: false, intensity: 0 }, cues: [] },
      deadlines: Object.entries(s.due).map(([kind, min]) => ({ kind: kind as DeadlineKind, dueAt: at(min) })),
    },
    assigneeId: s.assigneeId ?? null, proposal: null, rating: s.rating ? { score: s.rating, at: at(s.created) } : null,
    slaMet: Object.fromEntries(Object.entries(s.met ?? {}).map(([k, min]) => [k, at(min)])),
    createdAt: at(s.created), updatedAt: at(s.created),
  };
}

// A: late delivery, low tier, created at 0. Ling claims at 10, replies at 20, resolves at 100; rated 5 (closed).
const A: ReportCase = {
  complaint: complaint({ id: 'A', category: 'late_delivery', tier: 'low', created: 0, status: 'closed', due: { first_response: 30, dispatch: 120 }, met: { dispatch: 10, first_response: 20 }, rating: 5, assigneeId: 'a-ling' }),
  timeline: [
    ev(0, 'created', consumer), moved(0, 'intake', 'queued', system),
    ev(10, 'claimed', agent('a-ling')), moved(10, 'queued', 'claimed', agent('a-ling')),
    ev(20, 'agent_reply', agent('a-ling'), { text: 'On it' }),
    moved(100, 'claimed', 'resolved', agent('a-ling')),
    ev(110, 'rated', consumer, { score: 5 }), moved(110, 'resolved', 'closed', consumer),
  ],
};
// B: counterfeit, high tier, merchant m-luxe, product p-1, group complaint, created at 60. First response breached at 90
// (escalated), Omar claims at 100, replies at 130 (met late), proposes at 200 (report met), consumer accepts at 260; rated 2 → reopened.
const B: ReportCase = {
  complaint: complaint({ id: 'B', category: 'counterfeit', tier: 'high', created: 60, status: 'reopened', due: { first_response: 90, dispatch: 180, report: 780 }, met: { dispatch: 100, first_response: 130, report: 200 }, rating: 2, merchantId: 'm-luxe', productId: 'p-1', group: true, assigneeId: 'a-omar' }),
  timeline: [
    ev(60, 'created', consumer), moved(60, 'intake', 'queued', system),
    ev(90, 'sla_breached', system, { kind: 'first_response' }), moved(90, 'queued', 'escalated', system),
    ev(100, 'claimed', agent('a-omar')), moved(100, 'escalated', 'claimed', agent('a-omar')),
    ev(130, 'agent_reply', agent('a-omar'), { text: 'Sorry' }),
    ev(200, 'proposal', agent('a-omar')), moved(200, 'claimed', 'resolution_proposed', agent('a-omar')),
    ev(260, 'proposal_accepted', consumer), moved(260, 'resolution_proposed', 'resolved', consumer),
    ev(300, 'rated', consumer, { score: 2 }), moved(300, 'resolved', 'reopened', consumer),
  ],
};
// C: quality defect, medium tier, m-luxe, created day 1 (1440). Ling claims at 1450, supervisor Mei transfers to Omar at 1500,
// Omar replies at 1530 (first response late, no breach recorded), resolves at 1600 (plan met); rated 4 (closed).
const C: ReportCase = {
  complaint: complaint({ id: 'C', category: 'quality_defect', tier: 'medium', created: DAY, status: 'closed', due: { first_response: DAY + 30, dispatch: DAY + 120, plan: DAY + 2880 }, met: { dispatch: DAY + 10, first_response: DAY + 90, plan: DAY + 160 }, rating: 4, merchantId: 'm-luxe', assigneeId: 'a-omar' }),
  timeline: [
    ev(DAY, 'created', consumer), moved(DAY, 'intake', 'queued', system),
    ev(DAY + 10, 'claimed', agent('a-ling')), moved(DAY + 10, 'queued', 'claimed', agent('a-ling')),
    ev(DAY + 60, 'transferred', agent('s-mei'), { from: 'a-ling', to: 'a-omar' }),
    ev(DAY + 90, 'agent_reply', agent('a-omar'), { text: 'Checking' }),
    moved(DAY + 160, 'claimed', 'resolved', agent('a-omar')),
    ev(DAY + 200, 'rated', consumer, { score: 4 }), moved(DAY + 200, 'resolved', 'closed', consumer),
  ],
};
// D: billing, low tier, created day 2 (2880), still queued at `now` (2940): first response (due 2910) breached without
// a recorded breach, dispatch (due 3000) pending.
const D: ReportCase = {
  complaint: complaint({ id: 'D', category: 'billing', tier: 'low', created: 2 * DAY, status: 'queued', due: { first_response: 2 * DAY + 30, dispatch: 2 * DAY + 120 } }),
  timeline: [ev(2 * DAY, 'created', consumer), moved(2 * DAY, 'intake', 'queued', system)],
};
// Outside the period: a day before it, and exactly at its (exclusive) end.
const before: ReportCase = { complaint: complaint({ id: 'OLD', category: 'other', tier: 'low', created: -DAY, status: 'queued', due: {} }), timeline: [] };
const atEnd: ReportCase = { complaint: complaint({ id: 'NEXT', category: 'other', tier: 'low', created: 7 * DAY, status: 'queued', due: {} }), timeline: [] };

const alerts: AlertRecord[] = [
  { kind: 'surge', text: 'Surge: 10 complaints about merchant m-luxe within 60 min', at: at(2000) },
  { kind: 'sla_breached', complaintId: 'B', text: 'SLA missed: first response for B', at: at(90), deadline: 'first_response' },
  { kind: 'escalated', complaintId: 'OLD', text: 'before the period', at: at(-60) },
];

const report = buildComplaintReport({
  from: T0, to: at(7 * DAY), now: at(2 * DAY + 60), cases: [before, A, B, C, D, atEnd], alerts,
  agentNames: { 'a-ling': 'Ling', 'a-omar': 'Omar', 's-mei': 'Mei' },
});

describe('percentile (nearest rank)', () => {
  it('is an observed value: the smallest with at least p% at or below it', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([4, 1, 3, 2], 90)).toBe(4);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('complaint report', () => {
  it('counts only cases created in [from, to)', () => {
    expect(report.summary.cases).toBe(4);
    expect(report.summary.open).toBe(2); // B reopened, D queued
  });

  it('counts by category (with its team), group, tier and status', () => {
    expect(report.byCategory.filter((r) => r.count > 0)).toEqual([
      { key: 'billing', count: 1, group: 'billing' }, { key: 'counterfeit', count: 1, group: 'product' },
      { key: 'late_delivery', count: 1, group: 'fulfilment' }, { key: 'quality_defect', count: 1, group: 'product' },
    ]);
    expect(report.byCategory).toHaveLength(10);
    expect(report.byGroup).toEqual([
      { key: 'product', count: 2 }, { key: 'billing', count: 1 }, { key: 'fulfilment', count: 1 }, { key: 'after_sales', count: 0 }, { key: 'other', count: 0 },
    ]);
    expect(report.byTier).toEqual([{ key: 'low', count: 2 }, { key: 'high', count: 1 }, { key: 'medium', count: 1 }]);
    expect(report.byStatus).toEqual([{ key: 'closed', count: 2 }, { key: 'queued', count: 1 }, { key: 'reopened', count: 1 }]);
  });

  it('classifies every deadline: on time, late (even after a recorded breach), breached (recorded or overdue), pending', () => {
    expect(report.sla).toEqual([
      // A on time; B late after its breach; C late without one; D overdue → breached. 1 / (1 + 2 + 1)
      { kind: 'first_response', total: 4, metOnTime: 1, metLate: 2, breached: 1, pending: 0, compliance: 0.25 },
      // A, B, C on time; D not due yet. 3 / 3
      { kind: 'dispatch', total: 4, metOnTime: 3, metLate: 0, breached: 0, pending: 1, compliance: 1 },
      { kind: 'plan', total: 1, metOnTime: 1, metLate: 0, breached: 0, pending: 0, compliance: 1 },
      { kind: 'report', total: 1, metOnTime: 1, metLate: 0, breached: 0, pending: 0, compliance: 1 },
    ]);
    expect(report.summary.slaCompliance).toBe(0.6667); // (1 + 3 + 1 + 1) / (4 + 3 + 1 + 1) = 6 / 9
  });

  it('measures first response and resolution as p50 / p90 over the cases that have them', () => {
    // First replies: A 20 min, B 130 - 60 = 70, C 90; D none. Sorted [20, 70, 90]: p50 rank 2, p90 rank 3.
    expect(report.firstResponse).toEqual({ count: 3, p50: 70 * M, p90: 90 * M });
    // Resolved: A 100, B 260 - 60 = 200, C 160. Sorted [100, 160, 200].
    expect(report.resolve).toEqual({ count: 3, p50: 160 * M, p90: 200 * M });
    expect(report.summary.firstResponseP50).toBe(70 * M);
    expect(report.summary.resolveP50).toBe(160 * M);
  });

  it('sums up satisfaction and reopens', () => {
    // Ratings 5, 2, 4: mean 11 / 3 = 3.67; one of three is 2 or less.
    expect(report.satisfaction).toEqual({ rated: 3, average: 3.67, distribution: [0, 1, 0, 1, 1], lowShare: 0.3333 });
    // Resolved at least once: A, B, C; reopened afterwards: B.
    expect(report.reopen).toEqual({ resolved: 3, reopened: 1, rate: 0.3333 });
    expect(report.summary).toMatchObject({ averageRating: 3.67, reopenRate: 0.3333 });
  });

  it('reports each team (category group) that had cases', () => {
    expect(report.groups).toEqual([
      // B and C: replies 70, 90 → p50 70; resolved 200, 160 → p50 160; ratings 2, 4 → 3; B of 2 reopened.
      { group: 'product', cases: 2, firstResponseP50: 70 * M, resolveP50: 160 * M, averageRating: 3, reopenRate: 0.5 },
      { group: 'fulfilment', cases: 1, firstResponseP50: 20 * M, resolveP50: 100 * M, averageRating: 5, reopenRate: 0 },
      { group: 'billing', cases: 1, firstResponseP50: null, resolveP50: null, averageRating: null, reopenRate: null },
    ]);
  });

  it('credits agents: claims, first replies, and resolutions to the owner at the time (after a transfer)', () => {
    expect(report.agents).toEqual([
      // Ling claimed A and C, first-replied A (20), owned A when resolved (rated 5).
      { agentId: 'a-ling', name: 'Ling', claimed: 2, firstResponses: 1, firstResponseP50: 20 * M, resolved: 1, rated: 1, averageRating: 5 },
      // Omar claimed B, first-replied B (70) and C (90), owned B and C (transferred) when resolved: ratings 2, 4.
      { agentId: 'a-omar', name: 'Omar', claimed: 1, firstResponses: 2, firstResponseP50: 70 * M, resolved: 2, rated: 2, averageRating: 3 },
    ]); // Mei only transferred: no row.
  });

  it('lists what drew the most complaints, group complaints and the alerts of the period', () => {
    expect(report.surges.topMerchants).toEqual([{ key: 'm-luxe', count: 2 }]);
    // Both of m-luxe's cases are merchant-caused (counterfeit, quality defect); A (late delivery) has no merchant.
    expect(report.surges.merchantCaused).toEqual([{ key: 'm-luxe', count: 2 }]);
    expect(report.surges.topProducts).toEqual([{ key: 'p-1', count: 1 }]);
    expect(report.surges.topCategories.map((r) => r.key)).toEqual(['billing', 'counterfeit', 'late_delivery', 'quality_defect']);
    expect(report.surges.groupComplaints).toEqual({ count: 1, ids: ['B'] });
    expect(report.surges.alerts.map((a) => a.at)).toEqual([at(2000), at(90)]);
  });

  it('gives null, not zero, where there is nothing to measure', () => {
    const empty = buildComplaintReport({ from: T0, to: at(DAY), now: at(DAY), cases: [] });
    expect(empty.summary).toEqual({ cases: 0, open: 0, slaCompliance: null, firstResponseP50: null, resolveP50: null, averageRating: null, reopenRate: null });
    expect(empty.sla).toEqual([]);
    expect(empty.agents).toEqual([]);
    expect(empty.satisfaction).toEqual({ rated: 0, average: null, distribution: [0, 0, 0, 0, 0], lowShare: null });
  });
});
