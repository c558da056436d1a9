/**
 * The complaint-domain model (lexicons/complaint.lexicon.json, trained by `npm run train:emotion` on our labelled
 * complaint files, with a domain gate: complaint text or not) compiled for the hot path: word, pair, bigram and signal features get integer ids, so a
 * message costs an array read per word (the ids sit on the cached tokens), one numeric-key read per word pair
 * and per Chinese word boundary, and a few reads for its signals (if the model has any).
 * complaint-features.ts defines the features; this sums exactly their weights.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cueFamily, INTENSITY_STEPS, LOGIT_STEPS, type ComplaintSignals } from './complaint-features.js';
import { toIntensity } from './emotion-scorer.js';
import { isFeatureToken } from './learned-features.js';
import type { ChineseChars, Token } from './text-tokenizer.js';

/** How the complaint logit joins the points: z = logit − center; scale·z above 0, max(−cap, down·z) below;
 * only on English text whose domain logit reaches `gate`. `off`: on English whose gate stays shut, the same
 * shape over the GoEmotions logit (minus its threshold) instead: the regression trained on that kind of text
 * decides more there than the hand lexicons let it on complaints (absent: nothing is added). */
export interface ComplaintBlend { scale: number; center: number; down: number; cap: number; gate: number; off?: OffBlend }
export interface OffBlend { scale: number; center: number; down: number; cap: number; gate?: number }

export interface ComplaintLexiconFile {
  bias: { anger: number; anxiety: number; domain: number };
  blend: { anger: ComplaintBlend; anxiety: ComplaintBlend };
  /** Anger, anxiety and domain weight, and the written form. */
  features: Record<string, [number, number, number, string]>;
}

export interface ComplaintLexicon {
  /** Word key (English stem, emoji, Chinese word) → id. */
  words: Map<string, number>;
  /** Word-pair key (id·2^15 + id) → id. */
  pairs: IntTable;
  /** Chinese character (code point) → index, and bigram key (index·2^15 + index) → id. */
  chars: Map<number, number>;
  bigrams: IntTable;
  /** Signal feature ids per language (index 0 en, 1 zh), −1 when the feature has no weight. */
  steps: Array<{ anger: Int32Array; anxiety: Int32Array; learnedAnger: Int32Array; learnedAnxiety: Int32Array }>;
  families: Array<Map<string, number>>;
  /** Anger, anxiety and domain weight of id i at 3i, 3i + 1 and 3i + 2. */
  weights: Float64Array;
  /** Written form of id i; `text[i]` false for signal features (never named as a cue). */
  surface: string[];
  text: Uint8Array;
  bias: { anger: number; anxiety: number; domain: number };
  blend: { anger: ComplaintBlend; anxiety: ComplaintBlend };
  /** Does the file weigh any signal feature? */
  hasSignals: boolean;
}

const PAIR = 2 ** 15;

/**
 * An integer → integer table by open addressing (keys id·2^15 + id, both ids < 2^15): a pair or bigram lookup is
 * a hash and a few integer compares, cheaper than a Map on the hot path. Key at 2h, value at 2h + 1; −1 is empty.
 */
