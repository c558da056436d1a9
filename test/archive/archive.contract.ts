/**
 * One set of expectations for every archive engine (a real PostgreSQL server and embedded PGlite): what a
 * filed and worked case leaves in the archive, idempotent re-runs, version order, and migrations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../src/archive/archive-db.port.js';
import { migrate, migrationFiles } from '../../src/archive/archive-migrations.js';
import { ArchiveProjection } from '../../src/archive/archive-projection.js';
import { ArchiveReader } from '../../src/archive/archive-reader.js';
import { archiveReport } from '../../src/archive/archive-report.js';
import { buildComplaintReport } from '../../src/reports/complaint-report.js';
import { loadComplaintReport } from '../../src/reports/report-loader.js';
import { reportPeriod } from '../../src/reports/report-period.js';
import type { AlertRecord, ReportCase } from '../../src/reports/report.types.js';
import { CATEGORIES, type RiskTier } from '../../src/triage/triage.types.js';
import { seedCases, seeded, variedCases } from '../helpers/archive-fixtures.js';
import { eraseInArchive } from '../../src/privacy/archive-erasure.js';
import { rollupAndRecount } from './rollup-recount.js';
import { draft } from '../complaints/core-fixture.js';
import { consumer, eventually, fileComplaint, startTestApp, type TestApp } from '../helpers/test-app.js';
import { TestRedis } from '../helpers/redis-server.js';

export interface ArchiveEngine {
  /** Environment for startTestApp that points the app at a fresh archive of this engine. */
  appEnv(): Promise<Record<string, string>>;
  /** Two handles on one fresh, unmigrated database (the same handle twice where the engine allows only one). */
  openPair(): Promise<[ArchiveDb, ArchiveDb]>;
  teardown(): Promise<void>;
}

