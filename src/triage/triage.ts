/**
 * Triage: a confirmed complaint → emotion (per message, peak and trend), category suggestion, risk tier,
 * 0–100 priority, SLA deadlines, surge alerts, and a human-readable reason for every decision.
 */
import { aggregateEmotion, createEmotionAnalyzer, emotionTrend } from '../emotion/index.js';
import type { EmotionAnalyzer, EmotionThresholds } from '../emotion/index.js';
import { suggestCategory } from './category-suggester.js';
import { decide } from './priority-rules.js';
import { activePromotion, type PromotionWindow } from './promotion-windows.js';
import { findRisks } from './risk-rules.js';
import { slaDeadlines, type SlaDurations } from './sla-deadlines.js';
import type { SurgeDetector } from './surge-detector.js';
import type { CategorySuggestion, EmotionResult, RepeatFacts, SurgeAlert, TriageInput, TriageResult } from './triage.types.js';

export type { SlaDurations } from './sla-deadlines.js';

export interface Triage {
  /** Full triage of a confirmed complaint. */
  triage(input: TriageInput): Promise<TriageResult>;
  /**
   * The same, while the caller still reads the earlier cases: the surge counts go out at once, beside that read
   * (one round trip for both, not one after the other).
   */
  triageWhile(input: Omit<TriageInput, keyof RepeatFacts>, repeat: Promise<RepeatFacts>): Promise<TriageResult>;
  /** Category guess from free text, for the dialog to confirm; null when nothing matched. */
  suggestCategory(text: string): CategorySuggestion | null;
  /** Per-message emotion. Never throws. */
  analyze(text: string): EmotionResult;
}

/**
 * @example
 * createTriage({ sla, promotions: [{ name: 'Black Friday', start: '2026-11-27', end: '2026-11-30' }], surge: createSurgeDetector(redis, 'redress') })
 */
export interface TriageOptions {
  sla: SlaDurations;
  /** Emotion flag thresholds (0–10); defaults chosen on data, see src/emotion/emotion-thresholds.ts. */
  thresholds?: Partial<EmotionThresholds>;
  promotions?: PromotionWindow[];
  /** Optional: without it triage runs with no Redis (unit tests, single-process tools). */
  surge?: SurgeDetector;
  /** Share one analyzer between components; created from `thresholds` otherwise. */
  analyzer?: EmotionAnalyzer;
}

export function createTriage(options: TriageOptions): Triage {
  const analyzer = options.analyzer ?? createEmotionAnalyzer({ thresholds: options.thresholds });
  const promotions = options.promotions ?? [];

  async function surgeAlerts(input: Omit<TriageInput, keyof RepeatFacts>, reasons: string[]): Promise<SurgeAlert[]> {
    if (!options.surge) return [];
    try {
      return await options.surge.record({ ...input, productId: input.productId ?? null, courier: input.order?.delivery?.courier ?? null });
    } catch {
      reasons.push('surge check unavailable (Redis error): counts not updated');
      return [];
    }
  }

  async function triageWhile(base: Omit<TriageInput, keyof RepeatFacts>, repeat: Promise<RepeatFacts>): Promise<TriageResult> {
    const extraReasons: string[] = [];
    // Sent before anything is awaited, so it leaves in the same write as the caller's read.
    const surgeCounted = surgeAlerts(base, extraReasons);
    const input: TriageInput = { ...base, ...(await repeat) };
    const repeatContact = input.priorComplaints + input.sameOrderOpen;
    const perMessage = input.texts.map((t) => analyzer.analyze(t, { repeatContact }));
    const emotion = aggregateEmotion(perMessage);
    const trend = emotionTrend(perMessage);
    const all = input.texts.join('\n');
    const suggestion = suggestCategory(all);
    const surge = await surgeCounted;
    const risks = findRisks(all);
    const promotion = activePromotion(promotions, input.now);
    const orderSignals = input.order !== undefined || input.orderFacts
      ? { category: input.category, order: input.order ?? null, orderFacts: input.orderFacts, merchantRecent: input.merchantRecent ?? 0, sameProductBefore: input.sameProductBefore ?? 0 }
      : undefined;
    const d = decide({ category: input.category, risks, emotion, trend, priorComplaints: input.priorComplaints, sameOrderOpen: input.sameOrderOpen, promotion, surge, suggestion, orderSignals });
    return {
      category: input.category, tier: d.tier, priority: d.priority,
      deadlines: slaDeadlines(d.tier, input.now, options.sla),
      reasons: [...d.reasons, ...extraReasons],
      emotion, emotionTrend: trend, groupComplaint: d.groupComplaint,
      surgeAlerts: surge, suggestedCategory: suggestion,
    };
  }

  return {
    triage: (input) => triageWhile(input, Promise.resolve(input)),
    triageWhile,
    suggestCategory,
    analyze: (text) => analyzer.analyze(text),
  };
}

/** The core's original entry point, kept so it compiles unchanged: the same triage, without surge or promotions. */
export function createRuleTriage(sla: SlaDurations): Triage {
  return createTriage({ sla });
}
