/**
 * npm run eval:emotion -- --data <file.tsv> [--json] [--sweep] [--sweep-learned]
 *
 * Precision, recall and F1 for anger and anxiety, overall and per language, for Redress and side by side for
 * natural's AFINN baseline. `--json` prints exactly one JSON object; `--sweep` prints F1 per flag threshold
 * (how the defaults in src/emotion/emotion-thresholds.ts were chosen); `--sweep-learned` prints F1 per learned-blend
 * scale and margin (how DEFAULT_LEARNED_BLEND was chosen: on GoEmotions dev and complaints.tsv only).
 */
import { parseArgs } from 'node:util';
import { createEmotionAnalyzer } from '../src/emotion/emotion-analyzer.js';
import { DEFAULT_LEARNED_BLEND } from '../src/emotion/emotion-thresholds.js';
import { createAfinnBaseline } from '../src/emotion/eval/afinn-baseline.js';
import { evaluate, readLabelledTsv, scorePredictions, type LabelScores, type LabelledRow, type Predict } from '../src/emotion/eval/emotion-metrics.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, json: { type: 'boolean' }, sweep: { type: 'boolean' }, 'sweep-learned': { type: 'boolean' } } });
if (!values.data) {
  console.error('usage: npm run eval:emotion -- --data <file.tsv> [--json] [--sweep]');
  process.exit(2);
}
const rows = readLabelledTsv(values.data);
const analyzer = createEmotionAnalyzer();
const redress: Predict = (t) => { const r = analyzer.analyze(t); return { anger: r.anger.flagged, anxiety: r.anxiety.flagged }; };
const baseline = createAfinnBaseline().predict;

const both = (subset: LabelledRow[]) => ({ redress: evaluate(subset, redress), baseline: evaluate(subset, baseline) });
const byLang: Record<string, { redress: LabelScores; baseline: LabelScores }> = {};
for (const lang of ['en', 'zh'] as const) {
  const subset = rows.filter((r) => r.lang === lang);
  if (subset.length) byLang[lang] = both(subset);
}
const report = { ...both(rows), byLang, rows: rows.length };

if (values.sweep) sweep(rows);
else if (values['sweep-learned']) sweepLearned(rows);
else if (values.json) console.log(JSON.stringify(report));
else printTable(report);

function line(name: string, s: LabelScores): string {
  const f = (x: number) => x.toFixed(3);
  return `${name.padEnd(22)} anger P ${f(s.anger.precision)} R ${f(s.anger.recall)} F1 ${f(s.anger.f1)} | anxiety P ${f(s.anxiety.precision)} R ${f(s.anxiety.recall)} F1 ${f(s.anxiety.f1)}`;
}

function printTable(r: typeof report): void {
  console.log(`${values.data} — ${r.rows} rows`);
  console.log(line('redress (all)', r.redress));
  console.log(line('afinn baseline (all)', r.baseline));
  for (const [lang, s] of Object.entries(r.byLang)) {
    console.log(line(`redress (${lang})`, s.redress));
    console.log(line(`afinn baseline (${lang})`, s.baseline));
  }
}

function sweep(data: LabelledRow[]): void {
  const results = data.map((row) => analyzer.analyze(row.text));
  for (let t = 1; t <= 7; t += 0.5) {
    const preds = results.map((r) => ({ anger: r.anger.intensity >= t, anxiety: r.anxiety.intensity >= t }));
    const s = scorePredictions(data, preds);
    console.log(`threshold ${t.toFixed(1)}  anger F1 ${s.anger.f1.toFixed(3)} (P ${s.anger.precision} R ${s.anger.recall})  anxiety F1 ${s.anxiety.f1.toFixed(3)} (P ${s.anxiety.precision} R ${s.anxiety.recall})`);
  }
}

function sweepLearned(data: LabelledRow[]): void {
  const d = DEFAULT_LEARNED_BLEND;
  outer: for (const [scale, down] of [[0, 0], [1, 0.5], [1, 1], [1.5, 1], [2, 1]] as const) {
    for (const margin of [0, 0.5, 1]) {
      for (const cap of [0.75, 1, 1.5, 2, 99]) {
        const blend = { anger: { scale, margin, down, cap }, anxiety: { scale, margin, down, cap } };
        const a = createEmotionAnalyzer({ learnedBlend: blend });
        const s = evaluate(data, (t) => { const r = a.analyze(t); return { anger: r.anger.flagged, anxiety: r.anxiety.flagged }; });
        const mark = (e: 'anger' | 'anxiety') => (d[e].scale === scale && d[e].margin === margin && d[e].down === down && d[e].cap === cap ? '*' : ' ');
        console.log(`scale ${scale} down ${down} margin ${margin} cap ${cap}  anger ${mark('anger')}F1 ${s.anger.f1.toFixed(3)} (P ${s.anger.precision} R ${s.anger.recall})  anxiety ${mark('anxiety')}F1 ${s.anxiety.f1.toFixed(3)} (P ${s.anxiety.precision} R ${s.anxiety.recall})`);
        if (scale === 0) continue outer;
      }
    }
  }
}
