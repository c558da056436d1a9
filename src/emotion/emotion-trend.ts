/**
 * A complaint's emotion over its messages: the peak (what the agent must answer to) and the direction
 * (rising means the silence or the answers are making it worse — escalate sooner).
 */
import type { EmotionReading, EmotionResult, EmotionTrend } from './emotion.types.js';

/** Change over the conversation, in intensity points, that counts as rising or falling. */
const TREND_DELTA = 1.5;
const MAX_CUES = 24;

/** Least-squares slope of the per-message max(anger, anxiety), times the span: the fitted change first → last. */
function fittedChange(levels: readonly number[]): number {
  const n = levels.length;
  const meanX = (n - 1) / 2;
  const meanY = levels.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  levels.forEach((y, x) => { num += (x - meanX) * (y - meanY); den += (x - meanX) ** 2; });
  return den ? (num / den) * (n - 1) : 0;
}

/**
 * Peak and trend over messages, oldest first.
 *
 * @example
 * emotionTrend([calm, annoyed, furious]) // { peakAnger: 8.1, peakAnxiety: 0.4, trend: 'rising' }
 */
export function emotionTrend(results: readonly EmotionResult[]): EmotionTrend {
  const peakAnger = Math.max(0, ...results.map((r) => r.anger.intensity));
  const peakAnxiety = Math.max(0, ...results.map((r) => r.anxiety.intensity));
  if (results.length < 2) return { peakAnger, peakAnxiety, trend: 'steady' };
  const change = fittedChange(results.map((r) => Math.max(r.anger.intensity, r.anxiety.intensity)));
  const trend = change >= TREND_DELTA ? 'rising' : change <= -TREND_DELTA ? 'falling' : 'steady';
  return { peakAnger, peakAnxiety, trend };
}

/**
 * The complaint as a whole: each emotion at its peak, flagged if any message was, cues and plain-language labels
 * merged; confidence is the lowest of the messages' (labels and confidence only when the inputs carry them).
 */
export function aggregateEmotion(results: readonly EmotionResult[]): EmotionResult & Partial<EmotionReading> {
  const peak = (key: 'anger' | 'anxiety') => ({
    flagged: results.some((r) => r[key].flagged),
    intensity: Math.max(0, ...results.map((r) => r[key].intensity)),
  });
  const cues = [...new Set(results.flatMap((r) => r.cues))].slice(0, MAX_CUES);
  const readings = results.filter((r): r is EmotionReading => Array.isArray((r as Partial<EmotionReading>).labels));
  if (!readings.length) return { anger: peak('anger'), anxiety: peak('anxiety'), cues };
  return {
    anger: peak('anger'), anxiety: peak('anxiety'), cues,
    confidence: Math.min(...readings.map((r) => r.confidence)),
    labels: [...new Set(readings.flatMap((r) => r.labels))].slice(0, MAX_CUES),
  };
}
