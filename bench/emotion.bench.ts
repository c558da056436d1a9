/**
 * npm run bench:emotion [-- --data <file.tsv> ...] [--rounds N] [--json]   (runs with --expose-gc for the memory figures)
 *
 * Redress's emotion analyzer vs natural's AFINN analyzer on the same messages, one core, one process:
 * load time, messages/second, p50/p99 per message, and the ratios. Rounds alternate between the two so
 * neither gets a warmer machine. Default messages: GoEmotions dev (English) plus our labelled complaints (EN+ZH).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readLabelledTsv } from '../src/emotion/eval/emotion-metrics.js';

const DEFAULT_DATA = ['/work/shared/data/emotion/goemotions-dev.tsv', 'test/fixtures/emotion/complaints.tsv', 'test/fixtures/emotion/complaints-holdout.tsv'];
const { values } = parseArgs({ options: { data: { type: 'string', multiple: true }, rounds: { type: 'string' }, json: { type: 'boolean' } } });
const files = (values.data ?? DEFAULT_DATA).filter((f) => existsSync(f));
const texts = files.flatMap((f) => readLabelledTsv(f).map((r) => r.text));
const rounds = Number(values.rounds ?? 5);

/** Load time, and the heap and RSS the loaded analyzer keeps (after a GC when run with --expose-gc). */
async function timedLoad<T>(load: () => Promise<T>): Promise<{ value: T; ms: number; heapMB: number; rssMB: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const m0 = process.memoryUsage();
  const t0 = performance.now();
  const value = await load();
  const ms = performance.now() - t0;
  gc?.();
  const m1 = process.memoryUsage();
  const mb = (b: number) => +(b / 2 ** 20).toFixed(1);
  return { value, ms, heapMB: mb(m1.heapUsed - m0.heapUsed), rssMB: mb(m1.rss - m0.rss) };
}

// Load times include module import (cold, first in this process) and dictionary/lexicon set-up.
const redressLoad = await timedLoad(async () => (await import('../src/emotion/index.js')).createEmotionAnalyzer());
const afinnLoad = await timedLoad(async () => (await import('../src/emotion/eval/afinn-baseline.js')).createAfinnBaseline());
const redress = (t: string) => redressLoad.value.analyze(t);
const afinn = (t: string) => afinnLoad.value.score(t);

let sink = 0;
function throughput(fn: (t: string) => unknown): number {
  const t0 = performance.now();
  for (const t of texts) sink += fn(t) ? 1 : 0;
  return texts.length / ((performance.now() - t0) / 1000);
}

function latencies(fn: (t: string) => unknown): { p50: number; p99: number } {
  const us = texts.map((t) => {
    const t0 = process.hrtime.bigint();
    sink += fn(t) ? 1 : 0;
    return Number(process.hrtime.bigint() - t0) / 1000;
  }).sort((a, b) => a - b);
  const at = (q: number) => us[Math.min(us.length - 1, Math.floor(q * us.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
throughput(redress); throughput(afinn); // warm-up (JIT, stem cache)
const rate = { redress: [] as number[], afinn: [] as number[] };
for (let i = 0; i < rounds; i++) { rate.redress.push(throughput(redress)); rate.afinn.push(throughput(afinn)); }
const lat = { redress: latencies(redress), afinn: latencies(afinn) };

const row = (name: 'redress' | 'afinn', load: { ms: number; heapMB: number; rssMB: number }) => ({
  msgPerSec: Math.round(median(rate[name])), p50us: +lat[name].p50.toFixed(1), p99us: +lat[name].p99.toFixed(1), loadMs: Math.round(load.ms),
  heapMB: load.heapMB, rssMB: load.rssMB,
});
const report = {
  messages: texts.length, rounds, files,
  redress: row('redress', redressLoad), afinn: row('afinn', afinnLoad),
  throughputRatio: +(median(rate.redress) / median(rate.afinn)).toFixed(2),
  p50Ratio: +(lat.afinn.p50 / lat.redress.p50).toFixed(2),
  p99Ratio: +(lat.afinn.p99 / lat.redress.p99).toFixed(2),
};

if (values.json) console.log(JSON.stringify(report));
else {
  console.log(`${report.messages} messages × ${rounds} rounds, one core (${files.join(', ')})`);
  console.log('analyzer      msg/s      p50 µs   p99 µs   load ms   heap MB   rss MB');
  for (const name of ['redress', 'afinn'] as const) {
    const r = report[name];
    console.log(`${name.padEnd(12)} ${String(r.msgPerSec).padStart(8)}  ${String(r.p50us).padStart(8)} ${String(r.p99us).padStart(8)}  ${String(r.loadMs).padStart(8)}  ${String(r.heapMB).padStart(8)} ${String(r.rssMB).padStart(8)}`);
  }
  console.log(`redress / afinn: throughput ×${report.throughputRatio}, p50 ×${report.p50Ratio} faster, p99 ×${report.p99Ratio} faster`);
}
if (sink < 0) console.log(sink);
