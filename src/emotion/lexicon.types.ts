/** Shapes of the JSON lexicon files and of their compiled, lookup-ready form. */

/** `{ about, entries: { "word or phrase": weight } }` — one emotion, one language. */
export interface WeightLexiconFile {
  about: string;
  entries: Record<string, number>;
}

/** Emoji and emoticons carry both weights. */
export interface EmojiLexiconFile {
  about: string;
  entries: Record<string, { anger?: number; anxiety?: number }>;
}

export interface ModifierLexiconFile {
  about: string;
  negators: string[];
  intensifiers: Record<string, number>;
  downtoners: Record<string, number>;
  breaks: string[];
}

export interface CueEntry {
  /** The surface form from the lexicon file; shown to agents as the cue. */
  id: string;
  anger: number;
  anxiety: number;
  /** Precomputed cue labels (`anger:scam`, `negated:anger:scam`): no string building per message. */
  label?: string;
  negatedLabel?: string;
}

export type ModifierKind = 'negator' | 'intensifier' | 'downtoner' | 'break';

export interface Modifier {
  id: string;
  kind: ModifierKind;
  /** Multiplier for intensifiers and downtoners; 0 for negators; 1 for breaks. */
  factor: number;
  /** `negator:not`, `intensifier:非常` … as reported in cues. */
  label: string;
}

/** What one key means: a cue, a modifier, and/or the start of a longer entry. */
export interface LexiconSlot {
  /** The key this slot is stored under in `CompiledLexicon.slots`. */
  key: string;
  cue?: CueEntry;
  modifier?: Modifier;
  /** Some longer entry starts with this key: keep extending. */
  prefix: boolean;
  /** The slots of `key + ' ' + k` by k: extending a match by a token that joins with a space is one lookup of
   * the token's own key (its hash already computed) instead of building a new string and hashing it. */
  next?: Map<string, LexiconSlot>;
  /** This key is a `k` of some slot's `next`. False for most words ("the", "order"): a token whose slot says so
   * extends no match, without a lookup. Every such `k` has a slot, if only for this flag. */
  follows: boolean;
  /** A count noun ("times", "weeks"): after a number it yields this pattern cue. */
  countCue?: CueEntry;
  /** A number word ("three", "several"). */
  number?: boolean;
  /** A two-character Chinese entry jieba never keeps whole (拉胯 → 拉|胯, 盗刷 → 盗|刷): match it across the cut. */
  joinsSplit?: boolean;
}

/** Lexicons keyed by normalised token keys (see `joinKeys`), ready for longest-match lookup. */
export interface CompiledLexicon {
  /** cues ∪ modifiers ∪ prefixes in one map (and the keys that follow one of them, see LexiconSlot.follows):
   * one lookup per token on the hot path. */
  slots: Map<string, LexiconSlot>;
  cues: Map<string, CueEntry>;
  modifiers: Map<string, Modifier>;
  emoji: Map<string, CueEntry>;
  /** Chinese morpheme cue of a word no entry matched (chinese-morphemes.ts). */
  morpheme?: (word: string) => CueEntry | undefined;
  /** AFINN-165 word → valence (−5…5), from natural; read by the tokenizer into each token. */
  afinn: Map<string, number>;
  /** Every proper multi-token prefix of a cue or modifier key ("not", "can't" for "not happy", "can't sleep"). */
  prefixes: Set<string>;
  /** Longest entry, in tokens. */
  maxWindow: number;
}
