/**
 * Default flag thresholds on the 0–10 intensity scale. PROVISIONAL — replaced after the sweep on data.
 */
import type { EmotionThresholds } from './emotion.types.js';

export const DEFAULT_THRESHOLDS: EmotionThresholds = { anger: 3, anxiety: 3.5 };
