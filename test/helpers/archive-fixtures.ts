/**
 * Archive data for report tests and the report benchmark: varied cases with timelines (seeded, reproducible)
 * to compare SQL with the in-memory report, and bulk rows written straight into the archive tables by one
 * INSERT … SELECT over generate_series, with the formulas the tests count from by hand.
 */
import type { ArchiveDb } from '../../src/archive/archive-db.port.js';
import { OPEN_STATUSES } from '../../src/complaints/complaint-state-machine.js';
import type { Complaint, ComplaintStatus, TimelineEvent } from '../../src/complaints/complaint.types.js';
import type { ReportCase } from '../../src/reports/report.types.js';
import { CATEGORIES, CATEGORY_GROUP, type Category, type DeadlineKind, type RiskTier } from '../../src/triage/triage.types.js';
import { seededRandom } from '../../src/seeded-random.js';

const M = 60_000;


const AGENTS = ['a-ling', 'a-omar', 'a-zoe', 'a-ken'];

/** `n` cases created in [from, from + spanMs): claims, transfers, replies, resolutions, reopenings, ratings, breaches. */
export function variedCases(n: number, from: number, spanMs: number, seed = 1): ReportCase[] {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const created = from + Math.floor(r() * spanMs);
    const tier = pick<RiskTier>(['low', 'medium', 'high']);
    const category = pick<Category>(CATEGORIES);
    const ev = (dt: number, type: TimelineEvent['type'], actor: TimelineEvent['actor'], data?: Record<string, unknown>): TimelineEvent => ({ at: created + dt * M, type, actor, ...(data ? { data } : {}) });
    const agent = (id: string) => ({ kind: 'agent' as const, id });
    const consumer = { kind: 'consumer' as const, id: `c-${i}` };
    const system = { kind: 'system' as const, id: 'sla' };
    const timeline: TimelineEvent[] = [ev(0, 'created', consumer), ev(0, 'status_changed', system, { from: 'intake', to: 'queued' })];
    const deadlines: Array<{ kind: DeadlineKind; dueAt: number }> = [{ kind: 'first_response', dueAt: created + 30 * M }, { kind: 'dispatch', dueAt: created + 120 * M }];
    if (tier === 'medium') deadlines.push({ kind: 'plan', dueAt: created + 2880 * M });
    if (tier === 'high') deadlines.push({ kind: 'report', dueAt: created + 720 * M });
    const slaMet: Record<string, number> = {};
    let status: ComplaintStatus = 'queued';
    let rating: Complaint['rating'] = null;
    let t = 1 + Math.floor(r() * 200);
    if (r() < 0.15) timeline.push(ev(31, 'sla_breached', system, { kind: 'first_response' }));
    if (r() < 0.8) {
      const a = pick(AGENTS);
      timeline.push(ev(t, 'claimed', agent(a)), ev(t, 'status_changed', agent(a), { from: 'queued', to: 'claimed' }));
      slaMet.dispatch = created + t * M;
      status = 'claimed';
      let owner = a;
      if (r() < 0.2) { owner = pick(AGENTS); timeline.push(ev(t += 5, 'transferred', agent('s-mei'), { from: a, to: owner })); }
      if (r() < 0.1) { timeline.push(ev(t += 5, 'released', agent(owner))); owner = pick(AGENTS); timeline.push(ev(t += 1, 'claimed', agent(owner))); }
      if (r() < 0.85) { timeline.push(ev(t += Math.floor(r() * 90), 'agent_reply', agent(owner), { text: 'x' })); slaMet.first_response = created + t * M; }
      if (r() < 0.6) {
        timeline.push(ev(t += Math.floor(r() * 3000), 'status_changed', agent(owner), { from: 'claimed', to: 'resolved' }));
        status = 'resolved';
        if (tier === 'medium' && r() < 0.7) slaMet.plan = created + t * M;
        if (tier === 'high' && r() < 0.7) slaMet.report = created + t * M;
        if (r() < 0.7) {
          const score = 1 + Math.floor(r() * 5);
          rating = { score, at: created + (t += 10) * M };
          timeline.push(ev(t, 'rated', consumer, { score }));
          status = score <= 2 && r() < 0.5 ? 'reopened' : 'closed';
          timeline.push(ev(t, 'status_changed', consumer, { from: 'resolved', to: status }));
        }
      }
    } else if (r() < 0.3) status = 'cancelled';
    const complaint: Complaint = {
      id: `V-${seed}-${i}`, version: timeline.length, status, consumerId: `c-${i % 37}`, address: { channel: 'test', conversationId: `v${i}`, userId: 'u' },
      category, orderId: null, description: '', evidence: [], desiredResolution: 'refund', locale: 'en', texts: [],
      merchantId: r() < 0.7 ? `m-${Math.floor(r() * 8)}` : null, productId: r() < 0.5 ? `p-${Math.floor(r() * 12)}` : null,
      triage: {
        category, tier, priority: 50, reasons: [], groupComplaint: r() < 0.05, deadlines,
        emotion: { anger: { flagged: false, intensity: 0 }, anxiety: { flagged: false, intensity: 0 }, cues: [] },
      },
      assigneeId: null, proposal: null, rating, slaMet, createdAt: created, updatedAt: created + t * M,
    };
    return { complaint, timeline };
  });
}

