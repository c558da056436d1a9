/**
 * What the platform knows about an order (README "Order facts"): the answer of ORDER_LOOKUP_URL, or the demo
 * shop's own orders. Validated at the port, so the core only ever sees this shape.
 */
import { z } from 'zod';

export const orderFactsSchema = z.object({
  orderId: z.string().min(1).max(64),
  consumerId: z.string().max(256).nullish(),
  merchant: z.object({ id: z.string().min(1).max(128), name: z.string().max(200) }),
  items: z.array(z.object({ sku: z.string().min(1).max(128), name: z.string().max(300), quantity: z.number().int().min(0), price: z.number().min(0) })).max(100),
  amount: z.number().min(0),
  currency: z.string().min(3).max(3),
  orderedAt: z.string().max(40),
  delivery: z.object({ status: z.string().max(40), courier: z.string().max(100).nullish(), deliveredAt: z.string().max(40).nullish() }).nullish(),
});

/**
 * @example
 * { orderId: 'MM-240815-002', consumerId: 'u-1001', merchant: { id: 'm-lumen', name: 'Lumen Home' },
 *   items: [{ sku: 'WT-88', name: 'Wool throw blanket', quantity: 1, price: 459 }], amount: 459, currency: 'CNY',
 *   orderedAt: '2025-11-14T09:12:00Z', delivery: { status: 'in_transit', courier: 'SF Express' } }
 */
export type OrderFacts = z.infer<typeof orderFactsSchema>;

/** What a look-up found: the facts, no such order, or no answer in time (the intake carries on without facts). */
export type OrderLookupResult =
  | { kind: 'found'; facts: OrderFacts }
  | { kind: 'not_found' }
  | { kind: 'unavailable'; reason: string };

/** The most recent orders the order step offers as choices (README "Order facts": `{"recentFor", "limit"}`). */
export const RECENT_ORDERS_LIMIT = 5;

/**
 * The port: the platform's order system, or the demo shop. `consumerId` is the platform's id of the consumer, when known.
 *
 * @example
 * await lookup.find('SHOP-1001', 'alice')   // → { kind: 'found', facts: { orderId: 'SHOP-1001', … } }
 * await lookup.recent('alice', 5)           // → [{ orderId: 'SHOP-1001', … }]: newest first; [] when there is no answer
 */
export interface OrderLookup {
  find(orderId: string, consumerId: string | null): Promise<OrderLookupResult>;
  /**
   * The consumer's recent orders, newest first, at most `limit`; `consumerId` as `recentOrdersKey` gives it. Never
   * throws: a platform that does not know the question, is slow or down has no recent orders to offer.
   */
  recent(consumerId: string | null, limit: number): Promise<OrderFacts[]>;
}

/** How a case records its order facts: found (with the facts on the case), or why there are none. */
export type OrderFactsStatus = 'found' | 'not_found' | 'unavailable';

/**
 * The platform's id of the consumer: only a shop-signed widget identity (`shop:<id>`, see adapters/webchat)
 * is one the platform knows; an anonymous widget or a Telegram user is not.
 */
export function platformConsumerId(userId: string | undefined): string | null {
  return userId?.startsWith('shop:') ? userId.slice(5) : null;
}

/**
 * Whom to ask recent orders for: the platform's id for a shop-signed widget identity; `<channel>:<user id>` for a
 * user the channel itself vouches for (Telegram's), which a platform that links such accounts can answer; null for
 * an anonymous widget visitor, whom nobody knows.
 */
export function recentOrdersKey(address: { channel: string; userId?: string }): string | null {
  const platform = platformConsumerId(address.userId);
  if (platform) return platform;
  if (!address.userId || address.channel === 'webchat') return null;
  return `${address.channel}:${address.userId}`;
}

/** True when the order belongs to someone else (both sides known and different). */
export function belongsToSomeoneElse(facts: OrderFacts, consumerId: string | null): boolean {
  return !!consumerId && !!facts.consumerId && facts.consumerId !== consumerId;
}
