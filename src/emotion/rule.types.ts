/** What a hard-case rule reads and what it returns (hard-case-rules.ts and the rule files it lists). */
export interface RuleEffect {
  /** Rule id, also the cue id (`rule:sarcasm`). */
  id: string;
  /** Plain-language reason for agents. */
  label: string;
  anger?: number;
  anxiety?: number;
  /** Multipliers on the finished raw scores (out-of-context damping). */
  angerFactor?: number;
  anxietyFactor?: number;
}

export interface RuleInput {
  /** Lower-cased, sanitised text. */
  lower: string;
  /** Original case (quotes, Title Case). */
  text: string;
  /** The text has Chinese words (Chinese patterns are skipped otherwise). */
  zh: boolean;
  /** Anchor groups among the text's words (rule-anchors.ts): a regex none of whose anchors is present cannot
   * match and is skipped. Absent: all of them (every regex runs). */
  words?: number;
}

export type RuleCheck = (m: RuleInput) => RuleEffect | undefined;
