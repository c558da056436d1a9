/**
 * The emotion analyzer: sanitize → tokenize (English + jieba) → match lexicon cues with negation and
 * modifiers → add writing signals → 0–10 intensities → flags by threshold. No network, no model download.
 */
import { matchCues } from './cue-matcher.js';
import { loadEmotionResources } from './emotion-lexicon.js';
import { addLearned, combine, deniesWorry, ECLIPSE_FACTOR, scoreHits, toIntensity, waitingWorryEclipsed, type RawScores } from './emotion-scorer.js';
import { applyHardCaseRules, HARD_CASE_RULES, maskQuotedAndNames, PRODUCT_BIT, QUOTE_RE, QUOTED_TRIGGER, readyRules, SCARE_QUOTE_BITS, type RuleEffect } from './hard-case-rules.js';
import type { AnalyzeOptions, EmotionAnalyzer, EmotionReading, EmotionScore, EmotionThresholds, LearnedBlend } from './emotion.types.js';
import { confidenceOf, describeCues } from './cue-labels.js';
import { matchChinesePatterns } from './pattern-cues.js';
import { readSurface } from './surface-cues.js';
import { sanitizeText } from './text-sanitizer.js';
import { MAX_TOKENS, type Token } from './text-tokenizer.js';
import { wordsOf } from './rule-anchors.js';
import { SINGLE_QUOTED_RE } from './implicit-anger-rules.js';
import { RuleText } from './rule-text.js';
import { DEFAULT_LEARNED_BLEND, DEFAULT_THRESHOLDS } from './emotion-thresholds.js';
import { scoreLearned } from './learned-lexicon.js';
import { gatedPoints, offDomain, scoreComplaint, type ComplaintBlend, type ComplaintScore } from './complaint-lexicon.js';
import type { ComplaintSignals } from './complaint-features.js';
import { explicitOf, flagFloor, guardedScore, noRuleEvidence, type RuleEvidence } from './explicit-guard.js';

const MAX_CUES = 24;
/** The options of a call without any (shared, rather than a new `{}` per message). */
const NO_OPTIONS: AnalyzeOptions = Object.freeze({});

export interface EmotionAnalyzerOptions {
  thresholds?: Partial<EmotionThresholds>;
  /** How much the learned English weights count (default: DEFAULT_LEARNED_BLEND; scale 0 turns them off). */
  learnedBlend?: LearnedBlend;
  /** Hard-case rules to leave out, by name (`sarcasm`, `stakes` …): for measuring what each one does. */
  withoutRules?: string[];
  /** Leave out blanking of quotes and product names. */
  withoutMasking?: boolean;
  /** Leave out the damping of waiting worries in an angry message (emotion-scorer.ts, waitingWorryEclipsed). */
  withoutEclipse?: boolean;
  /** How the complaint-domain model counts (default: the blend trained with it, in its file; scale, down 0: off). */
  complaintBlend?: { anger: ComplaintBlend; anxiety: ComplaintBlend };
}

/** What the analyzer has read before the complaint-domain layer: its tokens and signals (for the trainer). */
export interface PreComplaint { tokens: Token[]; signals: ComplaintSignals }

/** Loads lexicons and jieba once per process (≈ 0.3 s), then analyses synchronously. */
export function createEmotionAnalyzer(options: EmotionAnalyzerOptions = {}): EmotionAnalyzer {
  const { analyze, thresholds } = buildAnalyzer(options);
  return { analyze: safe(analyze), thresholds };
}

/** The analyzer's reading up to the complaint-domain layer, which the complaint trainer learns from. */
export function createPreComplaintReader(options: EmotionAnalyzerOptions = {}): (text: string) => PreComplaint {
  const { measure } = buildAnalyzer(options);
  return (text) => { const m = measure(text, {}); return { tokens: m.tokens, signals: m.signals }; };
}

