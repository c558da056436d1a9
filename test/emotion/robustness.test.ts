import { describe, expect, it } from 'vitest';
import { createEmotionAnalyzer } from '../../src/emotion/index.js';

const analyzer = createEmotionAnalyzer();
const timed = (text: string) => {
  const t0 = performance.now();
  const r = analyzer.analyze(text);
  return { r, ms: performance.now() - t0 };
};
const sane = (r: ReturnType<typeof analyzer.analyze>) => {
  for (const s of [r.anger, r.anxiety]) {
    expect(s.intensity).toBeGreaterThanOrEqual(0);
    expect(s.intensity).toBeLessThanOrEqual(10);
    expect(typeof s.flagged).toBe('boolean');
  }
  expect(r.cues.length).toBeLessThanOrEqual(24);
};

describe('robustness', () => {
  it('a 100,000-character message returns promptly, read head and tail', () => {
    const text = 'The parcel is late and I am worried. '.repeat(2800) + ' 我要投诉到消协！';
    expect(text.length).toBeGreaterThan(100_000);
    const { r, ms } = timed(text);
    sane(r);
    expect(ms).toBeLessThan(200);
    expect(r.cues).toContain('truncated');
    expect(r.anger.flagged).toBe(true); // the threat at the very end is still read
  });
  it('100k characters of Chinese returns promptly', () => {
    const { r, ms } = timed('快递到现在还没到我很担心'.repeat(9000));
    sane(r);
    expect(ms).toBeLessThan(200);
  });
  it('binary junk never throws', () => {
    const bytes = Uint8Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 256);
    const junk = new TextDecoder('latin1').decode(bytes) + '\uD800\uDFFF\uDC00' + String.fromCharCode(0, 1, 2, 0xfffd);
    const { r, ms } = timed(junk);
    sane(r);
    expect(ms).toBeLessThan(200);
  });
  it('emoji only', () => {
    const { r } = timed('😡'.repeat(30_000));
    sane(r);
    expect(r.anger.flagged).toBe(true);
    expect(analyzer.analyze('🎉🎁✨').anger.flagged).toBe(false);
  });
  it('empty, whitespace and non-string input', () => {
    for (const v of ['', '   \n\t', undefined, null, 42, {}] as unknown[]) sane(analyzer.analyze(v as string));
  });
});
