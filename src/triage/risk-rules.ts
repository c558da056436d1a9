/**
 * Risk keywords: counterfeit, damage, injury, safety hazards, food safety, leaked personal data, group
 * complaints and public-opinion threats (press, social media, lawyer, consumer council, 12315, 曝光).
 * Any of them puts a complaint in the high tier (DESIGN.md §1, risk tiers).
 */
import { compileKeyword, findKeywords, type Keyword } from './keyword-matcher.js';
import lexicon from './lexicons/risk.lexicon.json' with { type: 'json' };

export type RiskKind = 'counterfeit' | 'damaged' | 'injury' | 'safety_hazard' | 'food_safety' | 'data_leak' | 'group_complaint' | 'public_opinion';

/** @example { kind: 'public_opinion', cues: ['曝光', 'lawyer'] } */
export interface RiskFinding {
  kind: RiskKind;
  cues: string[];
}

const RISKS = Object.entries(lexicon.risks).map(([kind, keys]) => ({
  kind: kind as RiskKind,
  keywords: [...new Set(keys)].map(compileKeyword) as Keyword[],
}));

/** Human-readable names for reasons. */
export const RISK_LABEL: Record<RiskKind, string> = {
  counterfeit: 'counterfeit goods',
  damaged: 'damaged goods',
  injury: 'injury',
  safety_hazard: 'safety hazard',
  food_safety: 'food safety',
  data_leak: 'personal data leaked',
  group_complaint: 'group complaint',
  public_opinion: 'public-opinion risk (press / social media / lawyer / consumer council)',
};

/** Every risk kind the text mentions, with the keywords that matched. */
export function findRisks(text: string): RiskFinding[] {
  return RISKS.map((r) => ({ kind: r.kind, cues: findKeywords(text, r.keywords) })).filter((f) => f.cues.length > 0);
}
