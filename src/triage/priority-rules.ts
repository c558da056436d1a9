/**
 * The triage rules. Each looks at the signals and may raise the tier, add priority points and say why;
 * the result is the highest tier any rule asked for and the sum of points, with every reason kept.
 */
import type { EmotionTrend } from '../emotion/emotion.types.js';
import { ORDER_RULES, type OrderSignals } from './order-fact-rules.js';
import type { PromotionWindow } from './promotion-windows.js';
import { RISK_LABEL, type RiskFinding } from './risk-rules.js';
import { CATEGORY_GROUP, type Category, type CategorySuggestion, type EmotionResult, type RiskTier, type SurgeAlert } from './triage.types.js';

export interface TriageSignals {
  category: Category;
  risks: RiskFinding[];
  emotion: EmotionResult;
  trend: EmotionTrend;
  priorComplaints: number;
  sameOrderOpen: number;
  promotion: PromotionWindow | null;
  surge: SurgeAlert[];
  suggestion: CategorySuggestion | null;
  /** The platform's order facts; absent when there is no order look-up. */
  orderSignals?: OrderSignals;
}

interface Finding { tier?: RiskTier; points: number; reason: string; group?: boolean }
type Rule = (s: TriageSignals) => Finding[];

/** Categories whose facts need evidence from both sides: a coordinating team reviews them (medium). */
const EVIDENCE_CATEGORIES: ReadonlySet<Category> = new Set(['quality_defect', 'not_as_described', 'damaged_in_transit', 'refund_refused']);
const BASE: Record<RiskTier, number> = { low: 20, medium: 45, high: 70 };

const categoryRule: Rule = ({ category }) => {
  if (category === 'counterfeit') return [{ tier: 'high', points: 0, reason: 'category counterfeit → high tier' }];
  if (EVIDENCE_CATEGORIES.has(category)) return [{ tier: 'medium', points: 0, reason: `category ${category} needs evidence review → medium tier` }];
  return [{ tier: 'low', points: 0, reason: `category ${category}: low tier unless another rule raises it` }];
};

const riskRule: Rule = ({ risks }) => risks.map((r, i) => ({
  tier: 'high', points: i === 0 ? 0 : 5, reason: `risk: ${RISK_LABEL[r.kind]} (${r.cues.map((c) => `"${c}"`).join(', ')}) → high tier`,
  group: r.kind === 'group_complaint',
}));

const emotionRule: Rule = ({ emotion, trend }) => {
  const out: Finding[] = [];
  if (emotion.anger.flagged) out.push({ points: Math.round(emotion.anger.intensity), reason: `consumer is angry (intensity ${emotion.anger.intensity}/10): acknowledge and de-escalate` });
  if (emotion.anxiety.flagged) out.push({ points: Math.round(emotion.anxiety.intensity * 0.6), reason: `consumer is anxious (intensity ${emotion.anxiety.intensity}/10): give a clear plan and times` });
  if (trend.trend === 'rising') out.push({ points: 5, reason: 'emotion is rising over the conversation' });
  return out;
};

const historyRule: Rule = ({ priorComplaints, sameOrderOpen }) => {
  const out: Finding[] = [];
  if (sameOrderOpen > 0) out.push({ tier: 'medium', points: 8, reason: `repeat complaint: ${sameOrderOpen} other open complaint(s) about the same order → at least medium tier` });
  if (priorComplaints > 0) out.push({ points: Math.min(10, 5 * priorComplaints), reason: `consumer history: ${priorComplaints} earlier complaint(s)` });
  if (priorComplaints >= 3) out.push({ tier: 'medium', points: 0, reason: 'frequent complainant (3+ earlier complaints) → at least medium tier' });
  return out;
};

const promotionRule: Rule = ({ promotion, category }) =>
  promotion && CATEGORY_GROUP[category] === 'fulfilment'
    ? [{ points: 10, reason: `promotion period "${promotion.name}": fulfilment complaints get priority` }]
    : [];

const surgeRule: Rule = ({ surge }) => surge.map((a) => ({
  tier: a.group ? 'high' : undefined, points: a.group ? 10 : 5, group: a.group,
  reason: `surge: ${a.count} complaints about ${a.dimension} ${a.id} within ${Math.round(a.windowMs / 60_000)} min${a.group ? ' → group complaint, high tier' : ''}`,
}));

const suggestionRule: Rule = ({ suggestion, category }) =>
  suggestion && suggestion.category !== category && suggestion.confidence >= 0.6
    ? [{ points: 0, reason: `text suggests category ${suggestion.category} (confidence ${suggestion.confidence}; ${suggestion.cues.join(', ')})` }]
    : [];

const orderRule: Rule = ({ orderSignals }) => (orderSignals ? ORDER_RULES.flatMap((r) => r(orderSignals)) : []);

const RULES: Rule[] = [categoryRule, riskRule, emotionRule, historyRule, promotionRule, surgeRule, suggestionRule, orderRule];
const RANK: Record<RiskTier, number> = { low: 0, medium: 1, high: 2 };

/** Tier, 0–100 priority, reasons, and whether this is a group complaint. */
export function decide(signals: TriageSignals): { tier: RiskTier; priority: number; reasons: string[]; groupComplaint: boolean } {
  const findings = RULES.flatMap((rule) => rule(signals));
  const tier = findings.reduce<RiskTier>((t, f) => (f.tier && RANK[f.tier] > RANK[t] ? f.tier : t), 'low');
  const points = findings.reduce((sum, f) => sum + f.points, BASE[tier]);
  return {
    tier,
    priority: Math.max(0, Math.min(100, Math.round(points))),
    reasons: findings.map((f) => f.reason),
    groupComplaint: findings.some((f) => f.group === true),
  };
}
