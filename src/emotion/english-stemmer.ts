/**
 * Porter stems from natural, memoised: stemming dominates English cost otherwise (each call ~1 µs),
 * while complaint vocabulary is small and repeats. The deep import of the one stemmer file avoids natural's root,
 * which loads dotenv and prints, and its stemmer index, which loads every language's stemmer (≈ 60 ms of load).
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

const MAX_CACHE = 50_000;
const cache = new Map<string, string>();

/** Stem of a lower-case English word; junk words never grow the cache past MAX_CACHE. */
export function stemEnglish(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const stem = word.length > 24 ? word : PorterStemmer.stem(word);
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(word, stem);
  return stem;
}
