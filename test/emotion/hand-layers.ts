// The hand layers alone (lexicons, rules, the GoEmotions blend), without the complaint-domain model: what the rule
// and lexicon tests pin down. The complaint layer learned from the same kind of sentences and would often flag
// them without the rule under test; it is tested in complaint-model.test.ts and measured by npm run eval:emotion.
import { expect } from 'vitest';
import { NO_COMPLAINT_BLEND } from '../../src/emotion/complaint-lexicon.js';
import { createEmotionAnalyzer } from '../../src/emotion/index.js';

export const HAND_ONLY = { complaintBlend: NO_COMPLAINT_BLEND } as const;

let handOnly: ReturnType<typeof createEmotionAnalyzer> | undefined;
const full = () => (handOnly ??= createEmotionAnalyzer(HAND_ONLY));

/**
 * Each text is flagged by the hand layers and not without `rule`, so removing the rule fails the test.
 * `alsoOff`: rules of a later round that read the same form too (mock praise, "oh sure"), off in both.
 */
export function flagsOnlyWithRule(rule: string, emotion: 'anger' | 'anxiety', texts: string[], alsoOff: string[] = []): void {
  const on = alsoOff.length ? createEmotionAnalyzer({ ...HAND_ONLY, withoutRules: alsoOff }) : full();
  const off = createEmotionAnalyzer({ ...HAND_ONLY, withoutRules: [rule, ...alsoOff] });
  for (const t of texts) {
    expect(on.analyze(t)[emotion].flagged, `with ${rule}: ${t}`).toBe(true);
    expect(off.analyze(t)[emotion].flagged, `without ${rule}: ${t}`).toBe(false);
  }
}

/** None of the texts is flagged angry by the hand layers. */
export function calm(texts: string[]): void {
  for (const t of texts) expect(full().analyze(t).anger.flagged, t).toBe(false);
}
