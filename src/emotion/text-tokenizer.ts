/**
 * Mixed-language tokenizer: one pass of a scanner over the text (token-scanner.ts), Han runs handed to jieba,
 * Latin words stemmed. Our own grammar rather than natural's tokenizers because emotion lives in what they drop: case, emoji,
 * emoticons and runs of ! and ？.
 */
import type { Jieba } from '@node-rs/jieba';
import type { LexiconSlot } from './lexicon.types.js';
import { stemEnglish } from './english-stemmer.js';
import { TokenCache } from './token-cache.js';
import { codePointLength, tokenEnd } from './token-scanner.js';

export type TokenKind = 'word' | 'num' | 'emoji' | 'punct' | 'break';

export interface Token {
  /** Lookup key: Porter stem for English, the word for Chinese, the symbol for emoji. */
  key: string;
  /** Lower-case, de-elongated surface form (English) — for AFINN, which is not stemmed. */
  norm: string;
  kind: TokenKind;
  zh: boolean;
  /** ALL CAPS English word of three letters or more (acronyms excepted). */
  caps: boolean;
  elongated: boolean;
  /** For punct tokens: how many ! and ? the run holds. */
  bangs: number;
  questions: number;
  /** AFINN-165 valence of the surface form (0 when absent or Chinese). */
  afinn: number;
  /** Id of this word or emoji in the learned lexicon (learned-lexicon.ts); −1 when it has none. Always set, so
   * every token has one shape (monomorphic property reads on the hot path). */
  lid: number;
  /** Id of this word or emoji in the complaint-domain lexicon (complaint-lexicon.ts); −1 when it has none. */
  cid: number;
  /** For Chinese words: their characters as the complaint lexicon's bigrams read them (null for other tokens). */
  zc: ChineseChars | null;
  /** Bit set of the hard-case rules this word may trigger (hard-case-rules.ts); 0 for most. */
  rb: number;
  /** Bit set of the rule regexes' anchor groups this English word belongs to (rule-anchors.ts); 0 for most. */
  ab: number;
  /** The lexicon slot of `key` for words and numbers (null: none), looked up once per distinct token; undefined
   * when the tokenizer was given no slots (the matcher then looks the key up itself). */
  slot: LexiconSlot | null | undefined;
}

/** A Chinese word's characters for the complaint lexicon's bigrams: the index of its first and last character
 * (−1: in no bigram) and the ids of the bigrams inside it. */
export interface ChineseChars { first: number; last: number; inner: Int32Array }

/** What the tokenizer needs from the lexicons. */
export interface TokenizerContext {
  jieba: Jieba;
  /** Is this key a known word? Decides how to undo elongation ("sooo" → "so", "goood" → "good"). */
  isKnown: (key: string) => boolean;
  afinn?: ReadonlyMap<string, number>;
  /** Learned-lexicon ids, written into each (cached) word and emoji token once. */
  learnedIds?: ReadonlyMap<string, number>;
  /** Hard-case rule bits of a token key, likewise written once per distinct token. */
  ruleBits?: (key: string, zh: boolean, raw: string) => number;
  /** Anchor bits of an English word's surface form, likewise written once per distinct token. */
  anchorBits?: (raw: string) => number;
  /** Complaint-lexicon ids and Chinese characters, likewise written once per distinct token. */
  complaintIds?: ReadonlyMap<string, number>;
  chineseChars?: (word: string) => ChineseChars;
  /** The lexicon's slots (CompiledLexicon.slots), written into each word and number token once. */
  slots?: ReadonlyMap<string, LexiconSlot>;
}

const EMOTICONS = new Set(['>:(', '>:-(', ":'(", ":'-(", ':(', ':-(', ':/', ':-/', 'T_T', 'TAT', 'QAQ', ';_;']);
const BREAK_CHARS = ',.;:，。；：、…~～\n';
const HAN_START_RE = /^\p{Script=Han}/u;
const ELONGATED_RE = /([a-z])\1{2,}/;
const HAN_REPEAT_RE = /(\p{Script=Han})\1{2,}/gu;
const ACRONYMS = new Set(['DHL', 'UPS', 'USPS', 'SKU', 'USA', 'USB', 'SMS', 'GPS', 'BBB', 'CEO', 'FAQ', 'PDF', 'URL', 'APP', 'EMS', 'COD', 'VIP', 'IOS', 'ATM', 'PIN', 'LED', 'LCD', 'SSD', 'RAM', 'CPU', 'GPU', 'XXL', 'FYI', 'ETA', 'TNT', 'JD', 'LOL', 'OMG']);

function punct(text: string): Token {
  let bangs = 0;
  for (const ch of text) if (ch === '!' || ch === '！') bangs++;
  return { key: text, norm: text, kind: 'punct', zh: false, caps: false, elongated: false, bangs, questions: [...text].length - bangs, afinn: 0, lid: -1, cid: -1, zc: null, rb: 0, ab: 0, slot: undefined };
}

function simple(key: string, kind: TokenKind, zh = false): Token {
  return { key, norm: key, kind, zh, caps: false, elongated: false, bangs: 0, questions: 0, afinn: 0, lid: -1, cid: -1, zc: null, rb: 0, ab: 0, slot: undefined };
}

