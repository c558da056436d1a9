import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { readLabelledTsv } from '../../src/emotion/eval/emotion-metrics.js';
import { loadEmotionResources } from '../../src/emotion/emotion-lexicon.js';
import { cutHanRuns } from '../../src/emotion/han-cuts.js';

describe('Chinese segmentation', () => {
  const { jieba } = loadEmotionResources();
  it('keeps 消协, 客服 and 售后 whole', () => {
    const words = jieba.cut('我要投诉到消协，客服和售后都不管', false);
    expect(words).toEqual(expect.arrayContaining(['消协', '客服', '售后']));
  });
  it('keeps domain words whole that even the stock jieba dictionary splits (our domain dictionary)', () => {
    expect(jieba.cut('我要去黑猫投诉', false)).toContain('黑猫投诉');
    expect(jieba.cut('投诉到消费者协会', false)).toContain('消费者协会');
    expect(jieba.cut('快递丢件了，钱还没退款到账，开个工单', false)).toEqual(expect.arrayContaining(['丢件', '到账', '工单']));
  });
  it('keeps domain words Intl.Segmenter splits', () => {
    const intl = [...new Intl.Segmenter('zh', { granularity: 'word' }).segment('投诉到消协')].map((s) => s.segment);
    expect(jieba.cut('投诉到消协', false)).toContain('消协');
    expect(intl).not.toContain('消协');
  });
  it('does not match a two-character entry across a word boundary (我妈的 is not 妈的)', async () => {
    const { createEmotionAnalyzer } = await import('../../src/emotion/index.js');
    expect(createEmotionAnalyzer().analyze('这是给我妈的礼物').cues).not.toContain('anger:妈的');
  });
  it('cuts a text\'s Han runs in one call into exactly the words of cutting each run alone (han-cuts.ts)', () => {
    const dir = new URL('../fixtures/emotion/', import.meta.url).pathname;
    const texts = readdirSync(dir).filter((f) => f.endsWith('.tsv')).flatMap((f) => readLabelledTsv(dir + f).map((r) => r.text))
      .concat(['好〇，〇好', '𠀀气死了。𠀀𠀁', '气气气气死了！好好好', '客服a客服1客服-客服.客服', '々々，〇〇〇']);
    for (const text of texts) {
      const runs = [...text.matchAll(/\p{Script=Han}+/gu)];
      if (runs.length === 0) continue;
      const one = cutHanRuns(text, 0, jieba);
      expect(one.starts).toEqual(runs.map((m) => m.index));
      const alone = runs.map((m) => {
        const elongated = /(\p{Script=Han})\1{2,}/u.test(m[0]);
        return { words: jieba.cut(elongated ? m[0].replace(/(\p{Script=Han})\1{2,}/gu, '$1$1') : m[0], false), elongated };
      });
      expect(one.runs, text).toEqual(alone);
    }
  });
});
