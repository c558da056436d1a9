/**
 * npm run bench:reports [-- --cases N --days D --runs R --json --explain]
 *
 * The complaint report as SQL over the archive (src/archive/archive-report.ts) on a real PostgreSQL spawned here
 * (test/helpers/postgres-server.ts: Debian's postgresql, durability off as in the tests, work_mem 64MB). Seeds
 * N archived cases (default 1,000,000, with their first-response deadlines) spread evenly over a D-day period
 * (default 92, the longest a report may cover, so every case is in it), runs ANALYZE, then times the whole
 * report for that period R times after one warm-up. Goal: under 2 s.
 *
 * First, the cost of the archive side effect itself: 500 varied changes projected one at a time (ArchiveProjection,
 * one transaction each), on the same server.
 *
 * Besides wall time it reports the CPU the server spent per report (from /proc, over all its processes): the
 * machines here are shared, so wall time depends on the neighbours' load (printed too) and CPU time does not.
 *
 * `--explain`: instead of timing the report, each of its statements alone under EXPLAIN ANALYZE (bench/report-query-times.ts).
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { migrate } from '../src/archive/archive-migrations.js';
import { ArchiveProjection } from '../src/archive/archive-projection.js';
import { archiveReport } from '../src/archive/archive-report.js';
import { PgArchiveDb } from '../src/archive/pg-archive-db.js';
import { reportPeriod } from '../src/reports/report-period.js';
import { seedCases, variedCases } from '../test/helpers/archive-fixtures.js';
import { TestPostgres } from '../test/helpers/postgres-server.js';
import { recordingRunner, timeEach } from './report-query-times.js';

const { values } = parseArgs({ options: { cases: { type: 'string' }, days: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean' }, explain: { type: 'boolean' } } });
const CASES = Number(values.cases ?? 1_000_000);
const DAYS = Number(values.days ?? 92);
const RUNS = Number(values.runs ?? 5);
// 20,000 rows a statement: a 100,000-row insert outlasted the 10 s query timeout on a loaded machine.
const CHUNK = 20_000;

const server = new TestPostgres({ work_mem: '64MB', shared_buffers: '256MB' });
await server.start();
const db = new PgArchiveDb(await server.createDatabase(), 10);
try {
  await migrate(db);
  const changes = variedCases(500, Date.UTC(2025, 0, 1), 86_400_000, 3);
  const timelines = new Map(changes.map((c) => [c.complaint.id, c.timeline]));
  const projection = new ArchiveProjection(db, { timeline: async (id) => timelines.get(id) ?? [], profile: async () => null });
  const p0 = performance.now();
  for (const c of changes) await projection.project({ complaint: c.complaint, previous: null, events: [] });
  const projectMs = (performance.now() - p0) / changes.length;
  if (!values.json) console.log(`archive side effect: ${projectMs.toFixed(2)} ms per change (500 changes one at a time)`);
  const start = Date.UTC(2026, 0, 1);
  const period = reportPeriod({ from: '2026-01-01', to: new Date(start + (DAYS - 1) * 86_400_000).toISOString().slice(0, 10) }, start + DAYS * 86_400_000);
  const seedStarted = performance.now();
  for (let first = 0; first < CASES; first += CHUNK) {
    await seedCases(db, { n: CASES, from: period.from, spanMs: period.to - period.from, prefix: 'B-', first, count: Math.min(CHUNK, CASES - first) });
    if (!values.json) process.stdout.write(`\rseeded ${Math.min(first + CHUNK, CASES).toLocaleString('en')} cases`);
  }
  await db.exec('VACUUM ANALYZE');
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  if (!values.json) console.log(` in ${seedSeconds.toFixed(1)} s (with VACUUM ANALYZE)`);
  const input = { from: period.from, to: period.to, now: period.to };
  const warm = await archiveReport(db, input);
  if (warm.summary.cases !== CASES) throw new Error(`the report counted ${warm.summary.cases} cases, not ${CASES}`);
  if (values.explain) {
    const statements: Array<{ sql: string; params: unknown[] }> = [];
    await archiveReport(recordingRunner(db, statements), input);
    const timed = await timeEach(db, statements);
    for (const t of timed) console.log(`${t.ms.toFixed(0).padStart(6)} ms  ${t.sql}\n${t.plan.slice(0, 6).map((l) => `          ${l}`).join('\n')}`);
    console.log(`serial total: ${timed.reduce((s, t) => s + t.ms, 0).toFixed(0)} ms over ${timed.length} statements`);
  }
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = server.cpuMs();
    const t0 = performance.now();
    await archiveReport(db, input);
    times.push(performance.now() - t0);
    cpu.push(server.cpuMs() - c0);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const load = loadavg()[0]!;
  if (values.json) {
    console.log(JSON.stringify({ projectMs, cases: CASES, days: DAYS, seedSeconds, runsMs: times, medianMs: median(times), serverCpuMs: cpu, medianCpuMs: median(cpu), loadAverage1m: load }));
  } else {
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`report over ${period.days} days, ${CASES.toLocaleString('en')} cases in the period, ${RUNS} runs: median ${s(median(times))} wall (min ${s(Math.min(...times))}, max ${s(Math.max(...times))}); goal < 2 s`);
    console.log(`server CPU per report: median ${s(median(cpu))} (user + system over all its processes); load average while measuring: ${load.toFixed(1)} on ${availableParallelism()} cores`);
  }
} finally {
  await db.close();
  await server.stop();
}
