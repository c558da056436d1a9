/**
 * What an agent reads beside the intensity: plain-language reasons ("strong negative words: “scam”", "sarcasm",
 * "waited three weeks") and a confidence. Cue ids (`anger:scam`, `rule:sarcasm`) stay for developers; this
 * turns them into words, once per message, from the cues and the text.
 */
const SURFACE: Array<[RegExp, string]> = [
  [/^caps$/, 'shouting in capitals'],
  [/^exclamation:/, 'many exclamation marks'],
  [/^question:/, 'repeated question marks'],
  [/^interrobang$/, '?! punctuation'],
  [/^elongation$/, 'stretched words ("sooo", 啊啊啊)'],
  [/^afinn:/, 'generally negative wording'],
  [/^truncated$/, 'very long message (start and end read)'],
];

const WAIT_EN = /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+(days?|weeks?|months?)\b/i;
const TIMES_EN = /\b(\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|multiple)\s+(times|emails|calls|messages|tickets|attempts)\b|\b(second|third|fourth|fifth|sixth|seventh|umpteenth)\s+(time|email|call|message)\b/i;
const WAIT_ZH = /[0-9一二三四五六七八九十百千两几多好半大]+个?多?(?:月|周|星期|礼拜|天|年)/;
const TIMES_ZH = /(?:第)?[0-9一二三四五六七八九十百千两几多好]+(?:次|遍|回|趟)/;

const quote = (words: string[]) => words.slice(0, 3).map((w) => `“${w}”`).join(', ');

const EMOJI_RE = /^\p{Extended_Pictographic}|^[>:;T]/u;

/**
 * Plain-language reasons, most telling first, without repeats. `ruleLabels` come with the rule effects;
 * `weights` maps lexicon cue ids to their weight (≥ 3 reads as "strong"). Learned-lexicon words are named only
 * for a flagged emotion: below the flag they are background, not a reason.
 */
export function describeCues(cues: readonly string[], ruleLabels: readonly string[], text: string, weights: ReadonlyMap<string, number>, flagged: { anger: boolean; anxiety: boolean }): string[] {
  const strong: string[] = [];
  const negative: string[] = [];
  const worried: string[] = [];
  const learnedAnger: string[] = [];
  const learnedWorry: string[] = [];
  const complaintAnger: string[] = [];
  const complaintWorry: string[] = [];
  const out: string[] = [...ruleLabels];
  for (const cue of cues) {
    if (cue.startsWith('rule:')) continue;
    if (cue === 'anger:pattern:waited_weeks') { out.push(waited(text)); continue; }
    if (cue === 'anger:pattern:repeated_n_times') { out.push(repeated(text)); continue; }
    if (cue.startsWith('repeat_contact:')) { out.push(`has contacted us ${cue.slice(15)} time(s) before about this`); continue; }
    if (cue.startsWith('learned:anger:')) { learnedAnger.push(cue.slice(14)); continue; }
    if (cue.startsWith('learned:anxiety:')) { learnedWorry.push(cue.slice(16)); continue; }
    if (cue.startsWith('complaint:anger:')) { complaintAnger.push(cue.slice(16)); continue; }
    if (cue.startsWith('complaint:anxiety:')) { complaintWorry.push(cue.slice(18)); continue; }
    if (cue.startsWith('anger:morpheme:')) { negative.push(cue.slice(15)); continue; }
    if (cue.startsWith('anxiety:morpheme:')) { worried.push(cue.slice(17)); continue; }
    if (cue.startsWith('anger:')) { const w = cue.slice(6); if (EMOJI_RE.test(w)) out.push('angry emoji'); else ((weights.get(cue) ?? 0) >= 3 ? strong : negative).push(w); continue; }
    if (cue.startsWith('anxiety:')) { const w = cue.slice(8); if (EMOJI_RE.test(w)) out.push('worried or upset emoji'); else worried.push(w); continue; }
    for (const [re, label] of SURFACE) if (re.test(cue)) { out.push(label); break; }
  }
  const words: string[] = [];
  if (strong.length) words.push(`strong negative words: ${quote(strong)}`);
  if (negative.length) words.push(`negative words: ${quote(negative)}`);
  if (worried.length) words.push(`worried words: ${quote(worried)}`);
  if (flagged.anger && learnedAnger.length && !strong.length && !negative.length) words.push(`sounds annoyed: ${quote(learnedAnger)}`);
  if (flagged.anxiety && learnedWorry.length && !worried.length) words.push(`sounds worried: ${quote(learnedWorry)}`);
  // The complaint-domain model (complaint-lexicon.ts) names its strongest wording whenever it added to a flag.
  if (flagged.anger && complaintAnger.length) words.push(`reads like angry complaints we have seen: ${quote(complaintAnger)}`);
  if (flagged.anxiety && complaintWorry.length) words.push(`reads like worried complaints we have seen: ${quote(complaintWorry)}`);
  return [...new Set([...words, ...out])];
}

function waited(text: string): string {
  const m = WAIT_EN.exec(text) ?? WAIT_ZH.exec(text);
  return m ? `waited ${m[0].trim()}` : 'waited a long time';
}

function repeated(text: string): string {
  const m = TIMES_EN.exec(text) ?? TIMES_ZH.exec(text);
  return m ? `repeated contact (${m[0].trim()})` : 'repeated contact';
}

function margin(intensity: number, threshold: number): number {
  return 0.5 + 0.5 * Math.tanh(Math.abs(intensity - threshold) / 1.5);
}

const DAMPING = new Set(['rule:resolved_worry', 'rule:report_for_other', 'rule:calm_request', 'rule:quoted_or_product_name']);

function pullsBothWays(cues: readonly string[]): boolean {
  for (const x of cues) if (DAMPING.has(x) || x.startsWith('negated:')) return true;
  return false;
}

/**
 * How sure the flags are, 0–1: far from the thresholds is surer; cues that pull both ways (a damping rule, a
 * negated cue, emotion words only in quotes) and very short texts are less sure.
 */
export function confidenceOf(intensity: { anger: number; anxiety: number }, thresholds: { anger: number; anxiety: number }, cues: readonly string[], textLength: number): number {
  let c = Math.min(margin(intensity.anger, thresholds.anger), margin(intensity.anxiety, thresholds.anxiety));
  if (pullsBothWays(cues)) c *= 0.8;
  if (textLength < 12) c *= 0.85;
  return Math.round(c * 100) / 100;
}
