// One test per rule of the analyzer; each compares with the rule's absence so removing the rule fails it.
import { describe, expect, it } from 'vitest';
import { createEmotionAnalyzer } from '../../src/emotion/index.js';
import { HAND_ONLY } from './hand-layers.js';

const analyzer = createEmotionAnalyzer(HAND_ONLY);
const anger = (t: string, repeatContact?: number) => analyzer.analyze(t, { repeatContact }).anger.intensity;
const anxiety = (t: string) => analyzer.analyze(t).anxiety.intensity;

describe('negation', () => {
  it('cancels cues in English within the clause', () => {
    expect(analyzer.analyze('I am worried about the parcel').anxiety.flagged).toBe(true);
    const r = analyzer.analyze('I am not worried at all about the parcel');
    expect(r.anxiety.flagged).toBe(false);
    expect(r.cues).toContain('negated:anxiety:worried');
  });
  it('cancels cues in Chinese (不生气, 没有担心)', () => {
    expect(analyzer.analyze('我很生气').anger.flagged).toBe(true);
    expect(analyzer.analyze('我不生气').anger.flagged).toBe(false);
    expect(analyzer.analyze('我担心包裹').anxiety.flagged).toBe(true);
    expect(analyzer.analyze('我没有担心包裹').anxiety.flagged).toBe(false);
  });
  it('turns a negated positive into dissatisfaction ("not happy")', () => {
    expect(analyzer.analyze('I am happy with this').anger.flagged).toBe(false);
    expect(analyzer.analyze('I am not happy with this').anger.flagged).toBe(true);
  });
  it('stops at a clause break', () => {
    expect(analyzer.analyze('No, furious.').anger.flagged).toBe(true);
    expect(analyzer.analyze('No furious.').anger.flagged).toBe(false);
    // "but" / 但是 end the clause too
    expect(analyzer.analyze("I'm not worried but furious").anger.flagged).toBe(true);
    expect(analyzer.analyze('不是担心但是生气').anger.flagged).toBe(true);
  });
});

describe('intensifiers and downtoners', () => {
  it('scale English cues', () => {
    expect(anger('I am extremely annoyed')).toBeGreaterThan(anger('I am annoyed'));
    expect(anxiety('I am a bit worried')).toBeLessThan(anxiety('I am worried'));
  });
  it('scale Chinese cues (非常, 有点)', () => {
    expect(anger('我非常生气')).toBeGreaterThan(anger('我生气'));
    expect(anxiety('我有点担心')).toBeLessThan(anxiety('我担心'));
  });
});

describe('writing signals', () => {
  it('ALL CAPS shouting raises anger', () => {
    const r = analyzer.analyze('WHY IS MY ORDER STILL NOT HERE');
    expect(r.cues).toContain('caps');
    expect(r.anger.intensity).toBeGreaterThan(anger('why is my order still not here'));
  });
  it('a capitalised cue word counts more than a lower-case one', () => {
    expect(anger('this is RIDICULOUS')).toBeGreaterThan(anger('this is ridiculous'));
  });
  it('repeated !!! raises anger and ？？？ raises anxiety', () => {
    expect(anger('this is ridiculous!!!')).toBeGreaterThan(anger('this is ridiculous.'));
    expect(anxiety('我的包裹到底什么时候到？？？')).toBeGreaterThan(anxiety('我的包裹到底什么时候到。'));
    expect(analyzer.analyze('where is it???').cues).toContain('question:3');
  });
  it('elongation is undone for lookup and raises intensity', () => {
    expect(analyzer.analyze('I am angryyyyy').anger.flagged).toBe(true);
    expect(anger('I am sooooo angry')).toBeGreaterThan(anger('I am so angry'));
    expect(analyzer.analyze('I am sooooo angry').cues).toContain('elongation');
  });
  it('emoji and emoticons carry emotion on their own', () => {
    expect(analyzer.analyze('😡').anger.flagged).toBe(true);
    expect(analyzer.analyze('🤬🤬').anger.flagged).toBe(true);
    expect(analyzer.analyze('😰').anxiety.flagged).toBe(true);
    expect(analyzer.analyze('parcel still not here 😭').anxiety.intensity).toBeGreaterThan(anxiety('parcel still not here'));
    expect(analyzer.analyze('no reply again >:(').anger.intensity).toBeGreaterThan(anger('no reply again'));
  });
});

describe('mixed language', () => {
  it('reads English and Chinese cues in one message', () => {
    const r = analyzer.analyze('Your customer service is 垃圾, and I am 很担心 about my money');
    expect(r.cues).toEqual(expect.arrayContaining(['anger:垃圾', 'anxiety:担心']));
    expect(r.anger.flagged).toBe(true);
    expect(r.anxiety.flagged).toBe(true);
  });
});

describe('complaint language', () => {
  it('threats to the press, a lawyer, the consumer association, 12315 and 曝光 read as anger', () => {
    for (const t of ['I will go to the press with this', 'My lawyer will contact you', 'I will report you to the consumer association', '我要投诉到消协', '我已经打了12315', '我要曝光你们']) {
      expect(analyzer.analyze(t).anger.flagged, t).toBe(true);
    }
  });
  it('deadlines, money and health worries read as anxiety', () => {
    for (const t of ["I need it for my daughter's birthday on Friday", 'the refund has not arrived and rent is due', 'my son got a rash, is it safe?', '退款还没到账，这是我的生活费', '孩子过敏了']) {
      expect(analyzer.analyze(t).anxiety.flagged, t).toBe(true);
    }
  });
  it('counted repetition and long waits raise anger ("4 emails", 说了八百遍)', () => {
    expect(anger('I sent you 4 emails')).toBeGreaterThan(anger('I sent you an email'));
    expect(anger('说了八百遍了')).toBeGreaterThan(anger('说了'));
  });
  it('repeat contact raises anger', () => {
    expect(anger('where is my parcel', 2)).toBeGreaterThan(anger('where is my parcel'));
    expect(analyzer.analyze('where is my parcel', { repeatContact: 3 }).anger.flagged).toBe(true);
    expect(analyzer.analyze('where is my parcel', { repeatContact: 3 }).cues).toContain('repeat_contact:3');
  });
  it('a polite request is neither angry nor anxious', () => {
    const r = analyzer.analyze('Hi, could you exchange the blue kettle for a green one? Thanks!');
    expect(r.anger.flagged).toBe(false);
    expect(r.anxiety.flagged).toBe(false);
  });
  it('thresholds are configurable', () => {
    const strict = createEmotionAnalyzer({ ...HAND_ONLY, thresholds: { anger: 9.9 } });
    expect(strict.analyze('I am angry').anger.flagged).toBe(false);
    expect(analyzer.analyze('I am angry').anger.flagged).toBe(true);
  });
});
