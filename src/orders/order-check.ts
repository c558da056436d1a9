/**
 * The order-number step's questions to the order look-up. May this consumer complain about this order? Only a
 * definite answer refuses: an order the platform does not know, or one it knows to be someone else's. When
 * the platform is slow or down the consumer carries on (the case then records that facts were unavailable).
 * Which orders could it be? The consumer's recent orders, offered as choices; none when the platform is slow or down.
 */
import { belongsToSomeoneElse, platformConsumerId, recentOrdersKey, RECENT_ORDERS_LIMIT, type OrderFacts, type OrderLookup } from './order-facts.js';

export type OrderVerdict = 'ok' | 'unknown' | 'not_yours';

/** The verdict, and the facts when the platform found the order (the summary shows its items). */
export interface OrderCheckResult {
  verdict: OrderVerdict;
  facts?: OrderFacts;
}

export type OrderCheck = (orderId: string, userId: string | undefined) => Promise<OrderCheckResult>;

export function orderCheck(lookup: OrderLookup): OrderCheck {
  return async (orderId, userId) => {
    const consumerId = platformConsumerId(userId);
    const r = await lookup.find(orderId, consumerId);
    if (r.kind === 'not_found') return { verdict: 'unknown' };
    if (r.kind === 'found') return belongsToSomeoneElse(r.facts, consumerId) ? { verdict: 'not_yours' } : { verdict: 'ok', facts: r.facts };
    return { verdict: 'ok' };
  };
}

export type RecentOrders = (address: { channel: string; userId?: string }) => Promise<OrderFacts[]>;

/** The consumer's recent orders for the order step; a look-up that fails in any way offers none. */
export function recentOrders(lookup: OrderLookup, limit = RECENT_ORDERS_LIMIT): RecentOrders {
  return (address) => lookup.recent(recentOrdersKey(address), limit).catch(() => []);
}
