/**
 * Default flag thresholds on the 0–10 intensity scale, chosen on data with `npm run eval:emotion -- --sweep`
 * (thresholds 1.0–7.0 in steps of 0.5), never on the holdout set:
 *
 * - anger 3.0: best F1 on test/fixtures/emotion/complaints.tsv (321 EN+ZH complaints): P 0.963 R 0.890 F1 0.925
 *   (2.5 ties; 3.0 is better on GoEmotions dev: F1 0.390 vs 0.389, AFINN baseline 0.301).
 * - anxiety 3.5: complaints.tsv P 0.974 R 0.862 F1 0.914 — 0.005 below the best F1 (2.5: P 0.922 R 0.915) for
 *   +0.05 precision, and it generalises better: GoEmotions dev F1 0.264 vs 0.225 (AFINN baseline 0.088).
 *
 * Untouched holdout (complaints-holdout.tsv, 120 rows) at these values: anger F1 0.899, anxiety F1 0.909.
 * Higher thresholds (4–4.5) score better on GoEmotions (anger F1 0.415, anxiety 0.331) but miss a fifth of the
 * angry complaints; Redress reads complaints, so the complaint set decides.
 */
import type { EmotionThresholds } from './emotion.types.js';

export const DEFAULT_THRESHOLDS: EmotionThresholds = { anger: 3, anxiety: 3.5 };
