/**
 * Counted repetition and elapsed waiting, which no word list covers: "the fifth time", "4 emails",
 * "two months", 说了八百遍, 等了一个月. Repeating yourself and waiting long are what turn a complaint angry.
 * English is read from the token stream (a number word or digits, then a count noun: no extra pass over the
 * text); Chinese, which jieba cuts unpredictably around numerals, by one regex that runs only on Chinese text.
 */
import type { CueEntry } from './lexicon.types.js';

export const REPEATED: CueEntry = { id: 'pattern:repeated_n_times', anger: 2, anxiety: 0 };
export const WAITED: CueEntry = { id: 'pattern:waited_weeks', anger: 1.5, anxiety: 0.5 };

/** English count nouns (surface forms; the lexicon loader stems them) and what they signal after a number. */
export const COUNT_NOUNS: Record<string, CueEntry> = {
  times: REPEATED, emails: REPEATED, calls: REPEATED, messages: REPEATED, tickets: REPEATED, attempts: REPEATED,
  weeks: WAITED, months: WAITED,
};
export const NUMBER_WORDS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'several', 'many', 'multiple', 'countless', 'dozen'];

const ZH_NUM = '[0-9一二三四五六七八九十百千两几多好]+';
// (?<!第): 第三次 is the lexicon's; counting it here too would score one phrase twice. Counts of events, not of the
// writer's contacts, are no repetition: once (一次), a split (分两次), a rate (每…), a charge (扣两次), a beep (响一次).
// Days count only after a word of waiting (等了五天, 已经三天): a bare 三天 is as often a delivery promise.
const ZH_RE = new RegExp(`(?<![第分每扣响]|[扣响]了)(?!一[次遍回趟])${ZH_NUM}(?:(次|遍|回|趟)(?!家)|(个多?月|周|个星期|个礼拜|年))|(半个月|大?半年)|(?:等了|已经|足足|整整|快|都)${ZH_NUM}天`, 'g');

/** Chinese pattern entries in the text (each at most once). */
export function matchChinesePatterns(text: string): CueEntry[] {
  const out = new Set<CueEntry>();
  ZH_RE.lastIndex = 0;
  for (let m = ZH_RE.exec(text); m && out.size < 2; m = ZH_RE.exec(text)) out.add(m[1] ? REPEATED : WAITED);
  return [...out];
}