function buildAnalyzer(options: EmotionAnalyzerOptions) {
  const thresholds: EmotionThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const res = loadEmotionResources();
  const blend = options.learnedBlend ?? DEFAULT_LEARNED_BLEND;
  const skip = HARD_CASE_RULES.reduce((bits, r, i) => (options.withoutRules?.includes(r.name) ? bits | (1 << i) : bits), 0);
  const weights = new Map<string, number>();
  for (const e of res.lexicon.cues.values()) { weights.set(`anger:${e.id}`, e.anger); weights.set(`anxiety:${e.id}`, e.anxiety); }
  const scan = { anchors: 0 };
  const complaintBlend = options.complaintBlend ?? res.complaint.blend;
  const floors = { anger: flagFloor(thresholds.anger), anxiety: flagFloor(thresholds.anxiety) };
  /** Everything up to the complaint-domain layer. */
  const measure = (input: string, opts: AnalyzeOptions) => {
    const { text, truncated } = sanitizeText(input);
    let tokens = res.tokenize(text);
    let bits = ruleBitsOf(tokens, scan);
    const anchorBits = scan.anchors;
    const cut = tokens.length >= MAX_TOKENS;
    let masked = text;
    const quoted = QUOTE_RE.test(text);
    if (quoted || SINGLE_QUOTED_RE.test(text)) bits |= SCARE_QUOTE_BITS;
    if (!options.withoutMasking && ((bits & PRODUCT_BIT) !== 0 || quoted)) {
      masked = maskQuotedAndNames(text);
      // The rules read the original text, so the trigger bits stay those of the original tokens (scare quotes).
      if (masked !== text) { tokens = res.tokenize(masked); bits |= QUOTED_TRIGGER; }
    }
    const match = matchCues(tokens, res.lexicon);
    if (bits & CHINESE) {
      for (const entry of matchChinesePatterns(text)) match.hits.push({ entry, negated: false, factor: 1, caps: false, elongated: false });
    }
    const raw = combine(scoreHits(match), match, readSurface(tokens), opts.repeatContact ?? 0);
    const learned = scoreLearned(tokens, res.learned);
    addLearned(raw, learned, res.learned.threshold, blend, deniesWorry(match));
    const ruleLabels: string[] = masked === text ? [] : ['emotion words only inside quotes or a product name'];
    if (masked !== text) raw.cues.push('rule:quoted_or_product_name');
    const ruleAdds = noRuleEvidence();
    if (readyRules(bits)) {
      const input = new RuleText(text, (bits & CHINESE) !== 0, wordsOf(anchorBits, cut, text));
      applyRules(raw, applyHardCaseRules(input, bits, HARD_CASE_RULES, skip), ruleLabels, ruleAdds);
    }
    const ruleAnxiety = ruleAdds.added.anxiety > 0;
    // Chinese only: English worry is weighed by the learned regression, which already reads the angry context
    // (on GoEmotions dev the damping cost English anxiety recall for no precision).
    if ((bits & CHINESE) !== 0 && !ruleAnxiety && !options.withoutEclipse && raw.anxiety > 0 && waitingWorryEclipsed(match, raw)) { raw.anxiety *= ECLIPSE_FACTOR; raw.cues.push('rule:anger_eclipses_waiting'); ruleAdds.damped.anxiety = true; }
    const signals: ComplaintSignals = {
      zh: (bits & CHINESE) !== 0, anger: raw.anger, anxiety: raw.anxiety, cues: raw.cues,
      learnedAnger: learned.words ? learned.anger - res.learned.threshold.anger : undefined,
      learnedAnxiety: learned.words ? learned.anxiety - res.learned.threshold.anxiety : undefined,
      explicit: explicitOf(match.hits, ruleAdds, floors),
    };
    return { text, truncated, tokens, match, raw, ruleLabels, signals };
  };
  const analyze = (input: string, opts: AnalyzeOptions = NO_OPTIONS): EmotionReading => {
    const { text, truncated, tokens, match, raw, ruleLabels, signals } = measure(input, opts);
    addComplaint(raw, scoreComplaint(tokens, signals, res.complaint), signals, complaintBlend, floors);
    const anger = toIntensity(raw.anger);
    const anxiety = toIntensity(raw.anxiety);
    const cues = raw.cues;
    for (const m of match.modifiersUsed) cues.push(m);
    if (truncated) cues.push('truncated');
    const shown = cues.length > MAX_CUES ? cues.slice(0, MAX_CUES) : cues;
    return new Reading(
      { flagged: anger >= thresholds.anger, intensity: anger },
      { flagged: anxiety >= thresholds.anxiety, intensity: anxiety },
      shown, confidenceOf({ anger, anxiety }, thresholds, shown, text.length), { ruleLabels, text, weights },
    );
  };
  return { analyze, measure, thresholds };
}

/**
 * Adds the complaint-domain model's points (complaint-lexicon.ts, complaintPoints) and names its strongest text
 * feature as a cue (`complaint:anger:still not`) when it adds. It cannot unflag an explicit reading (explicit-guard.ts),
 * except on English the gate reads as not a complaint, where its off-gate blend lets the GoEmotions logit decide.
 */
