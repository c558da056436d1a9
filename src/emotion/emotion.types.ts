/** Types of the emotion analyzer. `EmotionResult` itself lives with the triage types the core already uses. */
import type { EmotionResult } from '../triage/triage.types.js';

export type { EmotionResult, EmotionScore } from '../triage/triage.types.js';

/**
 * Flag thresholds on the 0–10 intensity scale.
 *
 * @example
 * { anger: 3, anxiety: 3 }
 */
export interface EmotionThresholds {
  anger: number;
  anxiety: number;
}

/**
 * Weight of the learned lexicon per emotion: with z = logit − learned threshold + margin, points = scale · z
 * above the line and max(−cap, down · z) below it (down 0: the regression only ever adds).
 *
 * @example
 * { anger: { scale: 1, margin: 0.5, down: 1, cap: 1 }, anxiety: { scale: 1.5, margin: 0.5, down: 1, cap: 1 } }
 */
export interface LearnedBlend {
  anger: { scale: number; margin: number; down: number; cap: number };
  anxiety: { scale: number; margin: number; down: number; cap: number };
}

/**
 * What the analyzer returns: the triage's `EmotionResult` (anger, anxiety, cue ids — read by triage, console and
 * Slack) plus what an agent reads: a confidence in the flags and the cues in plain language.
 *
 * @example
 * { anger: { flagged: true, intensity: 7.1 }, anxiety: { flagged: false, intensity: 0 }, cues: ['anger:scam', 'rule:sarcasm'],
 *   confidence: 0.93, labels: ['strong negative words: “scam”', 'sarcasm'] }
 */
export interface EmotionReading extends EmotionResult {
  /** 0–1: how sure the flags are (far from the thresholds, cues agreeing, enough text). */
  confidence: number;
  /** Plain-language reasons for agents ("strong negative words: “scam”", "sarcasm", "waited three weeks"). */
  labels: string[];
}

/**
 * Per-call context that is not in the text.
 *
 * @example
 * analyzer.analyze('where is my parcel', { repeatContact: 2 })
 */
export interface AnalyzeOptions {
  /** How many times this consumer already wrote about the same problem; each raises anger (and a little anxiety). */
  repeatContact?: number;
}

/**
 * Peak and direction of emotion over a complaint's messages (oldest first).
 *
 * @example
 * { peakAnger: 7.4, peakAnxiety: 2.1, trend: 'rising' }
 */
export interface EmotionTrend {
  peakAnger: number;
  peakAnxiety: number;
  trend: 'rising' | 'falling' | 'steady';
}

/**
 * Keyword/lexicon emotion analyzer for English and Chinese. Pure, synchronous, never throws.
 *
 * @example
 * const analyzer = createEmotionAnalyzer();
 * analyzer.analyze('Third time I write!!! 骗子 😡').anger.flagged // true
 */
export interface EmotionAnalyzer {
  analyze(text: string, options?: AnalyzeOptions): EmotionReading;
  readonly thresholds: EmotionThresholds;
}
