/**
 * Triage rules on the platform's order facts (src/orders/): order value, delivery status against what the
 * consumer says, repeat complaints about one merchant or product, and facts that could not be had. Same shape as
 * the rules in priority-rules.ts: small pure functions, each finding with its reason.
 */
import type { OrderFacts, OrderFactsStatus } from '../orders/order-facts.js';
import type { Category, RiskTier } from './triage.types.js';

export interface OrderSignals {
  category: Category;
  order: OrderFacts | null;
  orderFacts?: { status: OrderFactsStatus; reason?: string };
  merchantRecent: number;
  sameProductBefore: number;
}

export interface OrderFinding { tier?: RiskTier; points: number; reason: string }

/** Order totals from which a case is worth more attention (in the order's currency; no conversion). */
export const HIGH_VALUE_AMOUNT = 1000;
/** Complaints about one merchant within 30 days from which it counts as a repeat offender. */
export const MERCHANT_REPEAT = 3;

const PARCEL_MISSING: ReadonlySet<Category> = new Set(['late_delivery', 'lost_parcel']);

function valueRule({ order }: OrderSignals): OrderFinding[] {
  if (!order || order.amount < HIGH_VALUE_AMOUNT) return [];
  return [{ points: 8, reason: `order value ${order.amount} ${order.currency} (≥ ${HIGH_VALUE_AMOUNT}) → +8` }];
}

function deliveryRule({ order, category }: OrderSignals): OrderFinding[] {
  const status = order?.delivery?.status;
  if (!status) return [];
  if (PARCEL_MISSING.has(category) && status === 'delivered') {
    const when = order.delivery?.deliveredAt ? ` on ${order.delivery.deliveredAt}` : '';
    return [{ tier: 'medium', points: 5, reason: `${category}, but the platform says delivered${when}${order.delivery?.courier ? ` by ${order.delivery.courier}` : ''}: ask for proof of delivery → at least medium tier` }];
  }
  if (category === 'damaged_in_transit' && status !== 'delivered') {
    return [{ points: 0, reason: `damaged in transit, but the platform shows the parcel as ${status}: check with the courier` }];
  }
  return [];
}

function repeatRule({ order, merchantRecent, sameProductBefore }: OrderSignals): OrderFinding[] {
  const out: OrderFinding[] = [];
  if (order && merchantRecent >= MERCHANT_REPEAT) out.push({ points: 5, reason: `merchant ${order.merchant.name} (${order.merchant.id}): ${merchantRecent} other complaints in 30 days → +5` });
  if (order && sameProductBefore > 0) out.push({ tier: 'medium', points: 5, reason: `repeat complaint about product ${order.items[0]?.sku}: ${sameProductBefore} earlier by this consumer → at least medium tier` });
  return out;
}

function missingRule({ orderFacts }: OrderSignals): OrderFinding[] {
  if (orderFacts?.status === 'unavailable') return [{ points: 0, reason: `order facts unavailable (${orderFacts.reason ?? 'no answer'}): check the order by hand` }];
  if (orderFacts?.status === 'not_found') return [{ points: 0, reason: 'the platform knows no such order: check the order number with the consumer' }];
  return [];
}

export const ORDER_RULES = [valueRule, deliveryRule, repeatRule, missingRule];