function addComplaint(raw: RawScores, score: ComplaintScore, s: ComplaintSignals, blend: { anger: ComplaintBlend; anxiety: ComplaintBlend }, floors: { anger: number; anxiety: number }): void {
  const anger = gatedPoints(score, s.zh, score.anger, blend.anger, s.learnedAnger);
  const anxiety = gatedPoints(score, s.zh, score.anxiety, blend.anxiety, s.learnedAnxiety);
  const offAnger = !s.zh && offDomain(score.domain, blend.anger);
  const offAnxiety = !s.zh && offDomain(score.domain, blend.anxiety);
  raw.anger = guardedScore(raw.anger, Math.max(0, raw.anger + anger), s.explicit.anger && !offAnger, floors.anger);
  raw.anxiety = guardedScore(raw.anxiety, Math.max(0, raw.anxiety + anxiety), s.explicit.anxiety && !offAnxiety, floors.anxiety);
  if (anger > 0 && !offAnger && score.angerTop) raw.cues.push(`complaint:anger:${score.angerTop}`);
  if (anxiety > 0 && !offAnxiety && score.anxietyTop) raw.cues.push(`complaint:anxiety:${score.anxietyTop}`);
}

interface LabelInputs { ruleLabels: string[]; text: string; weights: ReadonlyMap<string, number> }

/**
 * A result whose plain-language labels are built on first read (most callers read the flags only). The text
 * they need is a private field: never enumerated, copied or serialised; `toJSON` writes the labels like a field.
 */
class Reading implements EmotionReading {
  #inputs: LabelInputs | undefined;
  #labels: string[] | undefined;
  constructor(readonly anger: EmotionScore, readonly anxiety: EmotionScore, readonly cues: string[], readonly confidence: number, inputs: LabelInputs) {
    this.#inputs = inputs;
  }

  get labels(): string[] {
    if (!this.#labels) {
      const { ruleLabels, text, weights } = this.#inputs!;
      this.#labels = describeCues(this.cues, ruleLabels, text, weights, { anger: this.anger.flagged, anxiety: this.anxiety.flagged });
      this.#inputs = undefined;
    }
    return this.#labels;
  }

  toJSON(): EmotionReading {
    return { anger: this.anger, anxiety: this.anxiety, cues: this.cues, confidence: this.confidence, labels: this.labels };
  }
}

/** Bit 30 marks Chinese text, bit 29 a possible product name; the low bits are the hard-case rules the tokens may trigger. */
const CHINESE = 1 << 30;

/** The rule bits of the tokens; their anchor bits (rule-anchors.ts) go to `out`, in the same pass. */
function ruleBitsOf(tokens: readonly Token[], out: { anchors: number }): number {
  let bits = 0;
  let anchors = 0;
  for (const t of tokens) { bits |= t.rb | (t.zh ? CHINESE : 0); anchors |= t.ab; }
  out.anchors = anchors;
  return bits;
}

/** Applies the rules' effects; `ev` keeps the most one added and whether one damped (explicit-guard.ts). */
function applyRules(raw: RawScores, effects: readonly RuleEffect[], labels: string[], ev: RuleEvidence): void {
  for (const e of effects) {
    ev.added.anxiety = Math.max(ev.added.anxiety, e.anxiety ?? 0);
    ev.added.anger = Math.max(ev.added.anger, e.anger ?? 0);
    if ((e.anxietyFactor ?? 1) < 1) ev.damped.anxiety = true;
    if ((e.angerFactor ?? 1) < 1) ev.damped.anger = true;
    labels.push(e.label);
    raw.anger = (raw.anger + (e.anger ?? 0)) * (e.angerFactor ?? 1);
    raw.anxiety = (raw.anxiety + (e.anxiety ?? 0)) * (e.anxietyFactor ?? 1);
    raw.cues.push(e.id);
  }
}

/** The analyzer must never break a turn: on an unexpected failure, report no emotion and say why. */
function safe(fn: EmotionAnalyzer['analyze']): EmotionAnalyzer['analyze'] {
  return (text, opts) => {
    try {
      return fn(text, opts);
    } catch {
      return { anger: { flagged: false, intensity: 0 }, anxiety: { flagged: false, intensity: 0 }, cues: ['error:analysis_failed'], confidence: 0, labels: ['analysis failed'] };
    }
  };
}
