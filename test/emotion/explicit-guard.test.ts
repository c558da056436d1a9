// The complaint-domain layer may not unflag an explicit emotion word or rule of the hand layers (issue 11; it
// once pulled "我非常担心" to 0 anxiety). A blend that takes the layer's full cap off every message shows the
// guard: without it these would all drop below their thresholds. Sentences are new (in no labelled file).
import { describe, expect, it } from 'vitest';
import { createEmotionAnalyzer } from '../../src/emotion/emotion-analyzer.js';
import { flagFloor, guardedScore } from '../../src/emotion/explicit-guard.js';
import { toIntensity } from '../../src/emotion/emotion-scorer.js';

// z = logit − 100 is always far below 0: every message loses `cap` points wherever the gate is open.
const VETO = { scale: 1, center: 100, down: 1, cap: 8, gate: -1e9 };
const WORRIED = ['我非常担心', "I'm really worried", '我很害怕东西丢了'];
const ANGRY = ['气死我了', "I'm furious", 'This is outrageous!'];

describe('explicit guard', () => {
  const shipped = createEmotionAnalyzer();
  const vetoing = createEmotionAnalyzer({ complaintBlend: { anger: VETO, anxiety: VETO } });
  const { thresholds } = shipped;
  it.each(WORRIED)('%s stays flagged anxious, even under a layer that takes points off everything', (text) => {
    expect(shipped.analyze(text).anxiety.flagged).toBe(true);
    const r = vetoing.analyze(text).anxiety;
    expect(r.flagged).toBe(true);
    expect(r.intensity).toBeGreaterThanOrEqual(thresholds.anxiety);
  });
  it.each(ANGRY)('%s stays flagged angry, even under a layer that takes points off everything', (text) => {
    expect(shipped.analyze(text).anger.flagged).toBe(true);
    expect(vetoing.analyze(text).anger.flagged).toBe(true);
  });
  it('a negated worry is not guarded, and the layer may still lower a guarded intensity to the threshold', () => {
    expect(vetoing.analyze("I'm not worried at all").anxiety.flagged).toBe(false);
    const strong = 'I am so worried and scared, my passport is in that parcel and I fly tomorrow';
    expect(vetoing.analyze(strong).anxiety.intensity).toBeLessThanOrEqual(shipped.analyze(strong).anxiety.intensity);
  });
  it('the floor is the least score that reaches the threshold', () => {
    for (const t of [3, 3.5]) {
      const f = flagFloor(t);
      expect(toIntensity(f)).toBeGreaterThanOrEqual(t);
      expect(toIntensity(f * 0.999)).toBeLessThan(t);
    }
    expect(guardedScore(5, 0, true, 2)).toBe(2);
    expect(guardedScore(5, 0, false, 2)).toBe(0);
    expect(guardedScore(1, 0, true, 2)).toBe(0);
    expect(guardedScore(5, 3, true, 2)).toBe(3);
  });
});
