// One block per hard-case rule family (src/emotion/hard-case-rules.ts). Each compares the analyzer with the same
// analyzer without that rule, so removing the rule fails its test. Sentences are new, written for these tests.
import { describe, expect, it } from 'vitest';
import { createEmotionAnalyzer } from '../../src/emotion/index.js';
import { flagsOnlyWithRule, HAND_ONLY } from './hand-layers.js';

const full = createEmotionAnalyzer(HAND_ONLY);
const without = (rule: string) => createEmotionAnalyzer({ ...HAND_ONLY, withoutRules: [rule] });

describe('sarcasm', () => {
  it('praise next to a failure fact, ironic emoji, mock enthusiasm, scare quotes', () => {
    flagsOnlyWithRule('sarcasm', 'anger', [
      'Wonderful, the blender is broken again',
      'the courier lost my parcel 🙃',
      'Oh joy, another week of waiting',
    ]);
    // Scare quotes are read by both sarcasm and the scare-quote rule (implicit-anger-rules.ts): only without both is it calm.
    const quoted = 'Tracking has said "out for delivery today" since Monday and still nothing';
    expect(full.analyze(quoted).anger.flagged).toBe(true);
    expect(createEmotionAnalyzer({ ...HAND_ONLY, withoutRules: ['sarcasm', 'scareQuotes'] }).analyze(quoted).anger.flagged).toBe(false);
    expect(without('sarcasm').analyze(quoted).cues).toContain('rule:scare_quotes');
    expect(full.analyze('Wonderful, the blender is broken again').cues).toContain('rule:sarcasm');
    expect(full.analyze('效率真高，客服到现在还没回').anger.intensity).toBeGreaterThan(without('sarcasm').analyze('效率真高，客服到现在还没回').anger.intensity + 2);
  });
  it('sincere praise is not sarcasm', () => {
    expect(full.analyze('Wonderful service, the new blender works perfectly').anger.flagged).toBe(false);
  });
});

describe('polite exasperation', () => {
  it('courtesy around counted contacts or long waits', () => {
    flagsOnlyWithRule('politeExasperation', 'anger', [
      'Dear team, this is my sixth email about the same invoice. Thank you.',
      '您好，这个问题我已经来回沟通好久了，麻烦别再复制粘贴了，谢谢',
    ]);
  });
  it('a polite first contact stays calm', () => {
    expect(full.analyze('Dear team, could you send me the invoice? Thank you.').anger.flagged).toBe(false);
  });
});

describe('rhetorical questions', () => {
  it('English and Chinese accusations phrased as questions', () => {
    flagsOnlyWithRule('rhetoricalQuestion', 'anger', [
      '你们这是抢钱吧？',
      '你们平时就是这么做事的？',
      'Is this how you treat people who pay on time?',
      '这就是你们的服务？',
    ]);
  });
  it('names the accusation even where a lexicon word already flags it (拿我当傻子吗？)', () => {
    const r = full.analyze('拿我当傻子吗？');
    expect(r.cues).toContain('rule:rhetorical_question');
    expect(r.anger.intensity).toBeGreaterThan(without('rhetoricalQuestion').analyze('拿我当傻子吗？').anger.intensity);
  });
  it('an honest question is not rhetorical', () => {
    expect(full.analyze('How long does a refund usually take?').anger.flagged).toBe(false);
    expect(full.analyze('请问退款多久到账？').anger.flagged).toBe(false);
  });
});

describe('stakes', () => {
  it('health, money deadlines, documents and travel, personal data', () => {
    flagsOnlyWithRule('stakes', 'anxiety', [
      'The formula tin was expired and my newborn drank from it',
      'My glucose meter shows erratic readings since the update',
      'The mortgage payment is due tomorrow and the refund is still missing',
      'My passport is in that parcel and I fly next week',
      'I sent back the laptop and my personal files were not wiped',
    ]);
    expect(full.analyze('The mortgage payment is due tomorrow and the refund is still missing').cues).toContain('rule:stakes_money');
    const zh = '退款了分期还在扣，下个月就逾期了';
    expect(full.analyze(zh).cues).toContain('rule:stakes_money');
    expect(full.analyze(zh).anxiety.intensity).toBeGreaterThan(without('stakes').analyze(zh).anxiety.intensity + 1);
  });
  it('the same words without a problem stay calm', () => {
    expect(full.analyze('Do you sell formula for toddlers?').anxiety.flagged).toBe(false);
  });
});

describe('mixed anger and fear', () => {
  it('flags both at once', () => {
    const off = without('mixedAngerFear');
    const on = full.analyze('又气又怕');
    expect(on.anger.flagged && on.anxiety.flagged).toBe(true);
    const r = off.analyze('又气又怕');
    expect(on.anger.intensity + on.anxiety.intensity).toBeGreaterThan(r.anger.intensity + r.anxiety.intensity + 2);
    expect(off.analyze('I was angry and scared').anxiety.intensity).toBeLessThan(full.analyze('I was angry and scared').anxiety.intensity);
    for (const t of ['又生气又害怕', 'honestly angry and scared']) {
      const r = full.analyze(t);
      expect(r.anger.flagged && r.anxiety.flagged, t).toBe(true);
      expect(r.cues).toContain('rule:mixed_anger_fear');
    }
  });
});

describe('words out of context', () => {
  it('a worry that resolved, a report for someone else, a calm request', () => {
    const off = without('outOfContext');
    const resolved = 'I was worried the charger was fake but it turned out genuine';
    expect(off.analyze(resolved).anxiety.flagged).toBe(true);
    expect(full.analyze(resolved).anxiety.flagged).toBe(false);
    const report = 'Reporting this shop on behalf of my father, they sold him a counterfeit and lied to him';
    expect(off.analyze(report).anger.intensity).toBeGreaterThan(full.analyze(report).anger.intensity);
    const calm = 'Please refund the counterfeit case I received, thanks';
    expect(full.analyze(calm).anger.intensity).toBeLessThan(off.analyze(calm).anger.intensity);
    expect(full.analyze(calm).cues).toContain('rule:calm_request');
  });
  it('emotion words inside quotes and product names are not the customer speaking', () => {
    const off = createEmotionAnalyzer({ ...HAND_ONLY, withoutMasking: true });
    for (const t of ['The kids ordered the Angry Birds lamp and it came in blue', 'I bought the “Panic Button” game for my nephew', '我买的《愤怒的小鸟》玩偶颜色不对']) {
      expect(off.analyze(t).anger.flagged || off.analyze(t).anxiety.flagged, `without masking: ${t}`).toBe(true);
      const r = full.analyze(t);
      expect(r.anger.flagged || r.anxiety.flagged, t).toBe(false);
      expect(r.cues).toContain('rule:quoted_or_product_name');
    }
  });
});
