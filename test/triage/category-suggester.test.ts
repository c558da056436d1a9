import { describe, expect, it } from 'vitest';
import { suggestCategory } from '../../src/triage/index.js';

describe('suggestCategory', () => {
  it.each([
    ['The vase arrived smashed to pieces', 'damaged_in_transit'],
    ['快递盒子破损，杯子摔坏了', 'damaged_in_transit'],
    ['I think these sneakers are fake', 'counterfeit'],
    ['这是假货，根本不是正品', 'counterfeit'],
    ['My order is delayed again, still not arrived', 'late_delivery'],
    ['下单一周了还没发货', 'late_delivery'],
    ['They charged twice for one order', 'billing'],
    ['客服态度很差还挂电话', 'service_attitude'],
    ['商家拒绝退款', 'refund_refused'],
    ['The colour is different from the photo, not as described', 'not_as_described'],
    ['The kettle stopped working after two days', 'quality_defect'],
    ['Tracking says delivered but I never received it', 'lost_parcel'],
  ])('%s → %s', (text, category) => {
    const s = suggestCategory(text);
    expect(s?.category).toBe(category);
    expect(s!.confidence).toBeGreaterThan(0.5);
    expect(s!.cues.length).toBeGreaterThan(0);
  });
  it('returns null when nothing matches, and is less sure when categories compete', () => {
    expect(suggestCategory('hello there')).toBeNull();
    const clear = suggestCategory('the parcel arrived smashed')!;
    const mixed = suggestCategory('the parcel arrived smashed and late, and the agent was rude')!;
    expect(mixed.confidence).toBeLessThan(clear.confidence);
  });
  it('matches whole English words only ("late" is not in "later")', () => {
    expect(suggestCategory('I will write again later')).toBeNull();
  });
});
