/**
 * Counted repetition and elapsed waiting, which no word list covers: "the fifth time", "4 emails",
 * "two months", 说了八百遍, 等了一个月. Repeating yourself and waiting long are what turn a complaint angry.
 * One regex per language; the Chinese one runs only on text with Chinese in it.
 */
import type { CueEntry } from './lexicon.types.js';

const EN_NUM = String.raw`(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|multiple|countless|a dozen)`;
const ZH_NUM = '[0-9一二三四五六七八九十百千两几多好]+';
const EN_RE = new RegExp(String.raw`\b${EN_NUM}\s+(?:(times|emails|calls|messages|tickets|attempts)|(weeks|months))\b`, 'gi');
const ZH_RE = new RegExp(`${ZH_NUM}(?:(次|遍|回)(?!家)|(个多?月|周|个星期|个礼拜))|(半个月)`, 'g');

const REPEATED: CueEntry = { id: 'pattern:repeated_n_times', anger: 2, anxiety: 0 };
const WAITED: CueEntry = { id: 'pattern:waited_weeks', anger: 1.5, anxiety: 0.5 };

function scan(re: RegExp, text: string, out: Set<CueEntry>): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m && out.size < 2; m = re.exec(text)) out.add(m[1] ? REPEATED : WAITED);
}

/** Entries of the patterns that occur in the text (each at most once). */
export function matchPatterns(text: string, hasChinese: boolean): CueEntry[] {
  const out = new Set<CueEntry>();
  scan(EN_RE, text, out);
  if (hasChinese) scan(ZH_RE, text, out);
  return [...out];
}
