/**
 * Where the token starting at a position ends: a hand-written scanner for the tokenizer's grammar, which was one
 * global regex (kept in test/emotion/token-scanner.test.ts as the reference the scanner must match):
 *
 *   >:-?\( | :'-?\( | :-?\( | :-?\/ | T_T | TAT | QAQ | ;_; | [A-Za-z]+(?:['’][A-Za-z]+)* | \d+ | [!?！？]+
 *   | [,.;:，。；：、…~～\n]+ | \p{Script=Han}+ | \p{Extended_Pictographic}      (flags gu; first alternative wins)
 *
 * Why by hand: running that regex, with its match arrays, was a third of the tokenizer's time on mostly-ASCII
 * text. Only non-ASCII characters outside the punctuation sets still go to a (sticky) regex.
 */
const HAN_OR_PICTOGRAPH_RE = /\p{Script=Han}+|\p{Extended_Pictographic}/uy;

// ASCII classes in one table: the scanner's inner loops are a typed-array read per character.
const LETTER = 1;
const DIGIT = 2;
const BANG = 3;
const BREAK = 4;
const ASCII = new Uint8Array(128);
for (let c = 65; c <= 90; c++) ASCII[c] = ASCII[c + 32] = LETTER;
for (let c = 48; c <= 57; c++) ASCII[c] = DIGIT;
for (const ch of '!?') ASCII[ch.charCodeAt(0)] = BANG;
for (const ch of ',.;:~\n') ASCII[ch.charCodeAt(0)] = BREAK;

/** Class of any character: ASCII by the table, then the full-width ！？ and the CJK clause breaks. */
function classOf(c: number): number {
  if (c < 128) return ASCII[c]!;
  if (c === 0xff01 || c === 0xff1f) return BANG;
  // ， 。 ； ： 、 … ～
  if (c === 0xff0c || c === 0x3002 || c === 0xff1b || c === 0xff1a || c === 0x3001 || c === 0x2026 || c === 0xff5e) return BREAK;
  return 0;
}

const isLetter = (c: number) => c < 128 && ASCII[c] === LETTER;

/** Code units of the character at i (2 for a surrogate pair), as a `u` regex steps when nothing matches. */
export function codePointLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

/** ":(", ":-(" (open = 40) or ":/", ":-/" (open = 47) at i (the colon); end index or −1. */
function face(text: string, i: number, open: number): number {
  let j = i + 1;
  if (text.charCodeAt(j) === 45) j++;
  return text.charCodeAt(j) === open ? j + 1 : -1;
}

/** End of the run of characters of class `cls` that starts at i. */
function run(text: string, i: number, cls: number): number {
  let j = i + 1;
  while (j < text.length && classOf(text.charCodeAt(j)) === cls) j++;
  return j;
}

function word(text: string, i: number): number {
  let j = run(text, i, LETTER);
  for (;;) {
    const c = text.charCodeAt(j);
    if ((c !== 39 && c !== 0x2019) || !isLetter(text.charCodeAt(j + 1))) return j;
    j = run(text, j + 1, LETTER);
  }
}

const at = (text: string, i: number, s: string) => text.startsWith(s, i);

/** End of the token that starts at i, or i itself when no token starts there. */
export function tokenEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const cls = classOf(c);
  if (cls === LETTER) {
    if ((c === 84 && (at(text, i, 'T_T') || at(text, i, 'TAT'))) || (c === 81 && at(text, i, 'QAQ'))) return i + 3;
    return word(text, i);
  }
  if (cls === DIGIT || cls === BANG) return run(text, i, cls);
  if (c === 58) { // :'( :'-( :( :-( :/ :-/, else a clause break
    if (text.charCodeAt(i + 1) === 39) { const e = face(text, i + 1, 40); if (e >= 0) return e; }
    const e = face(text, i, 40);
    if (e >= 0) return e;
    const f = face(text, i, 47);
    return f >= 0 ? f : run(text, i, BREAK);
  }
  if (c === 59 && at(text, i, ';_;')) return i + 3;
  if (cls === BREAK) return run(text, i, BREAK);
  if (c === 62) { // >:( >:-(
    if (text.charCodeAt(i + 1) !== 58) return i;
    const e = face(text, i + 1, 40);
    return e < 0 ? i : e;
  }
  if (c < 128) return i;
  HAN_OR_PICTOGRAPH_RE.lastIndex = i;
  return HAN_OR_PICTOGRAPH_RE.test(text) ? HAN_OR_PICTOGRAPH_RE.lastIndex : i;
}
