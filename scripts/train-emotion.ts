/**
 * npm run train:emotion [-- --train FILE --dev FILE --out FILE]
 *
 * Learns src/emotion/lexicons/learned.en.lexicon.json from GoEmotions train (threshold chosen on dev); see
 * src/emotion/eval/lexicon-trainer.ts. Deterministic: re-running on the same files writes the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { learnedTokenizer } from '../src/emotion/emotion-lexicon.js';
import { trainLexicon } from '../src/emotion/eval/lexicon-trainer.js';

export const TRAIN_DEFAULTS = {
  train: '../shared/data/emotion/goemotions-train.tsv',
  dev: '../shared/data/emotion/goemotions-dev.tsv',
  out: 'src/emotion/lexicons/learned.en.lexicon.json',
};

const { values } = parseArgs({ options: { train: { type: 'string' }, dev: { type: 'string' }, out: { type: 'string' } } });
const t0 = performance.now();
const text = trainLexicon({ trainPath: values.train ?? TRAIN_DEFAULTS.train, devPath: values.dev ?? TRAIN_DEFAULTS.dev, tokenize: learnedTokenizer() });
const out = values.out ?? TRAIN_DEFAULTS.out;
writeFileSync(out, text);
const head = JSON.parse(text) as { devAlone: unknown; hyperparameters: { l2Chosen: unknown }; features: object };
console.log(`wrote ${out}: ${Object.keys(head.features).length} features in ${Math.round(performance.now() - t0)} ms`);
console.log(`l2 chosen ${JSON.stringify(head.hyperparameters.l2Chosen)}; logistic regression alone on dev: ${JSON.stringify(head.devAlone)}`);
