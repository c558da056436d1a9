// Triage on the platform's order facts: each rule fires on its signal only, with its reason.
import { describe, expect, it } from 'vitest';
import type { OrderFacts } from '../../src/orders/order-facts.js';
import { ORDER_RULES, type OrderSignals } from '../../src/triage/order-fact-rules.js';
import { decide } from '../../src/triage/priority-rules.js';

const ORDER: OrderFacts = {
  orderId: 'SHOP-1', consumerId: null, merchant: { id: 'm-1', name: 'Lumen' }, items: [{ sku: 'SKU-1', name: 'Lamp', quantity: 1, price: 80 }],
  amount: 80, currency: 'CNY', orderedAt: '2026-11-20T09:00:00Z', delivery: { status: 'delivered', courier: 'SF Express', deliveredAt: '2026-11-23' },
};
const base: OrderSignals = { category: 'other', order: ORDER, orderFacts: { status: 'found' }, merchantRecent: 0, sameProductBefore: 0 };
const findings = (s: Partial<OrderSignals>) => ORDER_RULES.flatMap((r) => r({ ...base, ...s }));

describe('order-fact triage rules', () => {
  it('an ordinary order adds nothing', () => {
    expect(findings({})).toEqual([]);
  });

  it('order value from 1000', () => {
    expect(findings({ order: { ...ORDER, amount: 999 } })).toEqual([]);
    expect(findings({ order: { ...ORDER, amount: 1000 } })).toEqual([{ points: 8, reason: 'order value 1000 CNY (≥ 1000) → +8' }]);
  });

  it('a lost or late parcel the platform says was delivered: at least medium, with when and by whom', () => {
    const [f] = findings({ category: 'lost_parcel' });
    expect(f).toMatchObject({ tier: 'medium', points: 5 });
    expect(f!.reason).toBe('lost_parcel, but the platform says delivered on 2026-11-23 by SF Express: ask for proof of delivery → at least medium tier');
    expect(findings({ category: 'lost_parcel', order: { ...ORDER, delivery: { status: 'in_transit' } } })).toEqual([]);
  });

  it('damaged in transit before delivery is flagged for the courier check', () => {
    expect(findings({ category: 'damaged_in_transit', order: { ...ORDER, delivery: { status: 'in_transit' } } }).map((f) => f.reason))
      .toEqual(['damaged in transit, but the platform shows the parcel as in_transit: check with the courier']);
  });

  it('repeat complaints about the merchant (3+ in 30 days) and about the product', () => {
    expect(findings({ merchantRecent: 2 })).toEqual([]);
    expect(findings({ merchantRecent: 3 })).toEqual([{ points: 5, reason: 'merchant Lumen (m-1): 3 other complaints in 30 days → +5' }]);
    expect(findings({ sameProductBefore: 1 })).toEqual([{ tier: 'medium', points: 5, reason: 'repeat complaint about product SKU-1: 1 earlier by this consumer → at least medium tier' }]);
  });

  it('facts unavailable or unknown order: told to the agent, no points', () => {
    expect(findings({ order: null, orderFacts: { status: 'unavailable', reason: 'timeout' } })).toEqual([{ points: 0, reason: 'order facts unavailable (timeout): check the order by hand' }]);
    expect(findings({ order: null, orderFacts: { status: 'not_found' } })[0]!.reason).toContain('knows no such order');
  });

  it('decide() counts them with the other rules', () => {
    const neutral = { intensity: 0, flagged: false };
    const signals = {
      category: 'lost_parcel' as const, risks: [], emotion: { anger: neutral, anxiety: neutral } as never, trend: { trend: 'steady' } as never,
      priorComplaints: 0, sameOrderOpen: 0, promotion: null, surge: [], suggestion: null,
    };
    const without = decide(signals);
    const withFacts = decide({ ...signals, orderSignals: { ...base, category: 'lost_parcel', order: { ...ORDER, amount: 1500 } } });
    expect(without.tier).toBe('low');
    expect(withFacts.tier).toBe('medium');
    expect(withFacts.reasons).toContain('order value 1500 CNY (≥ 1000) → +8');
    expect(withFacts.priority).toBeGreaterThan(without.priority);
  });
});
