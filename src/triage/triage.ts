/**
 * Triage: a confirmed complaint → category, tier, priority, SLA deadlines and the reasons for each.
 * This is the simple rule version the core ships with; the emotion-and-triage work replaces the rules
 * behind the same `Triage` interface.
 */
import type { Category, CategorySuggestion, EmotionResult, RiskTier, SlaDeadline, TriageInput, TriageResult } from './triage.types.js';

/** SLA durations in milliseconds (config: SLA_*). */
export interface SlaDurations {
  firstResponseMs: number;
  dispatchMs: number;
  mediumPlanMs: number;
  highReportMs: number;
}

export interface Triage {
  /** Full triage of a confirmed complaint. */
  triage(input: TriageInput): Promise<TriageResult>;
  /** Category guess from free text, for the dialog to confirm; null when nothing matched. */
  suggestCategory(text: string): CategorySuggestion | null;
  /** Per-message emotion. Never throws. */
  analyze(text: string): EmotionResult;
}

const RISK_WORDS = ['counterfeit', 'fake', 'injur', 'safety', 'fire', 'lawyer', 'press', 'consumer council', '假货', '受伤', '安全', '律师', '曝光', '消协', '12315'];
const ANGER_WORDS = ['angry', 'furious', 'scam', 'worst', 'ridiculous', 'unacceptable', '气死', '骗子', '垃圾', '太差'];
const ANXIETY_WORDS = ['worried', 'anxious', 'urgent', 'asap', 'need it', 'scared', '担心', '着急', '急'];

const CATEGORY_WORDS: Array<[Category, string[]]> = [
  ['counterfeit', ['counterfeit', 'fake', '假货', '假的']],
  ['damaged_in_transit', ['broken', 'damaged', 'smashed', 'crushed', '破损', '摔坏', '压坏']],
  ['lost_parcel', ['lost', 'never arrived', 'missing parcel', '丢件', '没收到']],
  ['late_delivery', ['late', 'delayed', 'still not arrived', '延迟', '还没到', '慢']],
  ['refund_refused', ['refund', 'return refused', '退款', '退货']],
  ['quality_defect', ['defect', 'stopped working', 'faulty', '质量', '坏了']],
  ['not_as_described', ['not as described', 'different from', 'wrong item', '不符', '描述']],
  ['service_attitude', ['rude', 'attitude', '态度']],
  ['billing', ['charged twice', 'overcharged', 'billing', '扣款', '多扣']],
];

function countHits(text: string, words: string[]): string[] {
  const lower = text.toLowerCase();
  return words.filter((w) => lower.includes(w));
}

export function createRuleTriage(sla: SlaDurations): Triage {
  const analyze = (text: string): EmotionResult => {
    const anger = countHits(text, ANGER_WORDS);
    const anxiety = countHits(text, ANXIETY_WORDS);
    const angerIntensity = Math.min(10, anger.length * 4 + (/!{2,}/.test(text) ? 2 : 0));
    const anxietyIntensity = Math.min(10, anxiety.length * 4);
    return {
      anger: { flagged: angerIntensity >= 4, intensity: angerIntensity },
      anxiety: { flagged: anxietyIntensity >= 4, intensity: anxietyIntensity },
      cues: [...anger.map((w) => `anger:${w}`), ...anxiety.map((w) => `anxiety:${w}`)],
    };
  };
  return {
    analyze,
    suggestCategory(text) {
      for (const [category, words] of CATEGORY_WORDS) {
        const cues = countHits(text, words);
        if (cues.length) return { category, confidence: Math.min(1, 0.5 + 0.2 * cues.length), cues };
      }
      return null;
    },
    async triage(input) {
      const all = input.texts.join('\n');
      const emotion = analyze(all);
      const reasons: string[] = [];
      let tier: RiskTier = 'low';
      let priority = 30;
      const risks = countHits(all, RISK_WORDS);
      if (input.category === 'counterfeit' || risks.length) {
        tier = 'high';
        priority += 40;
        reasons.push(risks.length ? `risk keywords: ${risks.join(', ')} → high tier` : 'category counterfeit → high tier');
      } else if (['quality_defect', 'not_as_described', 'damaged_in_transit', 'refund_refused'].includes(input.category)) {
        tier = 'medium';
        priority += 15;
        reasons.push(`category ${input.category} needs evidence review → medium tier`);
      } else {
        reasons.push(`category ${input.category} → low tier`);
      }
      if (emotion.anger.flagged) { priority += 10; reasons.push(`consumer is angry (intensity ${emotion.anger.intensity})`); }
      if (emotion.anxiety.flagged) { priority += 5; reasons.push(`consumer is anxious (intensity ${emotion.anxiety.intensity})`); }
      if (input.priorComplaints > 0) { priority += 10; reasons.push(`repeat contact: ${input.priorComplaints} earlier complaint(s)`); }
      const deadlines: SlaDeadline[] = [
        { kind: 'first_response', dueAt: input.now + sla.firstResponseMs },
        { kind: 'dispatch', dueAt: input.now + sla.dispatchMs },
      ];
      if (tier === 'medium') deadlines.push({ kind: 'plan', dueAt: input.now + sla.mediumPlanMs });
      if (tier === 'high') deadlines.push({ kind: 'report', dueAt: input.now + sla.highReportMs });
      return { category: input.category, tier, priority: Math.min(100, priority), deadlines, reasons, emotion };
    },
  };
}
