// The targets, measured: F1 ≥ 0.85 (anger) and ≥ 0.80 (anxiety) per language on our labelled complaints,
// and clearly above natural's AFINN baseline on GoEmotions dev.
import { existsSync } from 'node:fs';
import { sharedData } from '../helpers/shared-data.js';
import { describe, expect, it } from 'vitest';
import { createEmotionAnalyzer } from '../../src/emotion/index.js';
import { createAfinnBaseline } from '../../src/emotion/eval/afinn-baseline.js';
import { evaluate, readLabelledTsv, type Predict } from '../../src/emotion/eval/emotion-metrics.js';

const analyzer = createEmotionAnalyzer();
const redress: Predict = (t) => { const r = analyzer.analyze(t); return { anger: r.anger.flagged, anxiety: r.anxiety.flagged }; };

describe.each(['complaints.tsv', 'complaints-holdout.tsv'])('%s', (file) => {
  const rows = readLabelledTsv(new URL(`../fixtures/emotion/${file}`, import.meta.url).pathname);
  it.each(['en', 'zh'] as const)('meets the F1 targets in %s', (lang) => {
    const subset = rows.filter((r) => r.lang === lang);
    expect(subset.length).toBeGreaterThanOrEqual(50);
    const s = evaluate(subset, redress);
    expect(s.anger.f1).toBeGreaterThanOrEqual(0.85);
    expect(s.anxiety.f1).toBeGreaterThanOrEqual(0.8);
  });
});

describe('complaints.tsv', () => {
  it('holds at least 300 messages, half English and half Chinese', () => {
    const rows = readLabelledTsv(new URL('../fixtures/emotion/complaints.tsv', import.meta.url).pathname);
    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(Math.abs(rows.filter((r) => r.lang === 'en').length - rows.filter((r) => r.lang === 'zh').length)).toBeLessThanOrEqual(10);
  });
});

const goemotions = sharedData('emotion/goemotions-dev.tsv');
describe.skipIf(!existsSync(goemotions))('GoEmotions dev', () => {
  it('is clearly above the AFINN baseline for both labels', () => {
    const rows = readLabelledTsv(goemotions);
    const ours = evaluate(rows, redress);
    const base = evaluate(rows, createAfinnBaseline().predict);
    expect(ours.anger.f1).toBeGreaterThan(base.anger.f1 + 0.05);
    expect(ours.anxiety.f1).toBeGreaterThan(base.anxiety.f1 * 2);
    expect(ours.anger.precision).toBeGreaterThan(base.anger.precision);
    expect(ours.anxiety.precision).toBeGreaterThan(base.anxiety.precision);
  });
});