export class IntTable {
  readonly #slots: Int32Array;
  readonly #mask: number;
  constructor(entries: ReadonlyMap<number, number>) {
    let size = 2;
    while (size < entries.size * 2) size *= 2;
    this.#slots = new Int32Array(2 * size).fill(-1);
    this.#mask = size - 1;
    for (const [key, value] of entries) {
      let h = IntTable.hash(key) & this.#mask;
      while (this.#slots[2 * h] !== -1) h = (h + 1) & this.#mask;
      this.#slots[2 * h] = key;
      this.#slots[2 * h + 1] = value;
    }
  }
  static hash(key: number): number { return Math.imul(key, 0x9e3779b1) >>> 15; }
  /** The value of `key`, or −1. */
  get(key: number): number {
    const slots = this.#slots;
    for (let h = IntTable.hash(key) & this.#mask; ; h = (h + 1) & this.#mask) {
      const k = slots[2 * h]!;
      if (k === key) return slots[2 * h + 1]!;
      if (k === -1) return -1;
    }
  }
}

export const COMPLAINT_FILE = new URL('./lexicons/complaint.lexicon.json', import.meta.url);

/** No layer: what the trainer reads its signals with before the first file exists. */
export const NO_COMPLAINT_BLEND: ComplaintLexiconFile['blend'] = { anger: { scale: 0, center: 0, down: 0, cap: 0, gate: 0 }, anxiety: { scale: 0, center: 0, down: 0, cap: 0, gate: 0 } };

export function readComplaintFile(url: URL = COMPLAINT_FILE): ComplaintLexiconFile {
  if (!existsSync(url)) return { bias: { anger: 0, anxiety: 0, domain: 0 }, blend: NO_COMPLAINT_BLEND, features: {} };
  return JSON.parse(readFileSync(url, 'utf8')) as ComplaintLexiconFile;
}

const LANGS = ['en|', 'zh|'] as const;

export function compileComplaint(file: ComplaintLexiconFile = readComplaintFile()): ComplaintLexicon {
  const words = new Map<string, number>();
  const chars = new Map<number, number>();
  const weights: number[] = [];
  const surface: string[] = [];
  const text: number[] = [];
  const signals = new Map<string, number>();
  const add = (w: [number, number, number, string], isText: boolean) => { weights.push(w[0], w[1], w[2]); surface.push(w[3]); text.push(isText ? 1 : 0); return surface.length - 1; };
  const wordId = (key: string) => words.get(key) ?? words.set(key, add([0, 0, 0, key], true)).get(key)!;
  const charIndex = (c: number) => chars.get(c) ?? chars.set(c, chars.size).get(c)!;
  const pairs = new Map<number, number>();
  const bigrams = new Map<number, number>();
  const pairList: Array<[string, string, [number, number, number, string]]> = [];
  // A plain loop over the keys: this runs once, cold, in the analyzer's load (~9,700 features).
  const features = file.features;
  for (const key in features) {
    const w = features[key]!;
    if (key.startsWith('en|') || key.startsWith('zh|')) { signals.set(key, add(w, false)); continue; }
    if (key.charCodeAt(0) === 126) { // ~ and the bigram's two characters (either may be a surrogate pair)
      const a = key.codePointAt(1)!;
      const b = key.codePointAt(a > 0xffff ? 3 : 2)!;
      const first = charIndex(a);
      bigrams.set(first * PAIR + charIndex(b), add(w, true));
      continue;
    }
    const space = key.indexOf(' ');
    if (space >= 0) pairList.push([key.slice(0, space), key.slice(space + 1), w]);
    else { const id = wordId(key); weights[3 * id] = w[0]; weights[3 * id + 1] = w[1]; weights[3 * id + 2] = w[2]; surface[id] = w[3]; }
  }
  for (const [a, b, w] of pairList) { const key = wordId(a) * PAIR + wordId(b); pairs.set(key, add(w, true)); }
  if (words.size > PAIR || chars.size > PAIR) throw new Error('complaint lexicon: too many words or characters for the pair key');
  const ids = (names: string[]) => Int32Array.from(names, (n) => signals.get(n) ?? -1);
  const steps = LANGS.map((l) => ({
    anger: ids(INTENSITY_STEPS.map((k) => `${l}anger≥${k}`)), anxiety: ids(INTENSITY_STEPS.map((k) => `${l}anxiety≥${k}`)),
    learnedAnger: ids(LOGIT_STEPS.map((k) => `${l}goemotions:anger≥${k}`)), learnedAnxiety: ids(LOGIT_STEPS.map((k) => `${l}goemotions:anxiety≥${k}`)),
  }));
  const families = LANGS.map((l) => new Map([...signals].filter(([k]) => k.startsWith(l) && !/≥-?\d$/.test(k)).map(([k, id]) => [k.slice(3), id])));
  return { words, pairs: new IntTable(pairs), chars, bigrams: new IntTable(bigrams), steps, families, weights: Float64Array.from(weights), surface, text: Uint8Array.from(text), bias: file.bias, blend: file.blend, hasSignals: signals.size > 0 };
}

export interface ComplaintScore {
  anger: number;
  anxiety: number;
  /** Does the text read like a complaint (≥ 0) or like other writing (Reddit)? Text features only. */
  domain: number;
  /** Written form of the text feature that added most to each logit, if any added. */
  angerTop: string | undefined;
  anxietyTop: string | undefined;
}

/** A Chinese word's characters as the bigrams read them (written into its cached token by the tokenizer). */
export function chineseCharsOf(word: string, lex: ComplaintLexicon): ChineseChars {
  const inner: number[] = [];
  let first = -2;
  let last = -1;
  for (let i = 0; i < word.length;) {
    const cp = word.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    const c = lex.chars.get(cp) ?? -1;
    if (first === -2) first = c;
    else if (last >= 0 && c >= 0) { const id = lex.bigrams.get(last * PAIR + c); if (id >= 0) inner.push(id); }
    last = c;
  }
  return { first: first === -2 ? -1 : first, last, inner: Int32Array.from(inner) };
}

/**
 * The running sum of one message: its logits and the strongest text feature of each. A class rather than a
 * closure over the score: `add` is called per feature, and a closure made per message costs an allocation
 * (and, under tsx, a `__name` call) that showed in the analyzer's profile.
 */
class ComplaintSum implements ComplaintScore {
  anger: number;
  anxiety: number;
  domain: number;
  angerTop: string | undefined = undefined;
  anxietyTop: string | undefined = undefined;
  #bestAnger = 0;
  #bestAnxiety = 0;
  readonly #lex: ComplaintLexicon;
  constructor(lex: ComplaintLexicon) {
    this.#lex = lex;
    this.anger = lex.bias.anger;
    this.anxiety = lex.bias.anxiety;
    this.domain = lex.bias.domain;
  }

