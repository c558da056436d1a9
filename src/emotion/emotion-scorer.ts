/**
 * Turns matched cues and writing signals into 0–10 intensities. Raw points add up (a lexicon weight of ~3 is
 * "clearly angry"); intensity = 10·(1 − e^(−raw/4)) saturates, so ten insults do not score 30.
 */
import type { CueHit, MatchResult } from './cue-matcher.js';
import type { CueEntry } from './lexicon.types.js';
import type { SurfaceSignals } from './surface-cues.js';

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

/** Lexical points and the cue list. */
export function scoreHits(match: MatchResult): RawScores {
  const out: RawScores = { anger: 0, anxiety: 0, cues: [] };
  const seen = match.hits.length > 1 ? new Map<CueEntry, number>() : undefined;
  for (const hit of match.hits) {
    const repeats = seen?.get(hit.entry) ?? 0;
    seen?.set(hit.entry, repeats + 1);
    const m = hitMultiplier(hit, repeats);
    out.anger += hit.entry.anger * m;
    out.anxiety += hit.entry.anxiety * m;
    if (repeats === 0) out.cues.push(cueLabel(hit));
  }
  return out;
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

/** Adds writing signals, AFINN negativity and repeat contact to the lexical points. */
export function combine(lexical: RawScores, match: MatchResult, surface: SurfaceSignals, repeatContact: number): RawScores {
  const afinn = Math.min(AFINN_CAP, AFINN_SHARE * Math.max(0, match.afinnNegative - 0.5 * match.afinnPositive));
  const repeat = Math.max(0, Math.min(3, Math.floor(repeatContact)));
  const cues = [...lexical.cues, ...surface.cues];
  if (afinn > 0) cues.push(`afinn:-${match.afinnNegative}`);
  if (repeat > 0) cues.push(`repeat_contact:${repeat}`);
  return {
    anger: lexical.anger * (1 + surface.angerAmp) + surface.angerAdd + afinn + repeat * REPEAT_ANGER,
    anxiety: lexical.anxiety * (1 + surface.anxietyAmp) + surface.anxietyAdd + repeat * REPEAT_ANXIETY,
    cues,
  };
}

/** 0–10, one decimal. */
export function toIntensity(raw: number): number {
  if (!(raw > 0)) return 0;
  return Math.round(100 * (1 - Math.exp(-raw / 4))) / 10;
}
