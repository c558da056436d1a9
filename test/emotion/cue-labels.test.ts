// Plain-language cue labels and per-message confidence (issue 11, item 4), beside the cue ids other code reads.
import { describe, expect, it } from 'vitest';
import { aggregateEmotion, createEmotionAnalyzer } from '../../src/emotion/index.js';

const analyzer = createEmotionAnalyzer();

describe('plain-language labels', () => {
  it('names strong words, sarcasm and the wait in words an agent reads', () => {
    const r = analyzer.analyze('Brilliant, still no parcel after three weeks. You are scammers.');
    expect(r.labels).toEqual(expect.arrayContaining(['sarcasm', 'waited three weeks']));
    expect(r.labels.some((l) => l.startsWith('strong negative words: “scammer'))).toBe(true);
    expect(r.cues).toContain('rule:sarcasm'); // the ids stay for developers and existing readers
  });
  it('Chinese waits, repeated contact and stakes', () => {
    const r = analyzer.analyze('我已经打了五次电话，等了一个月，下周就要出国，护照还在包裹里');
    expect(r.labels).toEqual(expect.arrayContaining(['repeated contact (五次)', 'waited 一个月', 'documents or travel at stake']));
  });
  it('a calm message has no labels and JSON carries them like fields', () => {
    const r = analyzer.analyze('Could you tell me when the parcel ships?');
    expect(r.labels).toEqual([]);
    expect(JSON.parse(JSON.stringify(r))).toMatchObject({ labels: [], cues: r.cues, confidence: r.confidence });
  });
});

describe('confidence', () => {
  it('is higher far from the thresholds than near them, and lower when cues pull both ways', () => {
    const clear = analyzer.analyze('You are thieves and liars, I am furious!!!');
    const borderline = analyzer.analyze('a bit annoyed');
    expect(clear.confidence).toBeGreaterThan(borderline.confidence);
    expect(clear.confidence).toBeGreaterThan(0.9);
    const resolved = analyzer.analyze('I was worried it was fake but it checked out fine');
    expect(resolved.confidence).toBeLessThan(analyzer.analyze('It checked out fine, thank you').confidence);
    for (const r of [clear, borderline, resolved]) { expect(r.confidence).toBeGreaterThanOrEqual(0); expect(r.confidence).toBeLessThanOrEqual(1); }
  });
  it('the complaint takes the lowest confidence and merges labels', () => {
    const all = aggregateEmotion([analyzer.analyze('Brilliant, broken again'), analyzer.analyze('我很担心')]);
    expect(all.labels).toEqual(expect.arrayContaining(['sarcasm']));
    expect(all.confidence).toBeLessThanOrEqual(1);
  });
});
