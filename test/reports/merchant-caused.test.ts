import { describe, expect, it } from 'vitest';
import { merchantCaused } from '../../src/reports/merchant-caused.js';
import { CATEGORIES } from '../../src/triage/triage.types.js';

describe('merchant-caused complaints', () => {
  it('are what the merchant sold or did, with a merchant to count them against; the carrier\'s and the platform\'s are not', () => {
    const caused = CATEGORIES.filter((category) => merchantCaused({ category, merchantId: 'm-1' }));
    expect(caused).toEqual(['not_as_described', 'quality_defect', 'counterfeit', 'refund_refused', 'service_attitude']);
    expect(merchantCaused({ category: 'counterfeit', merchantId: null })).toBe(false);
    expect(merchantCaused({ category: 'counterfeit' })).toBe(false);
  });
});
