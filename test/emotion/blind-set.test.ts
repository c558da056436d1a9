// The blind complaint set (src/emotion/eval/LABELLING.md): its shape only. No analyzer runs here on purpose:
// the set is kept out of every tuning step and measured once with `npm run eval:emotion`.
import { describe, expect, it } from 'vitest';
import { readLabelledTsv } from '../../src/emotion/eval/emotion-metrics.js';

describe('complaints-blind.tsv', () => {
  const rows = readLabelledTsv(new URL('../fixtures/emotion/complaints-blind.tsv', import.meta.url).pathname);
  it('holds at least 400 messages, about half Chinese, with every label combination and hard negatives', () => {
    expect(rows.length).toBeGreaterThanOrEqual(400);
    const zh = rows.filter((r) => r.lang === 'zh').length;
    expect(zh / rows.length).toBeGreaterThan(0.45);
    expect(zh / rows.length).toBeLessThan(0.55);
    for (const lang of ['en', 'zh'] as const) {
      const subset = rows.filter((r) => r.lang === lang);
      for (const [a, x] of [[false, false], [true, false], [false, true], [true, true]]) {
        expect(subset.filter((r) => r.anger === a && r.anxiety === x).length, `${lang} ${a} ${x}`).toBeGreaterThanOrEqual(15);
      }
    }
  });
  it('shares no message with the tuning sets', () => {
    const tuning = new Set(['complaints.tsv', 'complaints-holdout.tsv'].flatMap((f) => readLabelledTsv(new URL(`../fixtures/emotion/${f}`, import.meta.url).pathname).map((r) => r.text)));
    expect(rows.filter((r) => tuning.has(r.text))).toEqual([]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });
});
