/**
 * npm run train:emotion [-- --only goemotions|complaint] [--train FILE --dev FILE --out FILE --complaint-out FILE]
 *
 * Learns src/emotion/lexicons/learned.en.lexicon.json from GoEmotions train (threshold chosen on dev; see
 * src/emotion/eval/lexicon-trainer.ts), then src/emotion/lexicons/complaint.lexicon.json from our labelled
 * complaint files (see src/emotion/eval/complaint-trainer.ts; it reads the analyzer, so it runs second).
 * Deterministic: re-running on the same files writes the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { learnedTokenizer } from '../src/emotion/emotion-lexicon.js';
import { createPreComplaintReader } from '../src/emotion/emotion-analyzer.js';
import { trainLexicon } from '../src/emotion/eval/lexicon-trainer.js';
import { COMPLAINT_FILES, trainComplaintLexicon, type EmotionReport } from '../src/emotion/eval/complaint-trainer.js';

export const TRAIN_DEFAULTS = {
  train: '../shared/data/emotion/goemotions-train.tsv',
  dev: '../shared/data/emotion/goemotions-dev.tsv',
  out: 'src/emotion/lexicons/learned.en.lexicon.json',
  complaintOut: 'src/emotion/lexicons/complaint.lexicon.json',
};

const { values } = parseArgs({ options: { only: { type: 'string' }, train: { type: 'string' }, dev: { type: 'string' }, out: { type: 'string' }, 'complaint-out': { type: 'string' } } });
const train = values.train ?? TRAIN_DEFAULTS.train;
const dev = values.dev ?? TRAIN_DEFAULTS.dev;
if (values.only !== 'complaint') {
  const t0 = performance.now();
  const text = trainLexicon({ trainPath: train, devPath: dev, tokenize: learnedTokenizer() });
  const out = values.out ?? TRAIN_DEFAULTS.out;
  writeFileSync(out, text);
  const head = JSON.parse(text) as { devAlone: unknown; hyperparameters: { l2Chosen: unknown }; features: object };
  console.log(`wrote ${out}: ${Object.keys(head.features).length} features in ${Math.round(performance.now() - t0)} ms`);
  console.log(`l2 chosen ${JSON.stringify(head.hyperparameters.l2Chosen)}; logistic regression alone on dev: ${JSON.stringify(head.devAlone)}`);
}
if (values.only !== 'goemotions') {
  // The analyzer read here loaded learned.en.lexicon.json as it was at start: if the step above changed that
  // file, run this step again (--only complaint).
  const t0 = performance.now();
  const trained = trainComplaintLexicon({ files: COMPLAINT_FILES, devPath: dev, otherPath: train, read: createPreComplaintReader() });
  const out = values['complaint-out'] ?? TRAIN_DEFAULTS.complaintOut;
  writeFileSync(out, trained.text);
  console.log(`wrote ${out}: ${Object.keys((JSON.parse(trained.text) as { features: object }).features).length} features in ${Math.round(performance.now() - t0)} ms`);
  const f = (p: { precision: number; recall: number; f1: number }) => `${p.precision.toFixed(3)} / ${p.recall.toFixed(3)} / ${p.f1.toFixed(3)}`;
  const show = (name: string, r: EmotionReport) => {
    console.log(`  ${name}: l2 ${r.l2}, epochs ${r.epochs}, blend ${JSON.stringify(r.blend)}`);
    for (const lang of ['en', 'zh'] as const) console.log(`    ${lang}: ${f(r.before[lang])} → ${f(r.after[lang])}`);
    console.log(`    GoEmotions dev: ${f(r.dev.before)} → ${f(r.dev.after)}`);
  };
  console.log(`cross-validated (leave one file out, all ${COMPLAINT_FILES.length} files), P / R / F1 before → after:`);
  for (const e of ['anger', 'anxiety'] as const) show(e, trained.crossValidated[e]);
  console.log(`selection check (chosen and fitted on the first ${COMPLAINT_FILES.length - 1} files, measured on the last):`);
  for (const e of ['anger', 'anxiety'] as const) show(e, trained.selectionCheck[e]);
}
