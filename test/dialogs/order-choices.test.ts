// The order step's labels and the summary's item line: pure, in both languages.
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalog.js';
import type { Locale } from '../../src/complaints/complaint.types.js';
import type { OrderFacts } from '../../src/orders/order-facts.js';
import type { Speaker } from '../../dialogs/intake-prompts.js';
import { itemsLine, itemsOf, orderLabel, resolveOrderInput } from '../../dialogs/order-choices.js';
import { choice } from '../../dialogs/intake-prompts.js';

const speaker = (locale: Locale): Speaker => ({ locale, tone: 'neutral', data: {}, say: (k, v = {}) => t(locale, k, v), time: () => '' });
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ sku: `S-${i}`, name: `Item ${i + 1}`, quantity: i + 1, price: 10 }));
const facts = (over: Partial<OrderFacts>): OrderFacts => ({
  orderId: 'SHOP-1', merchant: { id: 'm', name: 'M' }, items: items(1), amount: 10, currency: 'CNY', orderedAt: '2026-11-30T20:00:00Z', ...over,
});

describe('order choices', () => {
  it('labels by number, first item and date in the consumer\'s zone; a label fits a 64-character button', () => {
    expect(orderLabel(facts({}), 'en', 'Asia/Shanghai')).toBe('SHOP-1 · Item 1 · 1 Dec 2026');
    expect(orderLabel(facts({}), 'en', 'Europe/London')).toBe('SHOP-1 · Item 1 · 30 Nov 2026');
    const long = orderLabel(facts({ orderId: `X-${'9'.repeat(62)}`, items: [{ ...items(1)[0]!, name: 'n'.repeat(300) }, ...items(2)], orderedAt: 'not a date' }), 'en', 'UTC');
    expect(long).toBe(`…${'9'.repeat(15)} · ${'n'.repeat(23)}… +2`);
    expect(orderLabel(facts({ orderId: `X-${'9'.repeat(62)}`, items: [{ ...items(1)[0]!, name: 'n'.repeat(300) }, ...items(99)], orderedAt: '2026-12-31T00:00:00Z' }), 'en', 'UTC').length).toBeLessThanOrEqual(64);
  });

  it('names up to three items with quantities, then how many more, in either language', () => {
    expect(itemsLine(itemsOf(facts({ items: items(2) })), speaker('en'))).toBe('Item 1 × 1; Item 2 × 2');
    expect(itemsLine(itemsOf(facts({ items: items(4) })), speaker('en'))).toBe('Item 1 × 1; Item 2 × 2; Item 3 × 3 and 1 more item');
    expect(itemsLine(itemsOf(facts({ items: items(6) })), speaker('zh'))).toBe('Item 1 × 1；Item 2 × 2；Item 3 × 3 等另外 3 件商品');
  });

  it('reads a press, a typed label or value, or a list number; anything else is a typed order number', () => {
    const offered = [choice('SHOP-1', 'SHOP-1 · Lamp'), choice('SHOP-2', 'SHOP-2 · Mug'), choice('another_order', 'Another order')];
    expect(resolveOrderInput('SHOP-2', offered)).toBe('SHOP-2');
    expect(resolveOrderInput('shop-1 · lamp', offered)).toBe('SHOP-1');
    expect(resolveOrderInput('3', offered)).toBe('another_order');
    expect(resolveOrderInput('4', offered)).toBe('4');
    expect(resolveOrderInput('SHOP-3', offered)).toBe('SHOP-3');
    expect(resolveOrderInput('2', undefined)).toBe('2');
  });
});
