/**
 * Signals in how a message is written rather than in its words: shouting in capitals, runs of ! and ？,
 * stretched words ("sooooo", 啊啊啊). Alone they are weak (a cheerful "WOW!!" is not anger); they mostly
 * amplify the lexical cues, and add a little on their own.
 *
 * Third round (session 6), emphasis that is exasperation in itself (src/emotion/eval/LABELLING.md: shown anger):
 * - a closing fragment that repeats the opening ("Nobody called me back. Nobody."): `echo`;
 * - one word of repetition shouted in a lower-case message ("it broke AGAIN", "you STILL charged me"):
 *   `caps_emphasis` (two or more shouted words are `caps`).
 */
import { stemEnglish } from './english-stemmer.js';
import type { Token } from './text-tokenizer.js';

export interface SurfaceSignals {
  /** Multiplier on lexical scores is 1 + amp. */
  angerAmp: number;
  anxietyAmp: number;
  angerAdd: number;
  anxietyAdd: number;
  cues: string[];
}

interface Counts { words: number; caps: number; bangs: number; questions: number; mixed: boolean; elongated: boolean; emphatic: boolean }

/** Words of repetition whose shouting alone reads as exasperation ("AGAIN", "STILL"; stems). Shouted denials
 * ("that was NOT fun") are as often plain emphasis, on GoEmotions dev: left out. */
const EMPHATIC = new Set(['again', 'still', 'twice', 'never', 'ever', 'every', 'always'].map(stemEnglish));
/** An echo must repeat a denial or a why: "LOL … LOL" or a name said twice is no exasperation (stems). */
const ECHOED = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'none', 'zero', 'why', 'every', 'again', 'still', 'seriously'].map(stemEnglish));

/** One pass over the tokens. */
function count(tokens: readonly Token[]): Counts {
  const c: Counts = { words: 0, caps: 0, bangs: 0, questions: 0, mixed: false, elongated: false, emphatic: false };
  for (const t of tokens) {
    if (t.elongated) c.elongated = true;
    if (t.kind === 'word' && !t.zh) {
      c.words++;
      if (t.caps) { c.caps++; if (EMPHATIC.has(t.key)) c.emphatic = true; }
    } else if (t.kind === 'punct') {
      if (t.bangs > c.bangs) c.bangs = t.bangs;
      if (t.questions > c.questions) c.questions = t.questions;
      if (t.bangs > 0 && t.questions > 0) c.mixed = true;
    }
  }
  return c;
}

/** Sentence ends for the echo: a full stop or a run of ! or ?. */
const ends = (t: Token) => (t.kind === 'break' && t.key === '.') || t.kind === 'punct';

/**
 * "Not one update since May. Not one.": the last sentence is one or two words, the same as the first words of
 * the message, with at least one sentence between. Read backwards from the end: a few tokens at most.
 */
function echoes(tokens: readonly Token[]): boolean {
  let end = tokens.length - 1;
  while (end >= 0 && ends(tokens[end]!)) end--;
  let start = end;
  while (start >= 0 && tokens[start]!.kind === 'word' && !tokens[start]!.zh && end - start < 2) start--;
  const n = end - start;
  if (n < 1 || n > 2 || start < 1 || !ends(tokens[start]!) || start < n + 2) return false;
  for (let i = 0; i < n; i++) if (tokens[i]!.kind !== 'word' || tokens[i]!.key !== tokens[start + 1 + i]!.key) return false;
  return ECHOED.has(tokens[0]!.key);
}

/** Reads the message-level writing cues from the tokens. */
export function readSurface(tokens: readonly Token[]): SurfaceSignals {
  const s: SurfaceSignals = { angerAmp: 0, anxietyAmp: 0, angerAdd: 0, anxietyAdd: 0, cues: [] };
  const p = count(tokens);
  if (p.caps >= 2 && p.caps / p.words >= 0.3) { s.angerAmp += 0.3; s.angerAdd += 1.5; s.cues.push('caps'); }
  if (p.bangs >= 2) {
    s.angerAmp += p.bangs >= 3 ? 0.3 : 0.15;
    s.angerAdd += p.bangs >= 3 ? 0.8 : 0.4;
    s.cues.push(`exclamation:${Math.min(p.bangs, 9)}`);
  }
  if (p.questions >= 2) {
    s.anxietyAmp += 0.15; s.anxietyAdd += p.questions >= 3 ? 0.8 : 0.5; s.angerAdd += p.questions >= 3 ? 0.5 : 0.3;
    s.cues.push(`question:${Math.min(p.questions, 9)}`);
  }
  if (p.mixed) { s.angerAdd += 0.6; s.cues.push('interrobang'); }
  if (p.elongated) { s.angerAmp += 0.2; s.anxietyAmp += 0.2; s.cues.push('elongation'); }
  // Enough to flag alone: in English the learned regression may take back up to 1.5 (it reads "chat closed on
  // me" as calm). Words stamped one per sentence ("Fix. Your. App.") were tried too and left out: on GoEmotions
  // dev they are as often awe ("Oh. My. God."), and they found nothing on complaints the lexicon did not.
  if (p.words >= 4 && p.words <= 60 && echoes(tokens)) { s.angerAdd += 3; s.cues.push('echo'); }
  if (p.emphatic && p.caps === 1) { s.angerAdd += 3; s.cues.push('caps_emphasis'); }
  return s;
}
