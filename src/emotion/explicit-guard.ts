/**
 * The guard on the complaint-domain layer (complaint-lexicon.ts): that layer learned from five files by one
 * hand, and its negative points could cancel a plain "我非常担心" or "I'm furious" (issue 11; the triage test
 * "analyze is the per-message analyzer"). Where one explicit, un-negated cue of the hand lexicon (with its
 * intensifier) or one rule flags an emotion on its own, and no hand rule damped that emotion (a resolved or
 * past worry, a quote), the layer may raise the score or lower it, but not below the threshold. Weaker cues
 * summed ("什么时候能", "丢了", a stake word), writing signals and AFINN stay the layer's to overrule: guarding
 * those too left the Chinese anxiety flags of the training files with more flags than positives, so no blend
 * could keep precision ≥ recall. The trainer applies the same guard when it chooses the blend. On English the
 * domain gate reads as not a complaint (complaint-lexicon.ts, offDomain) the guard stands down: there the
 * GoEmotions regression decides, which learned that kind of text ("I'm afraid you're wrong" is no fear).
 */
import type { CueHit } from './cue-matcher.js';
import { toIntensity } from './emotion-scorer.js';

/** Which emotions the hand layers read from an explicit cue or rule strong enough to flag on its own. */
export interface Explicit { anger: boolean; anxiety: boolean }
export interface Points { anger: number; anxiety: number }

/** What the rules did: the most one rule added, per emotion, and whether one damped it. */
export interface RuleEvidence { added: Points; damped: Explicit }

export const noRuleEvidence = (): RuleEvidence => ({ added: { anger: 0, anxiety: 0 }, damped: { anger: false, anxiety: false } });

/** `floors`: flagFloor of each threshold. */
export function explicitOf(hits: readonly CueHit[], rules: RuleEvidence, floors: Points): Explicit {
  let anger = rules.added.anger;
  let anxiety = rules.added.anxiety;
  for (const h of hits) {
    if (h.negated) continue;
    anger = Math.max(anger, h.entry.anger * h.factor);
    anxiety = Math.max(anxiety, h.entry.anxiety * h.factor);
  }
  return { anger: !rules.damped.anger && anger >= floors.anger, anxiety: !rules.damped.anxiety && anxiety >= floors.anxiety };
}

/** The least raw score whose intensity reaches `threshold` (toIntensity rounds, so search the last step). */
export function flagFloor(threshold: number): number {
  if (threshold <= 0) return 0;
  let lo = 0;
  let hi = 100;
  for (let i = 0; i < 80; i++) { const mid = (lo + hi) / 2; if (toIntensity(mid) >= threshold) hi = mid; else lo = mid; }
  return hi;
}

/** The raw score after the layer: `after`, but a guarded flag (`pre` at or above `floor`) stays at `floor` at least. */
export function guardedScore(pre: number, after: number, explicit: boolean, floor: number): number {
  return explicit && pre >= floor && after < floor ? floor : after;
}