export function archiveContract(name: string, engine: () => ArchiveEngine): void {
  describe(`archive contract: ${name}`, () => {
    const redis = new TestRedis();
    let e: ArchiveEngine;
    let t: TestApp;
    let db: ArchiveDb;

    beforeAll(async () => {
      e = engine();
      await redis.start();
      t = await startTestApp(redis.url, await e.appEnv());
      db = t.app.core.archive!.db;
      await t.app.core.agents.upsert({ id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500 });
    }, 120_000);
    afterAll(async () => {
      await t?.app.close();
      await redis.destroy();
      await e?.teardown();
    });

    const archived = async (id: string) => (await db.query<{ version: number; status: string; first_response_by: string | null; claimed_by: string[] }>(
      'SELECT version, status, first_response_by, claimed_by FROM archive_cases WHERE id = $1', [id]))[0];
    const archivedTimeline = async (id: string) => (await db.query<{ seq: number; type: string }>(
      'SELECT seq, type FROM archive_events WHERE complaint_id = $1 ORDER BY seq', [id])).map((r) => r.type);

    it('a filed and worked case is in the archive at its latest version, with its timeline in order, its profile and its facts', async () => {
      const c = consumer(t);
      const id = await fileComplaint(c);
      await t.app.core.agentOps.claim('a-ling', id);
      const worked = await t.app.core.agentOps.reply('a-ling', id, 'We are looking into it.');
      await eventually(async () => (await archived(id))?.version === worked.version, 'the archive to reach the last version');
      const row = await archived(id);
      expect(row).toMatchObject({ status: 'claimed', first_response_by: 'a-ling', claimed_by: ['a-ling'] });
      const [doc] = await db.query<{ doc: { version: number; assigneeId: string } }>('SELECT doc FROM archive_case_docs WHERE id = $1', [id]);
      expect(doc?.doc).toMatchObject({ version: worked.version, assigneeId: 'a-ling' });
      const timeline = (await t.app.core.store.timeline(id)).map((ev) => ev.type);
      expect(timeline).toContain('agent_reply');
      await eventually(async () => (await archivedTimeline(id)).length === timeline.length, 'the whole timeline');
      expect(await archivedTimeline(id)).toEqual(timeline);
      const [profile] = await db.query<{ doc: { complaintIds: string[] } }>('SELECT doc FROM archive_profiles WHERE consumer_id = $1', [c.consumerId]);
      expect(profile?.doc.complaintIds).toContain(id);
    });

    it('a case, its timeline, the consumer\'s cases and profile read back from the archive exactly as Redis holds them', async () => {
      const c = consumer(t);
      const first = await fileComplaint(c, 'refund', 'B20000001');
      // A second case of the same consumer, about another order, filed through the service (the dialog would offer the open one).
      const second = (await t.app.core.complaints.submit(c.address, c.consumerId, draft({ orderId: 'B20000002' }))).complaint.id;
      const worked = await t.app.core.agentOps.claim('a-ling', second);
      await eventually(async () => (await archived(second))?.version === worked.version, 'the claim in the archive');
      const reader = new ArchiveReader(db);
      for (const id of [first, second]) {
        expect(await reader.complaint(id)).toEqual(await t.app.core.store.get(id));
        await eventually(async () => (await reader.timeline(id)).length === (await t.app.core.store.timeline(id)).length, `the timeline of ${id}`);
        expect(await reader.timeline(id)).toEqual(await t.app.core.store.timeline(id));
      }
      expect((await reader.listByConsumer(c.consumerId)).map((x) => x.id)).toEqual([second, first]);
      expect(await reader.profile(c.consumerId)).toEqual(await t.app.core.profiles.get(c.consumerId));
      expect((await reader.search({ orderId: 'B20000002' })).map((x) => x.id)).toEqual([second]);
      expect((await reader.search({ consumerId: c.consumerId, status: 'claimed' })).map((x) => x.id)).toEqual([second]);
      expect(await reader.search({ consumerId: c.consumerId, createdTo: 0 })).toEqual([]);
      expect(await reader.complaint('RD-00000000-0000')).toBeNull();
    });

    it('re-running the side effect for a change adds nothing; an older version never overwrites a newer one', async () => {
      const id = await fileComplaint(consumer(t));
      const claimed = await t.app.core.agentOps.claim('a-ling', id);
      await eventually(async () => (await archived(id))?.version === claimed.version, 'the claim in the archive');
      const events = await archivedTimeline(id);
      const project = t.app.core.archive!.project;
      await project({ complaint: claimed, previous: { status: 'queued', triage: claimed.triage }, events: [] });
      await project({ complaint: claimed, previous: { status: 'queued', triage: claimed.triage }, events: [] });
      expect(await archivedTimeline(id)).toEqual(events);
      const older = { ...claimed, version: claimed.version - 1, status: 'queued' as const, assigneeId: null };
      await project({ complaint: older, previous: null, events: [] });
      expect(await archived(id)).toMatchObject({ version: claimed.version, status: 'claimed' });
      const [doc] = await db.query<{ doc: { version: number } }>('SELECT doc FROM archive_case_docs WHERE id = $1', [id]);
      expect(doc?.doc.version).toBe(claimed.version);
      const [deadlines] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM archive_deadlines WHERE complaint_id = $1', [id]);
      expect(deadlines?.n).toBe(claimed.triage.deadlines.length);
    });

    it('a supervisor alert raised twice under one key is archived once', async () => {
      const alert = { kind: 'escalated' as const, text: 'Case RD-x escalated', at: Date.now(), complaintId: 'RD-x' };
      await t.app.core.alerts.raise(alert, 'contract-alert');
      await t.app.core.alerts.raise(alert, 'contract-alert');
      const rows = await db.query<{ kind: string }>('SELECT kind FROM archive_alerts WHERE once_key = $1', ['contract-alert']);
      expect(rows).toEqual([{ kind: 'escalated' }]);
    });

    it('migrations run once: two at once apply each file once, and a re-run applies nothing', async () => {
      const [a, b] = await e.openPair();
      try {
        const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
        const all = migrationFiles().map((m) => m.name);
        expect([...ra, ...rb].sort()).toEqual(all);
        expect(await migrate(a)).toEqual([]);
        const rows = await a.query<{ name: string }>('SELECT name FROM archive_migrations ORDER BY version');
        expect(rows.map((r) => r.name)).toEqual(all);
        expect(await a.query('SELECT count(*)::int AS n FROM archive_cases')).toEqual([{ n: 0 }]);
      } finally {
        await a.close();
        if (b !== a) await b.close();
      }
    }, 120_000);

    it('the SQL report over the archive equals the in-memory report over the same 400 varied cases', async () => {
      const from = Date.UTC(2025, 0, 1);
      const to = from + 30 * 86_400_000;
      // Some before and after the period, which neither report may count.
      const cases = [...variedCases(400, from, to - from, 7), ...variedCases(20, from - 86_400_000, 86_400_000, 8), ...variedCases(20, to, 86_400_000, 9)];
      const timelines = new Map(cases.map((c) => [c.complaint.id, c.timeline]));
      const projection = new ArchiveProjection(db, { timeline: async (id) => timelines.get(id) ?? [], profile: async () => null });
      for (const c of cases) await projection.project({ complaint: c.complaint, previous: null, events: [] });
      const alerts: AlertRecord[] = [0, 1, 2, 3].map((i) => ({ kind: 'surge', text: `surge ${i}`, at: from + i * 3_600_000 }));
      alerts.push({ kind: 'escalated', text: 'before', at: from - 1 });
      for (const [i, a] of alerts.entries()) await projection.recordAlert(a, `equiv-${i}`);
      const now = from + 20 * 86_400_000;
      const agentNames = { 'a-ling': 'Ling', 'a-omar': 'Omar' };
      // In the order the Redis loader reads them (by creation time, then id), which the group-complaint ids follow.
      const inOrder = [...cases].sort((a, b) => a.complaint.createdAt - b.complaint.createdAt || (a.complaint.id < b.complaint.id ? -1 : 1));
      const expected = buildComplaintReport({ from, to, now, cases: inOrder, alerts, agentNames });
      expect(expected.summary.cases).toBe(400);
      expect(expected.agents.length).toBeGreaterThan(3);
      expect(await archiveReport(db, { from, to, now, agentNames })).toEqual(expected);
    }, 60_000);

    it('the rollups follow a case that changes after projection: counted once, in its latest bucket, after updates, a stale retry, erasure and a delete', async () => {
      const from = Date.UTC(2023, 5, 1);
      const to = from + 10 * 86_400_000;
      const cases = variedCases(120, from - 86_400_000, 12 * 86_400_000, 21);
      const timelines = new Map(cases.map((c) => [c.complaint.id, c.timeline]));
      const projection = new ArchiveProjection(db, { timeline: async (id) => timelines.get(id) ?? [], profile: async () => null });
      for (const c of cases) await projection.project({ complaint: c.complaint, previous: null, events: [] });
      // Every third case moves: tier, status, category, merchant and rating change at a newer version.
      const latest = cases.map((c, i): ReportCase => {
        if (i % 3) return c;
        const { complaint: old } = c;
        const category = CATEGORIES[(CATEGORIES.indexOf(old.category) + 1) % CATEGORIES.length]!;
        const tier: RiskTier = old.triage.tier === 'high' ? 'low' : 'high';
        const complaint = {
          ...old, version: old.version + 1, category, status: old.status === 'closed' ? 'reopened' as const : 'closed' as const,
          merchantId: old.merchantId ? null : 'm-moved', rating: old.rating ? null : { score: 4, at: old.updatedAt }, triage: { ...old.triage, category, tier },
        };
        return { complaint, timeline: c.timeline };
      });
      for (const [i, c] of latest.entries()) {
        if (i % 3) continue;
        await projection.project({ complaint: c.complaint, previous: cases[i]!.complaint, events: [] });
        await projection.project({ complaint: cases[i]!.complaint, previous: null, events: [] });
      }
      await eraseInArchive(db, latest[1]!.complaint.consumerId, 'erased-1', latest.filter((c) => c.complaint.consumerId === latest[1]!.complaint.consumerId).map((c) => c.complaint.id));
      await db.query('DELETE FROM archive_cases WHERE id = $1', [latest[2]!.complaint.id]);
      const kept = latest.filter((_, i) => i !== 2);
      const { rollup, recount } = await rollupAndRecount(db);
      expect(rollup).toEqual(recount);
      const now = to;
      const inOrder = [...kept].sort((a, b) => a.complaint.createdAt - b.complaint.createdAt || (a.complaint.id < b.complaint.id ? -1 : 1));
      expect(await archiveReport(db, { from, to, now })).toEqual(buildComplaintReport({ from, to, now, cases: inOrder, alerts: [] }));
      // Edges inside a day come from the rows, the days between from the rollup.
      const [f, t2] = [from + 5 * 3_600_000, to - 7 * 3_600_000];
      const report = await archiveReport(db, { from: f, to: t2, now });
      expect(report).toEqual(buildComplaintReport({ from: f, to: t2, now, cases: inOrder, alerts: [] }));
      expect(report.summary.cases).toBeLessThan(kept.length);
    }, 60_000);

    it('a period with more than 10,000 cases is reported whole, matching counts made by hand', async () => {
      const period = reportPeriod({ from: '2024-03-01', to: '2024-04-29' }, Date.UTC(2024, 5, 1));
      const n = 12_345;
      await seedCases(db, { n, from: period.from, spanMs: period.to - period.from, prefix: 'BIG-' });
      await seedCases(db, { n: 100, from: period.from - 86_400_000, spanMs: 86_400_000, prefix: 'BEFORE-' });
      await seedCases(db, { n: 100, from: period.to, spanMs: 86_400_000, prefix: 'AFTER-' });
      const byCategory = new Map<string, number>();
      let resolved = 0; let reopened = 0; let rated = 0; let ratingSum = 0; let answered = 0; let late = 0;
      const claimedByA0 = { n: 0 };
      for (let i = 0; i < n; i++) {
        byCategory.set(seeded.category(i), (byCategory.get(seeded.category(i)) ?? 0) + 1);
        if (seeded.resolved(i)) resolved++;
        if (seeded.reopened(i)) reopened++;
        const r = seeded.rating(i);
        if (r !== null) { rated++; ratingSum += r; }
        const fr = seeded.firstResponseMs(i);
        if (fr !== null) { answered++; if (fr > seeded.firstResponseDueMs) late++; if (seeded.agent(i) === 'a-0') claimedByA0.n++; }
      }
      const report = await loadComplaintReport({ store: t.app.core.store, agents: t.app.core.agents, alerts: t.app.core.alertLog, archive: db }, period, Date.UTC(2024, 5, 1));
      expect(report).toMatchObject({ source: 'archive', truncated: false });
      expect(report.summary.cases).toBe(n);
      expect(report.byCategory.map((r) => [r.key, r.count]).sort()).toEqual(CATEGORIES.map((c) => [c, byCategory.get(c) ?? 0]).sort());
      expect(report.reopen).toMatchObject({ resolved, reopened });
      expect(report.satisfaction).toMatchObject({ rated, average: Math.round((ratingSum / rated) * 100) / 100 });
      expect(report.firstResponse.count).toBe(answered);
      const fr = report.sla.find((r) => r.kind === 'first_response');
      expect(fr).toMatchObject({ total: n, metLate: late, metOnTime: answered - late, breached: n - answered, pending: 0 });
      expect(report.agents.find((a) => a.agentId === 'a-0')?.claimed).toBe(claimedByA0.n);
    }, 120_000);
  });
}
