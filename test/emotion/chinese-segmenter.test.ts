import { describe, expect, it } from 'vitest';
import { loadEmotionResources } from '../../src/emotion/emotion-lexicon.js';

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
});
