// The families added in issue 11's fourth round (session 10), in mockery-rules.ts: deadpan idioms that are sarcasm
// in a complaint by themselves, and questions that challenge rather than ask. Each is compared with the same
// analyzer without the rule, so removing the rule fails its test. Sentences are new, written for these tests: none
// comes from a labelled file.
import { describe, expect, it } from 'vitest';
import { createEmotionAnalyzer } from '../../src/emotion/index.js';
import { calm, flagsOnlyWithRule, HAND_ONLY } from './hand-layers.js';

const full = createEmotionAnalyzer(HAND_ONLY);

describe('deadpan sarcasm', () => {
  it('idioms that mean the opposite, and praise that closes a fault', () => {
    flagsOnlyWithRule('mockPraise', 'anger', [
      'The box said fragile and the courier used it as a step. You had one job.',
      'Refund approved on Monday, refund rejected on Tuesday. Make it make sense.',
      'Charging me for the return label of your own mistake. Bold move.',
      'Kettle number two came broken as well. Thanks for that.',
      'Priceless. The replacement charger is the wrong plug again.',
      '我谢谢你们了，周日早上六点打电话问我在不在家',
      '保价申请了个寂寞，一分钱没退',
      '好一个专属客服，三天找不到人',
      '配件一直没寄到，说好的补发也没动静。真不错。',
    ]);
  });
  it('sincere praise, and the same words without a fault, stay calm', () => {
    calm([
      'The replacement came this morning, thanks for that!',
      'What a lovely surprise, the flowers came a day early.',
      'Keep up the good work, the parcel was perfect.',
      '挺好的，下次还来',
      '谢谢你们，已经收到了',
    ]);
  });
});

describe('challenging questions', () => {
  it('"which is it?", "which part of … was unclear", "what am I paying for", 是干嘛的, 负得起责吗, 谁给你们的权利', () => {
    flagsOnlyWithRule('incredulousQuestion', 'anger', [
      'The app says collected, the driver says it is in the van. Which is it?',
      'Which part of "leave with the neighbour" was so confusing?',
      'Four dropped calls in a month, what exactly am I paying you for?',
      'Is there a single human left in your support team?',
      'Does anybody over there actually check an order before it goes out?',
      '我交的会员费是干嘛的',
      '临期的奶粉也敢发给婴儿，出了事你们负得起这个责任吗',
      '谁给你们的胆子乱扣我押金',
    ]);
  });
  it('questions that ask, not challenge, stay calm', () => {
    calm([
      'Which is the bigger size, the 40 or the 42?',
      'Is there a person I can call about the invoice?',
      'What am I supposed to bring to the pickup point?',
      '这个按钮是干嘛的？',
      '请问这个接口是干什么用的',
    ]);
  });
});

describe('someone else’s words reported at length', () => {
  const unmasked = createEmotionAnalyzer({ ...HAND_ONLY, withoutMasking: true });
  it('a long quote after a reporting word is blanked like a short one', () => {
    for (const t of [
      'Passing this on for my neighbour, who has no email. She writes: "I am absolutely furious, the washing machine you installed flooded the kitchen twice." Could someone call her?',
      '帮我姑姑转达一下，她的原话是：“气死我了，这个热水器装好第二天就漏水，地板全泡了，真是越想越生气”。能安排师傅上门吗？',
    ]) {
      expect(full.analyze(t).anger.flagged, t).toBe(false);
      expect(unmasked.analyze(t).anger.flagged, `without masking: ${t}`).toBe(true);
    }
  });
  it('the writer’s own long quote of the shop is not a report and stays unmasked', () => {
    const t = 'Your email literally said "we have refunded the full amount to your original payment method today" and there is nothing. This is a scam.';
    expect(full.analyze(t).anger.flagged).toBe(true);
  });
});
