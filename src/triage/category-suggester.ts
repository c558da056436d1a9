/**
 * Category suggestion from free text, for the intake dialog to confirm ("It sounds like a late delivery — right?").
 * Weighted keywords per category; confidence grows with the winner's weight and its lead over the runner-up.
 */
import type { Category, CategorySuggestion } from './triage.types.js';
import { compileKeyword, findKeywords, type Keyword } from './keyword-matcher.js';
import lexicon from './lexicons/category.lexicon.json' with { type: 'json' };

interface CompiledCategory {
  category: Category;
  keywords: Keyword[];
  weights: Map<string, number>;
}

const CATEGORIES: CompiledCategory[] = Object.entries(lexicon.categories as Record<string, Record<string, number>>).map(
  ([category, entries]) => ({
    category: category as Category,
    keywords: Object.keys(entries).map(compileKeyword),
    weights: new Map(Object.entries(entries)),
  }),
);

/** Weight that makes a suggestion fully sure when nothing competes. */
const DECISIVE = 3;

function confidence(top: number, second: number): number {
  const strength = Math.min(1, top / DECISIVE);
  const lead = top / (top + second);
  return Math.round(Math.min(0.95, strength * lead) * 100) / 100;
}

/**
 * Best category for the text, or null when no keyword matched.
 *
 * @example
 * suggestCategory('the vase arrived smashed') // { category: 'damaged_in_transit', confidence: 0.95, cues: ['smashed'] }
 */
export function suggestCategory(text: string): CategorySuggestion | null {
  const scored = CATEGORIES.map((c) => {
    const cues = findKeywords(text, c.keywords);
    return { category: c.category, cues, score: cues.reduce((sum, k) => sum + (c.weights.get(k) ?? 0), 0) };
  })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  const [best, next] = scored;
  if (!best) return null;
  return { category: best.category, confidence: confidence(best.score, next?.score ?? 0), cues: best.cues };
}
