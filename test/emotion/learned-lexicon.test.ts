// The learned lexicon: the shipped file is what `npm run train:emotion` writes, the analyzer's fast path reads
// it exactly as the trainer defined the features, and it changes what the analyzer says.
import { existsSync, readFileSync } from 'node:fs';
import { sharedData } from '../helpers/shared-data.js';
import { describe, expect, it } from 'vitest';
import { createEmotionAnalyzer } from '../../src/emotion/index.js';
import { learnedTokenizer, loadEmotionResources } from '../../src/emotion/emotion-lexicon.js';
import { featureKeys } from '../../src/emotion/learned-features.js';
import { LEARNED_FILE, readLearnedFile, scoreLearned } from '../../src/emotion/learned-lexicon.js';
import { trainLexicon } from '../../src/emotion/eval/lexicon-trainer.js';
import { NO_COMPLAINT_BLEND } from '../../src/emotion/complaint-lexicon.js';

const data = sharedData('emotion');
const OFF = { anger: { scale: 0, margin: 0, down: 0, cap: 0 }, anxiety: { scale: 0, margin: 0, down: 0, cap: 0 } };

describe.skipIf(!existsSync(`${data}/goemotions-train.tsv`))('training', () => {
  it('reproduces the shipped lexicon byte for byte', () => {
    const text = trainLexicon({ trainPath: `${data}/goemotions-train.tsv`, devPath: `${data}/goemotions-dev.tsv`, tokenize: learnedTokenizer() });
    expect(text === readFileSync(LEARNED_FILE, 'utf8')).toBe(true);
  }, 300_000);
});

describe('learned lexicon', () => {
  const file = readLearnedFile();
  const res = loadEmotionResources();
  it('states its source, licence, date and hyperparameters', () => {
    const head = JSON.parse(readFileSync(LEARNED_FILE, 'utf8')) as Record<string, unknown>;
    for (const k of ['source', 'licence', 'date', 'hyperparameters', 'train', 'thresholdsChosenOn']) expect(head[k], k).toBeDefined();
    expect(String(head.licence)).toContain('CC BY 4.0');
  });
  it('the fast path sums exactly the weights of the features the trainer defines', () => {
    const tokenize = learnedTokenizer();
    for (const text of ['This is so annoying, I am scared it will break again!!', 'not happy at all 😡 thank god', 'ok']) {
      let anger = file.bias.anger;
      let anxiety = file.bias.anxiety;
      for (const [key] of featureKeys(tokenize(text))) { anger += file.features[key]?.[0] ?? 0; anxiety += file.features[key]?.[1] ?? 0; }
      const fast = scoreLearned(res.tokenize(text), res.learned);
      expect(fast.anger).toBeCloseTo(anger, 9);
      expect(fast.anxiety).toBeCloseTo(anxiety, 9);
    }
  });
  it('names the learned feature behind a flag as a cue', () => {
    const r = createEmotionAnalyzer().analyze('honestly this is so annoying');
    expect(r.cues.some((c) => c.startsWith('learned:anger:'))).toBe(true);
  });
  it('raises a message the hand lexicons miss and damps loose cues the regression reads as calm', () => {
    // The complaint layer off in both: its off-gate blend reads the same regression (complaint-lexicon.ts).
    const on = createEmotionAnalyzer({ complaintBlend: NO_COMPLAINT_BLEND });
    const off = createEmotionAnalyzer({ learnedBlend: OFF, complaintBlend: NO_COMPLAINT_BLEND });
    const scared = 'I am terrified of what happens next';
    expect(on.analyze(scared).anxiety.intensity).toBeGreaterThan(off.analyze(scared).anxiety.intensity);
    const calm = 'the fake plant looks great, thanks';
    expect(off.analyze(calm).anger.flagged).toBe(true);
    expect(on.analyze(calm).anger.flagged).toBe(false);
    expect(on.analyze('this game is sick, crazy good').anxiety.intensity).toBeLessThan(off.analyze('this game is sick, crazy good').anxiety.intensity);
  });
  it('leaves Chinese alone (no learned words)', () => {
    const on = createEmotionAnalyzer();
    const off = createEmotionAnalyzer({ learnedBlend: OFF });
    expect(on.analyze('快递三天没动了，我有点着急').anxiety.intensity).toBe(off.analyze('快递三天没动了，我有点着急').anxiety.intensity);
  });
});
