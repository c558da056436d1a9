/**
 * The emotion analyzer: sanitize → tokenize (English + jieba) → match lexicon cues with negation and
 * modifiers → add writing signals → 0–10 intensities → flags by threshold. No network, no model download.
 */
import { matchCues } from './cue-matcher.js';
import { loadEmotionResources } from './emotion-lexicon.js';
import { combine, scoreHits, toIntensity } from './emotion-scorer.js';
import type { AnalyzeOptions, EmotionAnalyzer, EmotionResult, EmotionThresholds } from './emotion.types.js';
import { matchChinesePatterns } from './pattern-cues.js';
import { readSurface } from './surface-cues.js';
import { sanitizeText } from './text-sanitizer.js';
import { DEFAULT_THRESHOLDS } from './emotion-thresholds.js';

const MAX_CUES = 24;

export interface EmotionAnalyzerOptions {
  thresholds?: Partial<EmotionThresholds>;
}

/** Loads lexicons and jieba once per process (≈ 0.3 s), then analyses synchronously. */
export function createEmotionAnalyzer(options: EmotionAnalyzerOptions = {}): EmotionAnalyzer {
  const thresholds: EmotionThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const res = loadEmotionResources();
  const analyze = (input: string, opts: AnalyzeOptions = {}): EmotionResult => {
    const { text, truncated } = sanitizeText(input);
    const tokens = res.tokenize(text);
    const match = matchCues(tokens, res.lexicon);
    if (tokens.some((t) => t.zh)) {
      for (const entry of matchChinesePatterns(text)) match.hits.push({ entry, negated: false, factor: 1, caps: false, elongated: false });
    }
    const raw = combine(scoreHits(match), match, readSurface(tokens), opts.repeatContact ?? 0);
    const anger = toIntensity(raw.anger);
    const anxiety = toIntensity(raw.anxiety);
    const cues = [...raw.cues, ...match.modifiersUsed];
    if (truncated) cues.push('truncated');
    return {
      anger: { flagged: anger >= thresholds.anger, intensity: anger },
      anxiety: { flagged: anxiety >= thresholds.anxiety, intensity: anxiety },
      cues: cues.slice(0, MAX_CUES),
    };
  };
  return { analyze: safe(analyze), thresholds };
}

/** The analyzer must never break a turn: on an unexpected failure, report no emotion and say why. */
function safe(fn: EmotionAnalyzer['analyze']): EmotionAnalyzer['analyze'] {
  return (text, opts) => {
    try {
      return fn(text, opts);
    } catch {
      return { anger: { flagged: false, intensity: 0 }, anxiety: { flagged: false, intensity: 0 }, cues: ['error:analysis_failed'] };
    }
  };
}
