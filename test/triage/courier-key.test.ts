import { describe, expect, it } from 'vitest';
import { courierKey } from '../../src/triage/courier-key.js';

describe('courierKey', () => {
  it('folds case, whitespace, punctuation and full-width forms into one key', () => {
    const spellings = ['SF Express', 'sf-express', ' SF EXPRESS ', 'S.F. Express', 'SF_Express', 'sf\u00a0express', 'ＳＦ Ｅｘｐｒｅｓｓ', 'SF Express®', 'sf\u200bexpress'];
    expect(new Set(spellings.map(courierKey))).toEqual(new Set(['sfexpress']));
  });

  it('knows the Chinese trade names of SF and ZTO, simplified and traditional, with or without their suffix', () => {
    expect(['顺丰', '顺丰速运', ' 顺丰 快递 ', '順豐', '順豐速運', '顺丰（速运）', 'SF'].map(courierKey)).toEqual(Array(7).fill('sfexpress'));
    expect(['ZTO Express', 'zto', '中通', '中通快递'].map(courierKey)).toEqual(Array(4).fill('ztoexpress'));
  });

  it('keeps other couriers apart, and nothing of a blank name', () => {
    expect(courierKey('YTO Express')).toBe('ytoexpress');
    expect(courierKey('圆通速递')).toBe('圆通速递');
    expect(courierKey('SF Express')).not.toBe(courierKey('STO Express'));
    for (const blank of [null, undefined, '', '   ', ' - . ']) expect(courierKey(blank)).toBeNull();
  });
});
