/**
 * The learned English lexicon (lexicons/learned.en.lexicon.json, trained by `npm run train:emotion`) compiled for
 * the hot path: every feature word gets an integer id stored on its (cached) token, so a message costs one array
 * read per word and one numeric-key map lookup per word pair: no string is built per message. The file (1.3 MB)
 * is read with JSON.parse rather than imported: a JSON module that size costs tsx and vitest a transform.
 */
import { readFileSync } from 'node:fs';
import type { Token } from './text-tokenizer.js';
import { isFeatureToken } from './learned-features.js';

export interface LearnedLexiconFile {
  bias: { anger: number; anxiety: number };
  threshold: { anger: number; anxiety: number };
  features: Record<string, [number, number, string]>;
}

export interface LearnedLexicon {
  /** Feature word (token key) → id; words that only occur in pairs have ids too. */
  ids: Map<string, number>;
  /** Anger and anxiety weight of word id i at 2i and 2i + 1: one cache line for both. */
  weights: Float64Array;
  /** 1 for the ids that start some pair: most words do not, and then no pair is looked up. */
  pairStart: Uint8Array;
  /** Pair key (id·2^15 + id) at 2h and its index into the pair arrays at 2h + 1: an open-addressing table
   * (see pairIndex), key and index side by side. */
  pairTable: Int32Array;
  pairMask: number;
  /** Anger and anxiety weight of pair p at 2p and 2p + 1. */
  pairWeights: Float64Array;
  /** Written forms ("rude", "thank god") for cue labels. */
  surface: string[];
  pairSurface: string[];
  bias: { anger: number; anxiety: number };
  threshold: { anger: number; anxiety: number };
}

const PAIR = 2 ** 15;

/** Multiplicative hash of a pair key (both ids < 2^15, so the key is a small integer). */
function hash(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 15;
}

/** Index of a pair in the pair arrays, or −1: linear probing, a few integer compares. */
function pairIndex(lex: LearnedLexicon, key: number): number {
  const table = lex.pairTable;
  for (let h = hash(key) & lex.pairMask; ; h = (h + 1) & lex.pairMask) {
    const k = table[2 * h]!;
    if (k === key) return table[2 * h + 1]!;
    if (k === -1) return -1;
  }
}

export const LEARNED_FILE = new URL('./lexicons/learned.en.lexicon.json', import.meta.url);

export function readLearnedFile(url: URL = LEARNED_FILE): LearnedLexiconFile {
  return JSON.parse(readFileSync(url, 'utf8')) as LearnedLexiconFile;
}

/**
 * Ids in file order: the words, then the words seen only in pairs, in the order of their pairs. Plain loops into
 * preallocated arrays: the file has ~18,000 features and this runs once, cold, in the analyzer's load, where
 * `Object.entries` and a small array per feature cost ~80 ms.
 */
export function compileLearned(file: LearnedLexiconFile = readLearnedFile()): LearnedLexicon {
  const ids = new Map<string, number>();
  const features = file.features;
  const featureCount = Object.keys(features).length;
  // Each word id holds at most one feature of its own plus one per pair side, so 2 × features bounds them.
  const weights = new Float64Array(4 * featureCount);
  const surface: string[] = [];
  const pairWeights: number[] = [];
  const pairSurface: string[] = [];
  const pairFirst: string[] = [];
  const pairSecond: string[] = [];
  const idOf = (key: string) => {
    let id = ids.get(key);
    if (id === undefined) { id = surface.length; ids.set(key, id); surface.push(key); }
    return id;
  };
  for (const key in features) {
    const w = features[key]!;
    const space = key.indexOf(' ');
    if (space < 0) { const id = idOf(key); weights[2 * id] = w[0]; weights[2 * id + 1] = w[1]; surface[id] = w[2]; continue; }
    pairFirst.push(key.slice(0, space));
    pairSecond.push(key.slice(space + 1));
    pairWeights.push(w[0], w[1]);
    pairSurface.push(w[2]);
  }
  let size = 1;
  while (size < pairFirst.length * 2) size *= 2;
  const pairTable = new Int32Array(2 * size).fill(-1);
  const starts = new Int32Array(pairFirst.length);
  for (let index = 0; index < pairFirst.length; index++) {
    const first = idOf(pairFirst[index]!);
    const key = first * PAIR + idOf(pairSecond[index]!);
    starts[index] = first;
    let h = hash(key) & (size - 1);
    while (pairTable[2 * h] !== -1) h = (h + 1) & (size - 1);
    pairTable[2 * h] = key;
    pairTable[2 * h + 1] = index;
  }
  const pairStart = new Uint8Array(surface.length);
  for (const id of starts) pairStart[id] = 1;
  if (surface.length > PAIR) throw new Error(`learned lexicon: ${surface.length} feature words, at most ${PAIR} fit the pair key (raise minCount)`);
  return {
    ids, weights: weights.slice(0, 2 * surface.length), pairStart,
    pairTable, pairMask: size - 1, pairWeights: Float64Array.from(pairWeights),
    surface, pairSurface,
    bias: file.bias, threshold: file.threshold,
  };
}

export interface LearnedScore {
  /** Logistic-regression logits. */
  anger: number;
  anxiety: number;
  /** Written form of the feature that added most to each logit, if any added. */
  angerTop: string | undefined;
  anxietyTop: string | undefined;
  /** Words and emoji with a learned id. */
  words: number;
}

/** One pass: bias + Σ weights of the words and word pairs present (learned-features.ts defines them). */
export function scoreLearned(tokens: readonly Token[], lex: LearnedLexicon): LearnedScore {
  const out: LearnedScore = { anger: lex.bias.anger, anxiety: lex.bias.anxiety, angerTop: undefined, anxietyTop: undefined, words: 0 };
  let bestAnger = 0;
  let bestAnxiety = 0;
  let prev = -1;
  for (const t of tokens) {
    const id = t.lid;
    if (id < 0 || !isFeatureToken(t)) { prev = -1; continue; }
    const a = lex.weights[2 * id]!;
    const x = lex.weights[2 * id + 1]!;
    out.anger += a; out.anxiety += x; out.words++;
    if (a > bestAnger) { bestAnger = a; out.angerTop = lex.surface[id]; }
    if (x > bestAnxiety) { bestAnxiety = x; out.anxietyTop = lex.surface[id]; }
    if (prev >= 0 && lex.pairStart[prev] === 1) {
      const p = pairIndex(lex, prev * PAIR + id);
      if (p >= 0) {
        const pa = lex.pairWeights[2 * p]!;
        const px = lex.pairWeights[2 * p + 1]!;
        out.anger += pa; out.anxiety += px;
        if (pa > bestAnger) { bestAnger = pa; out.angerTop = lex.pairSurface[p]; }
        if (px > bestAnxiety) { bestAnxiety = px; out.anxietyTop = lex.pairSurface[p]; }
      }
    }
    prev = id;
  }
  return out;
}
