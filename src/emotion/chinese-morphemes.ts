/**
 * Chinese breadth by morpheme: a jieba word that matched no lexicon entry but contains an anger or fear
 * character (暴怒, 恼人, 发愁, 慌神) is scored by that character, minus the listed exceptions (麻烦, 恐怕, 急诊).
 * The list and where it came from: lexicons/morphemes.zh.lexicon.json. Memoised per word: jieba's output repeats.
 */
import morphemes from './lexicons/morphemes.zh.lexicon.json' with { type: 'json' };
import type { CueEntry } from './lexicon.types.js';

interface MorphemeSpec { weight: number; except?: string[]; only?: string[] }
interface MorphemeFile { anger: Record<string, MorphemeSpec>; anxiety: Record<string, MorphemeSpec> }

interface Compiled { morpheme: string; emotion: 'anger' | 'anxiety'; entry: CueEntry; except: Set<string>; only?: Set<string> }

const MAX_MEMO = 20_000;

/** A function word → morpheme cue (or undefined), memoised. */
export function createMorphemeLookup(file: MorphemeFile = morphemes as MorphemeFile): (word: string) => CueEntry | undefined {
  const specs: Compiled[] = [];
  for (const emotion of ['anger', 'anxiety'] as const) {
    for (const [morpheme, spec] of Object.entries(file[emotion])) {
      const entry: CueEntry = { id: `morpheme:${morpheme}`, anger: 0, anxiety: 0 };
      entry[emotion] = spec.weight;
      specs.push({ morpheme, emotion, entry, except: new Set(spec.except ?? []), only: spec.only ? new Set(spec.only) : undefined });
    }
  }
  // Longer morphemes first (火大 before a bare 火-less match); one cue per word: the first that applies.
  specs.sort((a, b) => b.morpheme.length - a.morpheme.length);
  const memo = new Map<string, CueEntry | null>();
  return (word) => {
    const hit = memo.get(word);
    if (hit !== undefined) return hit ?? undefined;
    let found: CueEntry | null = null;
    for (const s of specs) {
      if (!word.includes(s.morpheme)) continue;
      if (s.only ? !s.only.has(word) : s.except.has(word)) continue;
      found = s.entry;
      break;
    }
    if (memo.size >= MAX_MEMO) memo.clear();
    memo.set(word, found);
    return found ?? undefined;
  };
}
