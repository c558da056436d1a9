/**
 * The features of the complaint-domain model (lexicons/complaint.lexicon.json, trained by
 * src/emotion/eval/complaint-trainer.ts on our labelled complaint files):
 *
 * - text: English Porter stems, emoji and neighbouring pairs (as learned-features.ts); Chinese jieba words and
 *   character bigrams over each run of Chinese words (`~拉胯`, across jieba's cuts too);
 * - signals: what the analyzer already read before this layer, so the model learns how much to trust it: the
 *   hand-plus-GoEmotions intensity in steps (`en|anger≥3`), the GoEmotions logit against its threshold
 *   (`en|goemotions:anger≥0`), and the families of the cues that fired (`zh|rule:sarcasm`, `en|lex:anger`,
 *   `en|exclamation`). Signals are prefixed by language: a 3 means something else in Chinese than in English.
 *
 * The trainer reads the keys (`complaintFeatureKeys`), the analyzer the compiled file (complaint-lexicon.ts); a
 * test checks that they agree.
 */
import { toIntensity } from './emotion-scorer.js';
import { isFeatureToken } from './learned-features.js';
import type { Token } from './text-tokenizer.js';

/** What the analyzer read before the complaint layer (raw points, the GoEmotions logit, the cues so far). */
export interface ComplaintSignals {
  zh: boolean;
  anger: number;
  anxiety: number;
  /** GoEmotions logit minus its threshold; undefined when the message has no learned word (Chinese). */
  learnedAnger: number | undefined;
  learnedAnxiety: number | undefined;
  cues: readonly string[];
  /** Emotions the hand layers read from an explicit cue or rule: the layer cannot unflag them (explicit-guard.ts). */
  explicit: { anger: boolean; anxiety: boolean };
}

/** Intensity steps (0–10 scale) and GoEmotions logit steps that become signal features. */
export const INTENSITY_STEPS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export const LOGIT_STEPS = [-2, -1, 0, 1, 2] as const;

export const isChineseWord = (t: Token) => t.zh && t.kind === 'word';

/**
 * The family a cue counts as: rule and pattern cues by their id, lexicon cues by their emotion only (the word is
 * a text feature already), writing signals by name ("exclamation:3" → exclamation). Learned cues are left out:
 * the logit steps carry them.
 */
export function cueFamily(cue: string): string | undefined {
  if (cue.startsWith('rule:') || cue.startsWith('anger:pattern:')) return cue;
  if (cue.startsWith('learned:')) return undefined;
  if (cue.startsWith('anger:')) return 'lex:anger';
  if (cue.startsWith('anxiety:')) return 'lex:anxiety';
  if (cue.startsWith('negated:')) return 'lex:negated';
  const colon = cue.indexOf(':');
  return colon < 0 ? cue : cue.slice(0, colon);
}

/** Signal feature names of one message, each once, in a fixed order. */
export function signalKeys(s: ComplaintSignals): string[] {
  const lang = s.zh ? 'zh|' : 'en|';
  const out: string[] = [];
  const anger = toIntensity(s.anger);
  const anxiety = toIntensity(s.anxiety);
  for (const k of INTENSITY_STEPS) if (anger >= k) out.push(`${lang}anger≥${k}`);
  for (const k of INTENSITY_STEPS) if (anxiety >= k) out.push(`${lang}anxiety≥${k}`);
  if (s.learnedAnger !== undefined) for (const k of LOGIT_STEPS) if (s.learnedAnger >= k) out.push(`${lang}goemotions:anger≥${k}`);
  if (s.learnedAnxiety !== undefined) for (const k of LOGIT_STEPS) if (s.learnedAnxiety >= k) out.push(`${lang}goemotions:anxiety≥${k}`);
  const families = new Set<string>();
  for (const c of s.cues) { const f = cueFamily(c); if (f !== undefined) families.add(f); }
  for (const f of families) out.push(lang + f);
  return out;
}

/** Text feature occurrences in text order, as [key, surface form] (a feature seen twice counts twice). */
export function textKeys(tokens: readonly Token[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let prev: Token | undefined;
  let lastChar = '';
  for (const t of tokens) {
    if (isChineseWord(t)) {
      prev = undefined;
      out.push([t.key, t.key]);
      for (const ch of t.key) {
        if (lastChar) out.push([`~${lastChar}${ch}`, lastChar + ch]);
        lastChar = ch;
      }
      continue;
    }
    lastChar = '';
    if (!isFeatureToken(t)) { prev = undefined; continue; }
    out.push([t.key, t.norm]);
    if (prev) out.push([`${prev.key} ${t.key}`, `${prev.norm} ${t.norm}`]);
    prev = t;
  }
  return out;
}

/** Every feature of a message: its text features, then its signals (surface form = the name). */
export function complaintFeatureKeys(tokens: readonly Token[], signals: ComplaintSignals): Array<[string, string]> {
  const out = textKeys(tokens);
  for (const k of signalKeys(signals)) out.push([k, k]);
  return out;
}
