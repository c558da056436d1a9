/** Small builders the hard-case rule modules share (hard-case-rules.ts and the rule families it gathers). */
import type { RuleCheck, RuleEffect } from './rule.types.js';

/** A trigger list written as one string of space-separated words. */
export const words = (s: string): string[] => s.split(' ');

/** A rule that fires when its English pattern matches the message, or its Chinese one a message with Chinese in it. */
export function patternRule(en: RegExp, zh: RegExp, effect: RuleEffect): RuleCheck {
  return ({ lower, zh: hasZh }) => (en.test(lower) || (hasZh && zh.test(lower)) ? effect : undefined);
}
