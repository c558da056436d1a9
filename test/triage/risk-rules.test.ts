import { describe, expect, it } from 'vitest';
import { findRisks } from '../../src/triage/index.js';

const kinds = (t: string) => findRisks(t).map((r) => r.kind);

describe('risk keywords', () => {
  it.each([
    ['This is a counterfeit bag', 'counterfeit'],
    ['卖的是假货', 'counterfeit'],
    ['The screen was damaged', 'damaged'],
    ['外箱破损', 'damaged'],
    ['My son got injured by the toy', 'injury'],
    ['孩子被烫伤了', 'injury'],
    ['The charger is a safety hazard, it sparked', 'safety_hazard'],
    ['充电宝鼓包了，有安全隐患', 'safety_hazard'],
    ['We got food poisoning from the snacks', 'food_safety'],
    ['坚果发霉了', 'food_safety'],
    ['You leaked my personal data', 'data_leak'],
    ['我的个人信息被泄露了', 'data_leak'],
    ['Many customers got the same broken batch, this is a group complaint', 'group_complaint'],
    ['我们好多人都买到了，群里大家都在维权', 'group_complaint'],
    ['I will go to the press', 'public_opinion'],
    ['My lawyer will contact you', 'public_opinion'],
    ['I am posting this on social media', 'public_opinion'],
    ['I will complain to the consumer council', 'public_opinion'],
    ['我要打12315', 'public_opinion'],
    ['我要曝光你们', 'public_opinion'],
  ])('%s → %s', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });
  it('a negated keyword does not count', () => {
    expect(kinds('The box was not damaged, only the colour is wrong')).not.toContain('damaged');
    expect(kinds('包装没有破损')).not.toContain('damaged');
    expect(kinds('The box was damaged')).toContain('damaged');
  });
  it('an ordinary complaint has no risk', () => {
    expect(findRisks('The shirt is one size too small, can I exchange it?')).toEqual([]);
  });
});
