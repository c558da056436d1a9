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
  analyze(text: string, options?: AnalyzeOptions): EmotionResult;
  readonly thresholds: EmotionThresholds;
}
