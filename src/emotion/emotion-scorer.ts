/**
 * Turns matched cues and writing signals into 0–10 intensities. Raw points add up (a lexicon weight of ~3 is
 * "clearly angry"); intensity = 10·(1 − e^(−raw/4)) saturates, so ten insults do not score 30.
 */
import type { CueHit, MatchResult } from './cue-matcher.js';
import type { CueEntry } from './lexicon.types.js';
import type { SurfaceSignals } from './surface-cues.js';
import type { LearnedScore } from './learned-lexicon.js';
import type { LearnedBlend } from './emotion.types.js';

/** AFINN is general negativity, not anger: a small share of it, capped, so "sad" news alone never flags. */
const AFINN_SHARE = 0.3;
const AFINN_CAP = 1.5;
/** Each earlier contact about the same problem: frustration grows, and so does worry, less. */
const REPEAT_ANGER = 0.8;
const REPEAT_ANXIETY = 0.3;

export interface RawScores {
  anger: number;
  anxiety: number;
  cues: string[];
}

function hitMultiplier(hit: CueHit, repeats: number): number {
  if (hit.negated) return 0;
  // The same cue again ("scam scam scam", 😡😡😡) counts 1, ½, ¼ …
  return hit.factor * (hit.caps ? 1.5 : 1) * (hit.elongated ? 1.3 : 1) * 0.5 ** repeats;
}

/** Every worry cue of the message was negated ("not worried", 不担心) and none stands: the writer denies worrying. */
export function deniesWorry(match: MatchResult): boolean {
  let denied = false;
  for (const h of match.hits) {
    if (h.entry.anxiety <= 0) continue;
    if (!h.negated) return false;
    denied = true;
  }
  return denied;
}

/**
 * Anger eclipses a waiting worry: when the message is clearly angry and its only worry cues are weak ones of
 * waiting and asking (还没到, 没消息, "when will"), the writer is labelled angry, not anxious
 * (src/emotion/eval/LABELLING.md: a plain "when will it arrive?" is 0, and so is an angry one). Strong fear words
 * (担心, "scared") and stakes rules keep their anxiety.
 */
export const ECLIPSE_FACTOR = 0.6;
const WEAK_WORRY = 3;
export function waitingWorryEclipsed(match: MatchResult, raw: { anger: number; anxiety: number }): boolean {
  if (raw.anger < 1.5 * raw.anxiety || raw.anger < 2) return false;
  for (const h of match.hits) if (!h.negated && h.entry.anxiety >= WEAK_WORRY) return false;
  return true;
}

/** Lexical points and the cue list. */
export function scoreHits(match: MatchResult): RawScores {
  const out: RawScores = { anger: 0, anxiety: 0, cues: [] };
  const hits = match.hits;
  const seen = hits.length > SCAN_HITS ? new Map<CueEntry, number>() : undefined;
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i]!;
    let repeats: number;
    if (seen) { repeats = seen.get(hit.entry) ?? 0; seen.set(hit.entry, repeats + 1); } else repeats = earlier(hits, i);
    const m = hitMultiplier(hit, repeats);
    out.anger += hit.entry.anger * m;
    out.anxiety += hit.entry.anxiety * m;
    if (repeats === 0) out.cues.push(cueLabel(hit));
  }
  return out;
}

/** Up to this many hits, repeats are counted by scanning the earlier hits: cheaper than allocating a Map. */
const SCAN_HITS = 16;

function earlier(hits: readonly CueHit[], i: number): number {
  const entry = hits[i]!.entry;
  let n = 0;
  for (let j = 0; j < i; j++) if (hits[j]!.entry === entry) n++;
  return n;
}

/** `anger:scam` / `negated:anxiety:担心`, memoised on the entry. */
function cueLabel(hit: CueHit): string {
  const e = hit.entry;
  if (!e.label) {
    const emotion = e.anger >= e.anxiety ? 'anger' : 'anxiety';
    e.label = `${emotion}:${e.id}`;
    e.negatedLabel = `negated:${emotion}:${e.id}`;
  }
  return hit.negated ? e.negatedLabel! : e.label;
}

/** Adds writing signals, AFINN negativity and repeat contact to the lexical points (in place: one object per message). */
export function combine(lexical: RawScores, match: MatchResult, surface: SurfaceSignals, repeatContact: number): RawScores {
  const afinn = Math.min(AFINN_CAP, AFINN_SHARE * Math.max(0, match.afinnNegative - 0.5 * match.afinnPositive));
  const repeat = Math.max(0, Math.min(3, Math.floor(repeatContact)));
  const cues = lexical.cues;
  for (const c of surface.cues) cues.push(c);
  if (afinn > 0) cues.push(`afinn:-${match.afinnNegative}`);
  if (repeat > 0) cues.push(`repeat_contact:${repeat}`);
  lexical.anger = lexical.anger * (1 + surface.angerAmp) + surface.angerAdd + afinn + repeat * REPEAT_ANGER;
  lexical.anxiety = lexical.anxiety * (1 + surface.anxietyAmp) + surface.anxietyAdd + repeat * REPEAT_ANXIETY;
  return lexical;
}

/** 0–10, one decimal. */
export function toIntensity(raw: number): number {
  if (!(raw > 0)) return 0;
  return Math.round(100 * (1 - Math.exp(-raw / 4))) / 10;
}

/**
 * Adds the learned lexicon's points for English text: `scale · (logit − threshold + margin)` above the line,
 * and `down ·` the same (negative, at most `cap` points) below it, so a message the regression reads as calm
 * takes back what loose hand cues gave ("hell yeah", "damn good") but not a strong complaint cue ("rent is due"). Text without learned words is left alone (Chinese).
 * The strongest learned feature is named as a cue (`learned:anger:rude`).
 */
function shift(z: number, b: LearnedBlend['anger']): number {
  return z > 0 ? b.scale * z : Math.max(-b.cap, b.down * z);
}

export function addLearned(raw: RawScores, score: LearnedScore, threshold: { anger: number; anxiety: number }, blend: LearnedBlend, worryDenied = false): void {
  if (score.words === 0) return;
  const anger = shift(score.anger - threshold.anger + blend.anger.margin, blend.anger);
  // "No worries", "I don't worry about the delay": the regression's weight on "worry" must not undo the negation.
  const anxiety = Math.min(worryDenied ? 0 : Infinity, shift(score.anxiety - threshold.anxiety + blend.anxiety.margin, blend.anxiety));
  raw.anger = Math.max(0, raw.anger + anger);
  raw.anxiety = Math.max(0, raw.anxiety + anxiety);
  if (anger > 0 && score.angerTop) raw.cues.push(`learned:anger:${score.angerTop}`);
  if (anxiety > 0 && score.anxietyTop) raw.cues.push(`learned:anxiety:${score.anxietyTop}`);
}