/** What seedCases writes for case `i` (0-based): the formulas a test counts from. */
export const seeded = {
  category: (i: number): Category => CATEGORIES[i % CATEGORIES.length]!,
  tier: (i: number): RiskTier => (['low', 'medium', 'high'] as const)[i % 3]!,
  status: (i: number): ComplaintStatus => (['queued', 'claimed', 'resolved', 'closed'] as const)[i % 4]!,
  resolved: (i: number) => i % 4 >= 2,
  firstResponseMs: (i: number) => (i % 5 === 0 ? null : (i % 97) * M),
  reopened: (i: number) => i % 4 >= 2 && i % 11 === 0,
  rating: (i: number) => (i % 4 === 3 ? (i % 5) + 1 : null),
  agent: (i: number) => `a-${i % 7}`,
  /** first_response due 30 min after creation, met when answered (answered after 30 min counts late). */
  firstResponseDueMs: 30 * M,
};

/**
 * Writes `n` cases created evenly over [from, from + spanMs) (ids `${prefix}0` …) with their deadlines, straight
 * into the archive tables: server-side, so a million rows need no round trip each. `first`/`count` write one
 * slice of them (a benchmark seeds in chunks).
 */
export async function seedCases(db: ArchiveDb, opts: { n: number; from: number; spanMs: number; prefix: string; first?: number; count?: number }): Promise<void> {
  const cats = `(ARRAY[${CATEGORIES.map((c) => `'${c}'`).join(',')}])`;
  const groups = `(ARRAY[${CATEGORIES.map((c) => `'${CATEGORY_GROUP[c]}'`).join(',')}])`;
  const open = `ARRAY[${OPEN_STATUSES.map((s) => `'${s}'`).join(',')}]`;
  const start = opts.first ?? 0;
  const end = start + (opts.count ?? opts.n) - 1;
  await db.query(`INSERT INTO archive_cases (id, version, status, is_open, category, category_group, tier, consumer_id, merchant_id, product_id,
      locale, desired_resolution, group_complaint, created_at, updated_at, first_response_ms, first_response_by, resolve_ms, owner_at_resolve,
      reopened, claimed_by, rating)
    SELECT $1::text || i, 1, st, st = ANY(${open}), ${cats}[i % ${CATEGORIES.length} + 1], ${groups}[i % ${CATEGORIES.length} + 1],
      (ARRAY['low','medium','high'])[i % 3 + 1], 'c-' || (i % 10007), 'm-' || (i % 50), 'p-' || (i % 200), 'en', 'refund', i % 13 = 0,
      $2::bigint + (i::bigint * $3::bigint) / $4::bigint, $2::bigint + (i::bigint * $3::bigint) / $4::bigint,
      CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 97) * 60000 END, CASE WHEN i % 5 = 0 THEN NULL ELSE 'a-' || (i % 7) END,
      CASE WHEN i % 4 >= 2 THEN (i % 1009) * 60000 END, CASE WHEN i % 4 >= 2 THEN 'a-' || (i % 7) END,
      i % 4 >= 2 AND i % 11 = 0, CASE WHEN i % 5 = 0 THEN '{}'::text[] ELSE ARRAY['a-' || (i % 7)] END,
      CASE WHEN i % 4 = 3 THEN i % 5 + 1 END
    FROM generate_series($5::int, $6::int) AS i, LATERAL (SELECT (ARRAY['queued','claimed','resolved','closed'])[i % 4 + 1] AS st) s`,
  [opts.prefix, opts.from, opts.spanMs, opts.n, start, end]);
  await db.query(`INSERT INTO archive_deadlines (complaint_id, kind, created_at, due_at, met_at, breach_recorded)
    SELECT c.id, 'first_response', c.created_at, c.created_at + ${seeded.firstResponseDueMs}, c.created_at + c.first_response_ms, false
    FROM generate_series($2::int, $3::int) AS i JOIN archive_cases c ON c.id = $1::text || i`, [opts.prefix, start, end]);
}
