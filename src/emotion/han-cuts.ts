/**
 * jieba's words for the Han runs of a text, cut in one native call instead of one per run: a Chinese message has
 * a run per clause, and a call costs about as much again as cutting a short run (profile of issue 11).
 *
 * Exact: jieba cuts each block of Han characters on its own, and a line break is never part of a block but a word
 * of its own. So the runs joined by '\n' cut into each run's own words with a '\n' between runs, whatever the runs
 * hold (characters jieba does not count as Han, such as 〇 or 𠀀, come out one by one either way).
 */
import type { Jieba } from '@node-rs/jieba';

const HAN_RUN_RE = /\p{Script=Han}+/gu;
const HAN_REPEAT_RE = /(\p{Script=Han})\1{2,}/gu;
const SEPARATOR = '\n';

/** One run's words; `elongated`: the run repeated a character three times or more (气气气), cut as two (气气). */
export interface HanRun { words: string[]; elongated: boolean }

/** The runs of a text from one position on, by start offset, in text order. */
export interface HanCuts { starts: number[]; runs: HanRun[] }

/** The cut of every maximal Han run of `text` at or after `from` (the tokenizer's runs: \p{Script=Han}+). */
export function cutHanRuns(text: string, from: number, jieba: Jieba): HanCuts {
  const starts: number[] = [];
  const inputs: string[] = [];
  const elongated: boolean[] = [];
  HAN_RUN_RE.lastIndex = from;
  for (let m = HAN_RUN_RE.exec(text); m; m = HAN_RUN_RE.exec(text)) {
    const run = m[0];
    const stretched = HAN_REPEAT_RE.test(run);
    HAN_REPEAT_RE.lastIndex = 0;
    starts.push(m.index);
    inputs.push(stretched ? run.replace(HAN_REPEAT_RE, '$1$1') : run);
    elongated.push(stretched);
  }
  if (inputs.length === 1) return { starts, runs: [{ words: jieba.cut(inputs[0]!, false), elongated: elongated[0]! }] };
  const runs: HanRun[] = [];
  let words: string[] = [];
  for (const w of jieba.cut(inputs.join(SEPARATOR), false)) {
    if (w !== SEPARATOR) { words.push(w); continue; }
    runs.push({ words, elongated: elongated[runs.length]! });
    words = [];
  }
  runs.push({ words, elongated: elongated[runs.length]! });
  return { starts, runs };
}
