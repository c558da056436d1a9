/**
 * Triage's reasons and the emotion cues in words an agent reads at a glance ("wrote again about the same
 * order"), each with the rule's own wording kept as `raw` for the disclosure behind it. Pure; the rules'
 * texts are in src/triage/priority-rules.ts.
 */
export interface Worded {
  text: string;
  raw: string;
}

const words = (s: string) => s.replaceAll('_', ' ');
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const RULES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^category counterfeit → high tier/, () => 'Says the goods are counterfeit: high risk'],
  [/^category (\S+) needs evidence review/, (m) => `${capital(words(m[1]!))}: evidence needs checking (medium risk)`],
  [/^category (\S+): low tier/, (m) => `${capital(words(m[1]!))}: routine case (low risk)`],
  [/^risk: ([^(]+?) \(/, (m) => `High risk: ${m[1]!.trim()}`],
  [/^consumer is angry \(intensity ([\d.]+)\/10\)/, (m) => `Angry (${m[1]}/10): acknowledge and calm things down`],
  [/^consumer is anxious \(intensity ([\d.]+)\/10\)/, (m) => `Worried (${m[1]}/10): give a clear plan with times`],
  [/^emotion is rising/, () => 'Getting more upset as the conversation goes on'],
  [/^repeat complaint: (\d+)/, (m) => `Wrote again about the same order (${m[1]} other open case${m[1] === '1' ? '' : 's'})`],
  [/^consumer history: (\d+)/, (m) => `Has complained ${m[1]} time${m[1] === '1' ? '' : 's'} before`],
  [/^frequent complainant/, () => 'Complains often (3 or more earlier cases)'],
  [/^promotion period "([^"]+)"/, (m) => `Sale period (${m[1]}): deliveries come first`],
  [/^surge: (\d+) complaints about (\S+) (\S+) within (\d+) min( → group complaint)?/, (m) => `${m[1]} complaints about the same ${words(m[2]!)} in ${m[4]} minutes${m[5] ? ': group complaint' : ''}`],
  [/^text suggests category (\S+)/, (m) => `The message sounds like ${words(m[1]!)}`],
  [/^consumer asked to talk to a person/, () => 'Asked to talk to a person'],
  [/^SLA (\S+) missed/, (m) => `Missed the ${words(m[1]!)} deadline: escalated`],
];

/** One triage reason in plain words; an unknown one keeps its text without underscores, arrows or scores. */
export function wordReason(raw: string): Worded {
  for (const [re, say] of RULES) {
    const m = re.exec(raw);
    if (m) return { text: say(m), raw };
  }
  const text = raw.replace(/\s*→.*$/, '').replace(/\s*\([^)]*["*][^)]*\)/g, '').replaceAll('_', ' ');
  return { text: capital(text.trim()) || raw, raw };
}

const CUE_WORDS: Array<[RegExp, string]> = [
  [/^afinn:/, 'generally negative wording'],
  [/^repeat_contact:/, 'wrote again about the same order'],
  [/^caps$/, 'shouting in capitals'],
  [/^exclamation:/, 'many exclamation marks'],
  [/^anger:/, 'strong negative words'],
  [/^anxiety:/, 'worried words'],
  [/^rule:(.+)$/, 'pattern'],
];

/**
 * The emotion cues: the analyzer's own plain labels when it gave some, else the cue ids worded; the ids
 * themselves (`anger:scam`, `afinn:-3`) go behind the disclosure.
 */
export function wordCues(labels: readonly string[], cues: readonly string[]): { text: string[]; raw: string[] } {
  if (labels.length) return { text: [...labels], raw: [...cues] };
  const text = new Set<string>();
  for (const cue of cues) {
    const hit = CUE_WORDS.find(([re]) => re.test(cue));
    text.add(hit ? (hit[1] === 'pattern' ? words(cue.slice(5)) : hit[1]) : words(cue.replace(/:.*/, '')));
  }
  return { text: [...text], raw: [...cues] };
}
