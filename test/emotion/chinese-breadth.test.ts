// Chinese breadth (issue 11): morpheme cues with their exceptions, colloquial complaint words, waits in days.
import { describe, expect, it } from 'vitest';
import { createEmotionAnalyzer } from '../../src/emotion/index.js';
import { createMorphemeLookup } from '../../src/emotion/chinese-morphemes.js';
import { HAND_ONLY } from './hand-layers.js';

const analyzer = createEmotionAnalyzer(HAND_ONLY);
const morpheme = createMorphemeLookup();

describe('morpheme cues', () => {
  it('reads words no lexicon lists by their anger or fear character', () => {
    for (const [word, emotion] of [['暴怒', 'anger'], ['恼人', 'anger'], ['怨气', 'anger'], ['焦躁', 'anger'], ['发慌', 'anxiety'], ['惊惧', 'anxiety'], ['忧虑', 'anxiety']] as const) {
      const cue = morpheme(word);
      expect(cue, word).toBeDefined();
      expect(cue![emotion], word).toBeGreaterThan(0);
    }
  });
  it('skips the listed exceptions (麻烦 "trouble you", 恐怕 "perhaps", 急诊, 天气, 无忧)', () => {
    for (const word of ['麻烦', '恐怕', '急诊', '天气', '空气', '客气', '无忧', '不怕', '心花怒放']) expect(morpheme(word), word).toBeUndefined();
  });
  it('flags a message through a morpheme cue and names it', () => {
    const r = analyzer.analyze('客服的回复让我暴怒');
    expect(r.anger.flagged).toBe(true);
    expect(r.cues).toContain('anger:morpheme:怒');
    expect(analyzer.analyze('麻烦您帮我查一下物流，谢谢').anger.flagged).toBe(false);
    expect(analyzer.analyze('今天天气不错，包裹也收到了').anger.flagged).toBe(false);
  });
  it('negation reaches morpheme cues too (不烦)', () => {
    expect(analyzer.analyze('我不烦躁，只是问问').anger.flagged).toBe(false);
  });
});

describe('colloquial complaint words', () => {
  it('装死, 服了你们, 手都在抖, 骗人, 一点用都没有', () => {
    for (const t of ['客服一直装死', '真是服了你们', '我气得手都在抖', '你们就是骗人', '客服一点用都没有']) {
      expect(analyzer.analyze(t).anger.flagged, t).toBe(true);
    }
    expect(analyzer.analyze('收到短信说逾期了，要上征信').anxiety.flagged).toBe(true);
  });
  it('没用 alone is weak: "the coupon was not used" is a question, not anger', () => {
    expect(analyzer.analyze('优惠券没用上，是什么原因？').anger.flagged).toBe(false);
  });
});

describe('waits counted in days, years and trips', () => {
  it('等了五天 and 跑了三趟 count; a promised 三天 does not', () => {
    expect(analyzer.analyze('等了五天了').cues).toContain('anger:pattern:waited_weeks');
    expect(analyzer.analyze('跑了三趟营业厅').cues).toContain('anger:pattern:repeated_n_times');
    expect(analyzer.analyze('三天内发货').cues).not.toContain('anger:pattern:waited_weeks');
  });
});
