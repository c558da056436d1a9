/** Public surface of the emotion analyzer. */
export { createEmotionAnalyzer, type EmotionAnalyzerOptions } from './emotion-analyzer.js';
export { emotionTrend, aggregateEmotion } from './emotion-trend.js';
export { DEFAULT_THRESHOLDS } from './emotion-thresholds.js';
export type { AnalyzeOptions, EmotionAnalyzer, EmotionReading, EmotionResult, EmotionScore, EmotionThresholds, EmotionTrend } from './emotion.types.js';
