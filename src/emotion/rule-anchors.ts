/**
 * Anchor words of the costliest rule regexes (issue 11: `demand` and `stakes` ran their regexes on about half
 * of all messages). Each group is a set of English words one of which every match of a regex must contain,
 * delimited as a whole word; a token carries the bits of the groups its surface form belongs to (computed once
 * per distinct token, tokens are cached), so a message knows after one OR per token which regexes cannot match.
 *
 * The skip is exact, not a heuristic: a word delimited by `\b`, a space or punctuation in the lower-cased text
 * is a token's whole surface form or, in a token joined over apostrophes ("don't", "it’s"), one of its parts;
 * unless the message was cut at the tokenizer's limit, or the text holds one of the two characters whose lower
 * case is an ASCII letter (İ, K). Then `wordsOf` reports every group present and every regex runs, as before.
 */

import type { RuleInput } from './rule.types.js';

/** Anchor groups; a regex lists the groups (and pairs of groups) one of which its every match needs. */
const GROUPS = {
  // demand (implicit-anger-rules.ts, DEMANDS_EN): words that alone start an alternative's match
  demandSolo: /^(?:now|immediately|fix|stop|another|more|lose|scream|explode|manager|supervisor|boss|bank)$/,
  // "done asking", "done being polite", "done waiting", "asking nicely", "not asking again": both needed
  demandAsking: /^(?:asking|being|waiting)$/,
  demandDone: /^(?:done|finished|through|nicely|again)$/,
  // "read my message", "look at the ticket", "actually read": both needed
  demandRead: /^(?:read|look)$/,
  demandMessage: /^(?:message|messages|email|emails|complaint|previous|ticket|actually)$/,
  // stakes (stakes-rules.ts, STAKES[].what, English part): one word of each multi-word alternative
  stakesHealth: /^(?:baby|babies|infant|newborn|toddler|insulin|medication|medicine|meds|inhaler|epipen|prescription|pressure|sugar|glucose|oximeter|monitor|thermometer|formula|elderly|oxygen|concentrator|wheelchair|nebuli[sz]er|seat|cot|crib|stroller|pram|dog|cat|puppy|kitten|pet|mum|mom|dad|father|mother|grandma|grandpa|son|daughter|kid|child|wife|husband)$|^(?:pregnan|allerg|diabet|asthma|epilep)/,
  stakesMoney: /^(?:rent|mortgage|loan|instal?ments?|overdraft|credit|bills?|tuition|payday|deposit|groceries)$/,
  stakesTravel: /^(?:passport|visa|card|licen[cs]e|certificate|flight|boarding|permit|documents?)$/,
  stakesData: /^(?:data|documents|photos|files|information|details|app|drive|wiped|reset)$/,
  stakesDeadline: /^(?:exams?|starts|uniform|wedding|funeral|interview|thesis|dissertation|presentation|flying|fly|surgery|operation|laptop)$/,
  // outOfContext (hard-case-rules.ts): FEARED_SCAM and REPORTED, English parts
  scam: /^(?:scam|scammed|fraud|phishing)$/,
  reported: /^(?:behalf|reporting|flagging|letting|review|reviews|friend|neighbou?r|colleague|mother|mum|mom|father|dad|sister|brother|husband|wife|partner|boyfriend|girlfriend|flatmate|roommate|son|daughter|someone|told|said)$/,
  // rhetoricalQuestion (hard-case-rules.ts, RHETORICAL_EN): words that alone start a match, then pairs of groups
  rhetSolo: /^(?:kidding|serious|joking|treat|call|runs|acceptable|legal|allowed|bot|automated|robot|responsible|blame|moon)$/,
  rhetThink: /^(?:think|take)$/, // "do you think I'm…", "do you take me for…", "who do you think…"
  rhetThinkWith: /^(?:m|im|for|who)$/,
  rhetKind: /^kind$/, // "what kind of … is this", "what kind of company…"
  rhetKindWith: /^(?:this|company|shop|business|service|seller|store|courier|people)$/,
  rhetHow: /^(?:how|since)$/, // "how is this ok", "since when is"
  rhetHowWith: /^(?:ok|okay|when)$/,
  rhetWhy: /^why$/, // "why does it take", "why do I have to", "why is it so hard"
  rhetWhyWith: /^(?:hard|take|have|need|keep|always|difficult|complicated)$/,
  rhetAnyone: /^anyone$/, // "is anyone there", "does anyone read"
  rhetAnyoneWith: /^(?:there|reading|working|home|awake|read|care)$/,
  rhetEven: /^even$/, // "do you even read"
  rhetEvenWith: /^(?:do|does|did)$/,
  rhetWant: /^(?:want|expect|who)$/, // "you want me to pay", "who is going to pay"
  rhetWantWith: /^(?:pay|cover|wait|send|chase|believe|accept)$/,
  // mockPraise (mockery-rules.ts): the praise word of PRAISE_VERDICT, and the "oh" or "how" of MOCK_OPENER
  praiseVerdict: /^(?:brilliant|classy|lovely|impressive|cool|amazing|fantastic|wonderful|superb|marvell?ous|splendid|stellar|charming|delightful|excellent|sure|genius|priceless|convenient|classic)$/,
  mockOpener: /^(?:oh|how)$/,
} as const;

export type AnchorGroup = keyof typeof GROUPS;
const NAMES = Object.keys(GROUPS) as AnchorGroup[];

/** Bit of each group. */
export const ANCHOR: Record<AnchorGroup, number> = Object.fromEntries(NAMES.map((n, i) => [n, 1 << i])) as Record<AnchorGroup, number>;
/** Every group: the message's words are not known from its tokens, so no regex may be skipped. */
export const ALL_ANCHORS = -1;

const APOSTROPHES = /['’]/;

/** Anchor bits of an English word token, from its surface form (once per distinct token); a joined word's
 * parts are words of the text to a `\b` ("don't" is "don" and "t"), so each part counts. */
export function anchorBits(raw: string): number {
  let bits = 0;
  for (const part of raw.toLowerCase().split(APOSTROPHES)) {
    for (let i = 0; i < NAMES.length; i++) if (GROUPS[NAMES[i]!].test(part)) bits |= 1 << i;
  }
  return bits;
}

/** May a rule's input hold a word of this group? (Yes when the input carries no anchor bits.) */
export function hasAnchor(m: RuleInput, group: number): boolean {
  return ((m.words ?? ALL_ANCHORS) & group) !== 0;
}

/**
 * May the text hold Chinese characters? Not when no token is Chinese, unless the words are unknown (a message
 * cut at the token limit may hold them past the cut): then Chinese-only regexes can be skipped.
 */
export function mayHoldHan(m: RuleInput): boolean {
  return m.zh || (m.words ?? ALL_ANCHORS) === ALL_ANCHORS;
}

/** Characters whose lower case holds an ASCII letter (U+0130 İ → i̇, U+212A Kelvin sign → k). */
const ASCII_IN_LOWER = /[\u0130\u212a]/;

/**
 * The anchor groups of a message from the OR of its tokens' bits, or ALL_ANCHORS when its tokens may not show
 * every word of its lower-cased text (see the header).
 */
export function wordsOf(tokenBits: number, cut: boolean, text: string): number {
  return cut || ASCII_IN_LOWER.test(text) ? ALL_ANCHORS : tokenBits;
}
