/**
 * Keyword matching for triage rules, English and Chinese. English keys match whole words ("late" not in
 * "later"), a trailing `*` any ending ("damag*"); Chinese keys match as substrings (no spaces to bound them).
 * A keyword right after a negation ("not damaged", "no injuries", 没有破损) does not count.
 */

export interface Keyword {
  key: string;
  re: RegExp;
  zh: boolean;
  /** Lower-case text every match contains (the key's first word), checked before the regex runs; '' for none. */
  needle: string;
}

const HAN_RE = /\p{Script=Han}/u;
const EN_NEGATION_RE = /\b(?:not|no|never|without|isn't|wasn't|aren't|weren't|didn't|doesn't|don't|nothing)\s+(?:\w+\s+){0,2}$/i;
const ZH_NEGATION_RE = /(?:没有|没|不是|并非|无|未)$/;
const MAX_TEXT = 20_000;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles one key; see the module comment for the syntax. */
export function compileKeyword(key: string): Keyword {
  const zh = HAN_RE.test(key);
  const prefix = key.endsWith('*');
  const body = escape(prefix ? key.slice(0, -1) : key).replace(/ /g, '\\s+');
  // Word edges are Latin letters and digits only: Chinese around an English key (打12315, 找lawyer) is a boundary.
  const source = zh ? body : `(?<![A-Za-z0-9])${body}${prefix ? '' : '(?![A-Za-z0-9])'}`;
  const first = (prefix ? key.slice(0, -1) : key).split(' ')[0]!.toLowerCase();
  // Only ASCII needles: /iu folds a few other letters onto ASCII ones (ſ onto s), which toLowerCase does not.
  return { key, re: new RegExp(source, 'giu'), zh, needle: zh || /^[\x20-\x7e]+$/.test(first) ? first : '' };
}

function negated(text: string, index: number, zh: boolean): boolean {
  const before = text.slice(Math.max(0, index - 30), index);
  return zh ? ZH_NEGATION_RE.test(before) : EN_NEGATION_RE.test(before);
}

/** Keys found in the text, not negated; each key at most once. */
export function findKeywords(text: string, keywords: readonly Keyword[]): string[] {
  const capped = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const lower = capped.toLowerCase();
  const found: string[] = [];
  for (const k of keywords) {
    if (k.needle && !lower.includes(k.needle)) continue;
    k.re.lastIndex = 0;
    for (let m = k.re.exec(capped); m; m = k.re.exec(capped)) {
      if (!negated(capped, m.index, k.zh)) { found.push(k.key); break; }
    }
  }
  return found;
}