/** "sooooo" → "so" (or "soo" when that is the known form); `isKnown` decides between the two. */
function englishWord(raw: string, ctx: TokenizerContext): Token {
  let norm = raw.toLowerCase();
  if (norm.includes('’')) norm = norm.replace(/’/g, "'");
  const elongated = ELONGATED_RE.test(norm);
  if (elongated) {
    const two = norm.replace(/([a-z])\1{2,}/g, '$1$1');
    const one = norm.replace(/([a-z])\1{2,}/g, '$1');
    norm = ctx.isKnown(stemEnglish(two)) ? two : one;
  }
  const caps = raw.length >= 3 && raw.charCodeAt(0) <= 90 && raw === raw.toUpperCase() && !ACRONYMS.has(raw);
  const afinn = ctx.afinn?.get(norm) ?? 0;
  return { key: stemEnglish(norm), norm, kind: 'word', zh: false, caps, elongated, bangs: 0, questions: 0, afinn, lid: -1, cid: -1, zc: null, rb: 0, ab: 0, slot: undefined };
}

function slotOf(key: string, ctx: TokenizerContext): LexiconSlot | null | undefined {
  return ctx.slots ? ctx.slots.get(key) ?? null : undefined;
}

function chineseWord(word: string, ctx: TokenizerContext, elongated: boolean): Token {
  const t = simple(word, 'word', true);
  t.elongated = elongated;
  t.rb = ctx.ruleBits?.(word, true, word) ?? 0;
  t.slot = slotOf(word, ctx);
  t.cid = ctx.complaintIds?.get(word) ?? -1;
  t.zc = ctx.chineseChars?.(word) ?? null;
  return t;
}

function hanRun(run: string, ctx: TokenizerContext, out: Token[], cache?: TokenCache<Token>): void {
  const jieba = ctx.jieba;
  const elongated = HAN_REPEAT_RE.test(run);
  HAN_REPEAT_RE.lastIndex = 0;
  const text = elongated ? run.replace(HAN_REPEAT_RE, '$1$1') : run;
  for (const word of jieba.cut(text, false)) {
    if (elongated) { out.push(chineseWord(word, ctx, true)); continue; }
    const hash = cache ? TokenCache.hash(word, 0, word.length) : 0;
    let t = cache?.get(word, 0, word.length, hash);
    if (!t) { t = chineseWord(word, ctx, false); cache?.set(word, hash, t); }
    out.push(t);
  }
}

/**
 * Tokens in text order; at most `maxTokens` of them. With a `cache`, Latin words, punctuation and emoji are
 * built once per distinct surface form and shared (tokens are read-only), which is most of the speed.
 */
/** Default token limit of a message: a message with this many tokens may have been cut. */
export const MAX_TOKENS = 2000;

export function tokenize(text: string, ctx: TokenizerContext, maxTokens = MAX_TOKENS, cache?: TokenCache<Token>): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (out.length < maxTokens) {
    let end = i;
    // Skip to the next token; a space, most of what lies between tokens, without asking the scanner.
    for (; i < n; i += codePointLength(text, i)) {
      if (text.charCodeAt(i) === 32) continue;
      end = tokenEnd(text, i);
      if (end !== i) break;
    }
    if (i >= n) break;
    const start = i;
    i = end;
    const hash = cache ? TokenCache.hash(text, start, end) : 0;
    let t = cache?.get(text, start, end, hash);
    if (!t) {
      const raw = text.slice(start, end);
      if (raw.charCodeAt(0) >= 0x2e80 && HAN_START_RE.test(raw)) { hanRun(raw, ctx, out, cache); continue; }
      t = build(raw, ctx);
      const lid = ctx.learnedIds?.get(t.key);
      if (lid !== undefined && t.kind !== 'punct' && t.kind !== 'break') t.lid = lid;
      const cid = ctx.complaintIds?.get(t.key);
      if (cid !== undefined && t.kind !== 'punct' && t.kind !== 'break') t.cid = cid;
      if (ctx.ruleBits && (t.kind === 'word' || t.kind === 'emoji')) t.rb = ctx.ruleBits(t.key, false, raw);
      if (ctx.anchorBits && t.kind === 'word') t.ab = ctx.anchorBits(raw);
      if (t.kind === 'word' || t.kind === 'num') t.slot = slotOf(t.key, ctx);
      cache?.set(raw, hash, t);
    }
    out.push(t);
  }
  return out;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Kind from the text; the regex guarantees the rest of the token matches its first character. */
function build(raw: string, ctx: TokenizerContext): Token {
  const c = raw.charCodeAt(0);
  if (EMOTICONS.has(raw)) return simple(raw, 'emoji');
  if (isLetter(c)) return englishWord(raw, ctx);
  if (c >= 48 && c <= 57) return simple(raw, 'num');
  if (c === 33 || c === 63 || c === 0xff01 || c === 0xff1f) return punct(raw);
  if (BREAK_CHARS.includes(raw[0]!)) return simple(raw, 'break');
  return simple(raw, 'emoji');
}

/** A tokenizer bound to one set of lexicons, with its own bounded token cache. */
export function createTokenizer(ctx: TokenizerContext): (text: string, maxTokens?: number) => Token[] {
  const cache = new TokenCache<Token>();
  return (text, maxTokens) => tokenize(text, ctx, maxTokens, cache);
}

/** Key of consecutive tokens: Chinese words join directly (so segmentation choices do not matter), others with a space. */
export function joinKeys(tokens: readonly Token[], from: number, to: number): string {
  let key = '';
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (i > from) key += t.zh && tokens[i - 1]!.zh ? '' : ' ';
    key += t.key;
  }
  return key;
}
