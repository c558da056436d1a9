/**
 * The complaint-domain model (lexicons/complaint.lexicon.json, trained by `npm run train:emotion` on our labelled
 * complaint files, with a domain gate: complaint text or not) compiled for the hot path: word, pair, bigram and signal features get integer ids, so a
 * message costs one map read per word (on the token's cached key string, whose hash V8 keeps), one numeric-key
 * read per word pair and per pair of Chinese characters, and a few reads for its signals.
 * complaint-features.ts defines the features; this sums exactly their weights.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cueFamily, INTENSITY_STEPS, isChineseWord, LOGIT_STEPS, type ComplaintSignals } from './complaint-features.js';
import { toIntensity } from './emotion-scorer.js';
import { isFeatureToken } from './learned-features.js';
import type { Token } from './text-tokenizer.js';

/** How the complaint logit joins the points: z = logit − center; scale·z above 0, max(−cap, down·z) below;
 * only on English text whose domain logit reaches `gate`. */
export interface ComplaintBlend { scale: number; center: number; down: number; cap: number; gate: number }

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
  pairs: Map<number, number>;
  /** Chinese character (code point) → index, and bigram key (index·2^15 + index) → id. */
  chars: Map<number, number>;
  bigrams: Map<number, number>;
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
}

const PAIR = 2 ** 15;

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
  for (const [key, w] of Object.entries(file.features)) {
    if (key.startsWith('en|') || key.startsWith('zh|')) signals.set(key, add(w, false));
    else if (key.startsWith('~')) {
      const [a, b] = [...key.slice(1)].map((ch) => charIndex(ch.codePointAt(0)!));
      bigrams.set(a! * PAIR + b!, add(w, true));
    } else if (key.includes(' ')) pairList.push([key.slice(0, key.indexOf(' ')), key.slice(key.indexOf(' ') + 1), w]);
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
  return { words, pairs, chars, bigrams, steps, families, weights: Float64Array.from(weights), surface, text: Uint8Array.from(text), bias: file.bias, blend: file.blend };
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

/** Adds the weights of feature id `id` (if any), tracking the strongest text feature. */
class Sum implements ComplaintScore {
  anger: number;
  anxiety: number;
  domain: number;
  angerTop: string | undefined = undefined;
  anxietyTop: string | undefined = undefined;
  #bestAnger = 0;
  #bestAnxiety = 0;
  constructor(private readonly lex: ComplaintLexicon) { this.anger = lex.bias.anger; this.anxiety = lex.bias.anxiety; this.domain = lex.bias.domain; }
  add(id: number | undefined): void {
    if (id === undefined || id < 0) return;
    const a = this.lex.weights[3 * id]!;
    const x = this.lex.weights[3 * id + 1]!;
    this.anger += a; this.anxiety += x; this.domain += this.lex.weights[3 * id + 2]!;
    if (this.lex.text[id] !== 1) return;
    if (a > this.#bestAnger) { this.#bestAnger = a; this.angerTop = this.lex.surface[id]; }
    if (x > this.#bestAnxiety) { this.#bestAnxiety = x; this.anxietyTop = this.lex.surface[id]; }
  }
}

/** One pass over the tokens, then the signals: bias + Σ weights of complaintFeatureKeys(tokens, signals). */
export function scoreComplaint(tokens: readonly Token[], s: ComplaintSignals, lex: ComplaintLexicon): ComplaintScore {
  const sum = new Sum(lex);
  let prev = -1;
  let lastChar = -1;
  for (const t of tokens) {
    if (isChineseWord(t)) {
      prev = -1;
      sum.add(lex.words.get(t.key));
      const key = t.key;
      for (let i = 0; i < key.length;) {
        const cp = key.codePointAt(i)!;
        i += cp > 0xffff ? 2 : 1;
        const c = lex.chars.get(cp) ?? -1;
        if (lastChar >= 0 && c >= 0) sum.add(lex.bigrams.get(lastChar * PAIR + c));
        lastChar = c;
      }
      continue;
    }
    lastChar = -1;
    if (!isFeatureToken(t)) { prev = -1; continue; }
    const id = lex.words.get(t.key) ?? -1;
    sum.add(id);
    if (prev >= 0 && id >= 0) sum.add(lex.pairs.get(prev * PAIR + id));
    prev = id;
  }
  const lang = s.zh ? 1 : 0;
  const steps = lex.steps[lang]!;
  const anger = toIntensity(s.anger);
  const anxiety = toIntensity(s.anxiety);
  for (let k = 0; k < INTENSITY_STEPS.length; k++) if (anger >= INTENSITY_STEPS[k]!) sum.add(steps.anger[k]);
  for (let k = 0; k < INTENSITY_STEPS.length; k++) if (anxiety >= INTENSITY_STEPS[k]!) sum.add(steps.anxiety[k]);
  if (s.learnedAnger !== undefined) for (let k = 0; k < LOGIT_STEPS.length; k++) if (s.learnedAnger >= LOGIT_STEPS[k]!) sum.add(steps.learnedAnger[k]);
  if (s.learnedAnxiety !== undefined) for (let k = 0; k < LOGIT_STEPS.length; k++) if (s.learnedAnxiety >= LOGIT_STEPS[k]!) sum.add(steps.learnedAnxiety[k]);
  const families = lex.families[lang]!;
  let seen: Set<string> | undefined;
  for (const c of s.cues) {
    const f = cueFamily(c);
    if (f === undefined) continue;
    const id = families.get(f);
    if (id === undefined) continue;
    if (seen?.has(f)) continue;
    (seen ??= new Set()).add(f);
    sum.add(id);
  }
  return sum;
}

/**
 * Points the complaint logit adds (or takes back, at most `cap`); 0 where the domain gate stays shut: English
 * that does not read like a complaint (GoEmotions' Reddit comments), which the complaint files never taught it.
 * Chinese is always let through (the other writing the gate learned from has none).
 */
export function gatedPoints(score: ComplaintScore, zh: boolean, logit: number, b: ComplaintBlend): number {
  return zh || score.domain >= b.gate ? complaintPoints(logit, b) : 0;
}

export function complaintPoints(logit: number, b: ComplaintBlend): number {
  const z = logit - b.center;
  return z > 0 ? b.scale * z : Math.max(-b.cap, b.down * z);
}