  add(id: number): void {
    const lex = this.#lex;
    const w = lex.weights;
    const a = w[3 * id]!;
    const x = w[3 * id + 1]!;
    this.anger += a; this.anxiety += x; this.domain += w[3 * id + 2]!;
    if (lex.text[id] !== 1) return;
    if (a > this.#bestAnger) { this.#bestAnger = a; this.angerTop = lex.surface[id]; }
    if (x > this.#bestAnxiety) { this.#bestAnxiety = x; this.anxietyTop = lex.surface[id]; }
  }

  /** Adds `id` when the feature has a weight (signal ids are −1 otherwise). */
  addSome(id: number | undefined): void {
    if (id !== undefined && id >= 0) this.add(id);
  }
}

/**
 * One pass over the tokens, then the signals: bias + Σ weights of complaintFeatureKeys(tokens, signals). Word
 * ids and a Chinese word's own bigrams come with the (cached) token; a pair, or a bigram across a cut, is one
 * numeric-key lookup.
 */
export function scoreComplaint(tokens: readonly Token[], s: ComplaintSignals, lex: ComplaintLexicon): ComplaintScore {
  const sum = new ComplaintSum(lex);
  let prev = -1;
  let lastChar = -1;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const zc = t.zc;
    if (zc !== null) {
      prev = -1;
      if (t.cid >= 0) sum.add(t.cid);
      if (lastChar >= 0 && zc.first >= 0) { const id = lex.bigrams.get(lastChar * PAIR + zc.first); if (id >= 0) sum.add(id); }
      const inner = zc.inner;
      for (let i = 0; i < inner.length; i++) sum.add(inner[i]!);
      lastChar = zc.last;
      continue;
    }
    lastChar = -1;
    if (!isFeatureToken(t)) { prev = -1; continue; }
    const id = t.cid;
    if (id >= 0) {
      sum.add(id);
      if (prev >= 0) { const p = lex.pairs.get(prev * PAIR + id); if (p >= 0) sum.add(p); }
    }
    prev = id;
  }
  if (lex.hasSignals) addSignals(s, lex, sum);
  return sum;
}

/** The signal features' weights (none when the model was trained on text only: then this is skipped). */
function addSignals(s: ComplaintSignals, lex: ComplaintLexicon, sum: ComplaintSum): void {
  const lang = s.zh ? 1 : 0;
  const steps = lex.steps[lang]!;
  const anger = toIntensity(s.anger);
  const anxiety = toIntensity(s.anxiety);
  for (let k = 0; k < INTENSITY_STEPS.length; k++) if (anger >= INTENSITY_STEPS[k]!) sum.addSome(steps.anger[k]);
  for (let k = 0; k < INTENSITY_STEPS.length; k++) if (anxiety >= INTENSITY_STEPS[k]!) sum.addSome(steps.anxiety[k]);
  if (s.learnedAnger !== undefined) for (let k = 0; k < LOGIT_STEPS.length; k++) if (s.learnedAnger >= LOGIT_STEPS[k]!) sum.addSome(steps.learnedAnger[k]);
  if (s.learnedAnxiety !== undefined) for (let k = 0; k < LOGIT_STEPS.length; k++) if (s.learnedAnxiety >= LOGIT_STEPS[k]!) sum.addSome(steps.learnedAnxiety[k]);
  const families = lex.families[lang]!;
  let seen: Set<string> | undefined;
  for (const c of s.cues) {
    const f = cueFamily(c);
    if (f === undefined || seen?.has(f)) continue;
    const id = families.get(f);
    if (id === undefined) continue;
    (seen ??= new Set()).add(f);
    sum.add(id);
  }
}

/**
 * Points the complaint logit adds (or takes back, at most `cap`); 0 where the domain gate stays shut: English
 * that does not read like a complaint (GoEmotions' Reddit comments), which the complaint files never taught it.
 * Chinese is always let through (the other writing the gate learned from has none).
 */
export function gatedPoints(score: Pick<ComplaintScore, 'domain'>, zh: boolean, logit: number, b: ComplaintBlend, learned: number | undefined): number {
  if (zh || score.domain >= b.gate) return complaintPoints(logit, b);
  return learned !== undefined && offDomain(score.domain, b) ? complaintPoints(learned, b.off!) : 0;
}

/** English far enough from complaint text that the off blend speaks (and the explicit guard stands down: on
 * Reddit-like text "I'm afraid you're wrong" is the regression's to read, which learned it there). */
export function offDomain(domain: number, b: ComplaintBlend): boolean {
  return b.off !== undefined && domain < b.gate && domain < (b.off.gate ?? b.gate);
}

export function complaintPoints(logit: number, b: OffBlend): number {
  const z = logit - b.center;
  return z > 0 ? b.scale * z : Math.max(-b.cap, b.down * z);
}
