/**
 * The demo shop's orders: what the demo page (adapters/webchat/demo-shop.page.ts) lists, and what the order
 * look-up answers when no ORDER_LOOKUP_URL is set, so `npm start` shows the whole behaviour. Anyone may
 * complain about them (no consumer id): the demo page has no login.
 */
import type { OrderFacts, OrderLookup, OrderLookupResult } from './order-facts.js';

export interface DemoOrder {
  id: string;
  /** As the page shows it. */
  total: string;
  date: string;
  status: 'delivered' | 'transit' | 'processing';
  item: { sku: string; name: { en: string; zh: string }; price: number };
  courier: string | null;
}

const MERCHANT = { id: 'm-maple-moss', name: 'Maple & Moss' };

export const DEMO_ORDERS: readonly DemoOrder[] = [
  { id: 'MM-240815-001', total: '¥ 268.00', date: '2025-11-02', status: 'delivered', item: { sku: 'MM-TEAPOT-CELADON', name: { en: 'Ceramic teapot, celadon', zh: '青瓷茶壶' }, price: 268 }, courier: 'SF Express' },
  { id: 'MM-240815-002', total: '¥ 459.00', date: '2025-11-14', status: 'transit', item: { sku: 'MM-THROW-WOOL', name: { en: 'Wool throw blanket', zh: '羊毛毯' }, price: 459 }, courier: 'ZTO Express' },
  { id: 'MM-240815-003', total: '¥ 89.00', date: '2025-11-20', status: 'processing', item: { sku: 'MM-BOARD-BAMBOO', name: { en: 'Bamboo cutting board set', zh: '竹制砧板套装' }, price: 89 }, courier: null },
];

const DELIVERY: Record<DemoOrder['status'], string> = { delivered: 'delivered', transit: 'in_transit', processing: 'processing' };

export function demoOrderFacts(o: DemoOrder): OrderFacts {
  return {
    orderId: o.id, consumerId: null, merchant: MERCHANT,
    items: [{ sku: o.item.sku, name: o.item.name.en, quantity: 1, price: o.item.price }],
    amount: o.item.price, currency: 'CNY', orderedAt: `${o.date}T10:00:00Z`,
    delivery: { status: DELIVERY[o.status], ...(o.courier ? { courier: o.courier } : {}), ...(o.status === 'delivered' ? { deliveredAt: `${o.date}T18:00:00Z` } : {}) },
  };
}

/**
 * The demo shop as an order look-up: its orders exist, no other does; they are everyone's recent orders (the demo
 * page has no login), so the order step offers them as choices.
 */
export const demoOrderLookup: OrderLookup = {
  async find(orderId): Promise<OrderLookupResult> {
    const o = DEMO_ORDERS.find((x) => x.id.toLowerCase() === orderId.toLowerCase());
    return o ? { kind: 'found', facts: demoOrderFacts(o) } : { kind: 'not_found' };
  },
  async recent(_consumerId, limit): Promise<OrderFacts[]> {
    return [...DEMO_ORDERS].sort((a, b) => b.date.localeCompare(a.date)).slice(0, limit).map(demoOrderFacts);
  },
};
