// The hand-written scanner must cut text exactly where the tokenizer's former regex did (it is kept here as the
// reference): on every labelled message, on the awkward spots of the grammar, and on random strings built from them.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLabelledTsv } from '../../src/emotion/eval/emotion-metrics.js';
import { codePointLength, tokenEnd } from '../../src/emotion/token-scanner.js';
import { sharedData } from '../helpers/shared-data.js';

const TOKEN_RE =
  />:-?\(|:'-?\(|:-?\(|:-?\/|T_T|TAT|QAQ|;_;|[A-Za-z]+(?:['’][A-Za-z]+)*|\d+|[!?！？]+|[,.;:，。；：、…~～\n]+|\p{Script=Han}+|\p{Extended_Pictographic}/gu;

const byRegex = (text: string) => [...text.matchAll(TOKEN_RE)].map((m) => `${m.index}:${m[0]}`);
function byScanner(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    const end = tokenEnd(text, i);
    if (end === i) { i += codePointLength(text, i); continue; }
    out.push(`${i}:${text.slice(i, end)}`);
    i = end;
  }
  return out;
}

const PIECES = ['>', ':', "'", '-', '(', '/', 'T', '_', 'A', 'Q', ';', 'a', 'z', 'Z', '’', '0', '9', '!', '?', '！', '？', ',', '.', '，', '。', '；', '：', '、', '…', '~', '～', '\n', ' ', '\t', '#', '*',
  '气', '死', '〇', '々', '𠀀', '😡', '©', '‼', '☺', '\uFE0F', '\u200D', 'é', 'ß', 'д', '\uD800', '\uDC00', '＃', '　'];

describe('token scanner', () => {
  it('cuts the tricky spots as the regex did', () => {
    for (const t of [">:( >:-( >: >:-x :'( :'-( :' :( :-( :/ :-/ :-x ::( ,:( T_T TAT TATTOO QAQ QAQx ;_; ;_ don't don’t dogs' a'b'c 12ab 3.5", '😡😡👍🏽 ❤️ 👨‍👩‍👧 气死了！！？? …～ 〇〇 𠀀𠀁 abc气def']) {
      expect(byScanner(t)).toEqual(byRegex(t));
    }
  });
  it('agrees with the regex on random strings of the grammar\'s pieces', () => {
    let seed = 42;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % PIECES.length;
    for (let n = 0; n < 5000; n++) {
      const t = Array.from({ length: 1 + (n % 30) }, () => PIECES[next()]).join('');
      expect(byScanner(t)).toEqual(byRegex(t));
    }
  });
  it('agrees with the regex on every labelled message', () => {
    const files = ['complaints.tsv', 'complaints-holdout.tsv', 'complaints-blind.tsv'].map((f) => new URL(`../fixtures/emotion/${f}`, import.meta.url).pathname)
      .concat(['goemotions-dev.tsv', 'goemotions-train.tsv'].map((f) => sharedData(`emotion/${f}`)).filter((f) => existsSync(f)));
    for (const f of files) for (const r of readLabelledTsv(f)) expect(byScanner(r.text)).toEqual(byRegex(r.text));
  }, 120_000);
});
