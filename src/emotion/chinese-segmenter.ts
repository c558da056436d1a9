/**
 * Chinese word segmentation with jieba (@node-rs/jieba, a prebuilt native binary: no download at run time).
 * Intl.Segmenter would split domain words (消协 → 消/协); jieba's dictionary plus ours keeps them whole.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';

/** jieba's dictionary file itself: the package's `dict.js` also reads its 6 MB IDF table, which `cut` never uses. */
const readDict = () => readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'));

/** Words jieba must keep whole in complaints, on top of the lexicon entries (which are added too). */
export const DOMAIN_WORDS = [
  '消协', '消费者协会', '客服', '售后', '12315', '黑猫投诉', '退款', '退货', '换货', '快递', '物流', '丢件', '破损',
  '假货', '正品', '差评', '好评', '商家', '店家', '卖家', '平台', '订单', '到账', '补发', '赔偿', '工单',
];

let shared: Jieba | undefined;

/** One jieba per process (dictionary load ≈ 0.2 s); extra words are added on first use. */
export function loadSegmenter(extraWords: Iterable<string>): Jieba {
  if (shared) return shared;
  const jieba = Jieba.withDict(readDict());
  // Lexicon entries of two characters are left to jieba's own dictionary: forcing them at high frequency
  // makes it cut across words (我妈的 → 我|妈的).
  const words = new Set([...DOMAIN_WORDS, ...[...extraWords].filter((w) => w.length >= 3)]);
  // High frequency so our entries win over jieba's own splits; 'n' is a placeholder tag we never read.
  const lines = [...words].filter((w) => /^\p{Script=Han}+$/u.test(w)).map((w) => `${w} 200000 n`);
  jieba.loadDict(new TextEncoder().encode(lines.join('\n')));
  shared = jieba;
  return jieba;
}
