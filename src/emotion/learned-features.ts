/**
 * The features the learned lexicon is trained on and read with: each English word's Porter stem (the token key),
 * each emoji, and each pair of neighbouring ones ("not happi", "thank god"). Punctuation, clause breaks, numbers
 * and Chinese words end a pair. The trainer (src/emotion/eval/lexicon-trainer.ts) and the analyzer's fast path
 * (learned-lexicon.ts) both follow this definition; a test checks they agree.
 */
import type { Token } from './text-tokenizer.js';

/** Does this token carry a learned feature (and may it pair with its neighbour)? */
export function isFeatureToken(t: Token): boolean {
  return (t.kind === 'word' && !t.zh) || t.kind === 'emoji';
}

/**
 * Feature occurrences of a token stream in text order, as [key, surface form] (a feature seen twice counts
 * twice: the analyzer's one-pass sum needs no "seen" set that way).
 */
export function featureKeys(tokens: readonly Token[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let prev: Token | undefined;
  for (const t of tokens) {
    if (!isFeatureToken(t)) { prev = undefined; continue; }
    out.push([t.key, t.norm]);
    if (prev) out.push([`${prev.key} ${t.key}`, `${prev.norm} ${t.norm}`]);
    prev = t;
  }
  return out;
}
