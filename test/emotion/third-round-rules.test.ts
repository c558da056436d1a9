// The families added in issue 11's third round (session 6), one block each: mock praise and taunts, questions of
// disbelief, threats and ultimatums, polite exasperation in Chinese, someone else's anger, echoes and one shouted
// word, and Chinese online slang. Rules are compared with the same analyzer without them, so removing a rule fails
// its test; the surface cues and lexicon entries are checked by their cue ids. Sentences are new, written for
// these tests: none comes from a labelled file.
import { describe, expect, it } from 'vitest';
import { createEmotionAnalyzer } from '../../src/emotion/index.js';
import { loadEmotionResources } from '../../src/emotion/emotion-lexicon.js';
import { readSurface } from '../../src/emotion/surface-cues.js';
import { calm, flagsOnlyWithRule, HAND_ONLY } from './hand-layers.js';

const full = createEmotionAnalyzer(HAND_ONLY);

describe('mock praise and taunts', () => {
  it('a one-word verdict after a fault, "funny how…", 是吧 after a trick, 说好的…呢, 你们…是…的吧', () => {
    flagsOnlyWithRule('mockPraise', 'anger', [
      'They cancelled my order without telling me. Marvellous.',
      'Funny how the tracking only moves after I complain, and nothing moves otherwise.',
      '发错了颜色也不认是吧？',
      '说好的包邮呢？',
      '你们客服是按字收费的吧',
    ]);
  });
  it('praise about what went well, and 是吧 asking for confirmation, stay calm', () => {
    calm(['Splendid. It came a day early and fits well.', 'Arrived on time and well packed. Lovely.', '这件是纯棉的是吧？', '尺码是偏大一码是吧']);
  });
});

describe('questions of disbelief', () => {
  it('"how is that even legal", "how did this ever pass", 这也叫…？, 什么叫, 也敢卖, 还要我…？', () => {
    flagsOnlyWithRule('incredulousQuestion', 'anger', [
      'How is that even legal, charging a fee to return a faulty kettle?',
      'The seams split on the first wear. How did this ever pass a check?',
      '这也叫加急？',
      '袖子都是歪的，也敢卖',
      '坏的东西，还要我自己跑快递点寄回去？',
    ]);
  });
  it('questions that ask, not accuse', () => {
    calm(['How is it possible to change the delivery address?', '这叫什么颜色？', '请问什么叫保价？', '还要我提供什么资料吗？', '这都能退吗？']);
  });
});

describe('threats and ultimatums', () => {
  it('a step made conditional, a deadline given as an order, patience declared spent', () => {
    flagsOnlyWithRule('ultimatum', 'anger', [
      'Send the missing part by Friday or I will dispute the payment.',
      "I'm putting these photos on TikTok so everyone sees what you sell.",
      "If my refund isn't done by tomorrow I'm going to report the shop.",
      '明天中午之前给我答复。',
      '行，你们就等着吧。',
    ]);
  });
  it('a need with a date, or a plain "if", is no threat', () => {
    calm(["If it isn't here by Friday I will be away, so please leave it with a neighbour.", '怎么申请平台介入？']);
    // 必须 weighs a little in the lexicon; the rule must not add to it
    expect(full.analyze('今晚之前必须到吗？我明天出差').cues).not.toContain('rule:ultimatum');
  });
});

describe('polite exasperation (third round, Chinese)', () => {
  it('working days counted, contacts dated one by one', () => {
    flagsOnlyWithRule('politeExasperation', 'anger', ['尊敬的客服：已等待十个工作日，至今未收到退款。', '你好，我3号、9号都问过了，至今没有答复。']);
  });
  it('a greeting around a count, or one day late, is not exasperation', () => {
    calm(['你好，请问三天能到吗？', '快递员辛苦了，晚一天到没关系']);
  });
});

describe("someone else's anger", () => {
  it('named and kept apart from the writer’s own request', () => {
    const off = createEmotionAnalyzer({ ...HAND_ONLY, withoutRules: ['outOfContext'] });
    for (const t of ["My wife is furious about it, but I only need the invoice sent again.", "My boyfriend's annoyed the strap is the wrong colour; could you swap it?", '我老公说你们客服很烦，我就想问下发票怎么开']) {
      expect(off.analyze(t).anger.flagged, t).toBe(true);
      expect(full.analyze(t).anger.flagged, t).toBe(false);
      expect(full.analyze(t).cues).toContain('rule:report_for_other');
    }
  });
});

describe('echo and one shouted word', () => {
  const res = loadEmotionResources();
  const cues = (t: string) => readSurface(res.tokenize(t)).cues;
  it('a closing fragment repeating an opening denial or why; a repetition word shouted alone', () => {
    for (const t of ['Nobody called me back about the broken hinge. Nobody.', 'Why would anyone fold a poster in four. Why.']) {
      expect(cues(t), t).toContain('echo');
      expect(full.analyze(t).anger.flagged, t).toBe(true);
    }
    for (const t of ['the tracking page froze on me AGAIN today', 'you STILL charged the old card']) {
      expect(cues(t), t).toContain('caps_emphasis');
      expect(full.analyze(t).anger.flagged, t).toBe(true);
    }
  });
  it('a name or a laugh said twice, a shouted denial, is no exasperation', () => {
    expect(cues('LOL that goal was unreal. LOL')).not.toContain('echo');
    expect(cues('that film was NOT boring at all')).not.toContain('caps_emphasis');
    expect(cues('The SHOP is CLOSED on MONDAY again')).not.toContain('caps_emphasis');
  });
});

describe('Chinese online slang (third round lexicon)', () => {
  it('exasperation slang flags alone', () => {
    for (const [t, cue] of [['看到账单我直接蚌埠住了', 'anger:蚌埠住了'], ['客服回了三句话，我麻了', 'anger:麻了'], ['这双标玩得挺溜', 'anger:双标'], ['发个空盒子还好意思要好评', 'anger:还好意思']] as const) {
      const r = full.analyze(t);
      expect(r.cues, t).toContain(cue);
      expect(r.anger.flagged, t).toBe(true);
    }
  });
});
