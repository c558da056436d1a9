/**
 * Signals in how a message is written rather than in its words: shouting in capitals, runs of ! and ？,
 * stretched words ("sooooo", 啊啊啊). Alone they are weak (a cheerful "WOW!!" is not anger); they mostly
 * amplify the lexical cues, and add a little on their own.
 */
import type { Token } from './text-tokenizer.js';

export interface SurfaceSignals {
  /** Multiplier on lexical scores is 1 + amp. */
  angerAmp: number;
  anxietyAmp: number;
  angerAdd: number;
  anxietyAdd: number;
  cues: string[];
}

interface Counts { words: number; caps: number; bangs: number; questions: number; mixed: boolean; elongated: boolean }

/** One pass over the tokens. */
function count(tokens: readonly Token[]): Counts {
  const c: Counts = { words: 0, caps: 0, bangs: 0, questions: 0, mixed: false, elongated: false };
  for (const t of tokens) {
    if (t.elongated) c.elongated = true;
    if (t.kind === 'word' && !t.zh) {
      c.words++;
      if (t.caps) c.caps++;
    } else if (t.kind === 'punct') {
      if (t.bangs > c.bangs) c.bangs = t.bangs;
      if (t.questions > c.questions) c.questions = t.questions;
      if (t.bangs > 0 && t.questions > 0) c.mixed = true;
    }
  }
  return c;
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
  return s;
}
