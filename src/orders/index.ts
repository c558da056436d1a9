/** Order facts through a port (README "Order facts"): the platform's order system when ORDER_LOOKUP_URL is set, else the demo shop's orders (development), else none. */
import type { Clock } from '../clock.js';
import type { Config } from '../config/config.js';
import { demoOrderLookup } from './demo-orders.js';
import { HttpOrderLookup } from './http-order-lookup.js';
import type { OrderLookup } from './order-facts.js';

export function createOrderLookup(config: Config, now: Clock): OrderLookup | null {
  if (config.ORDER_LOOKUP_URL && config.ORDER_LOOKUP_SECRET) {
    return new HttpOrderLookup({ url: config.ORDER_LOOKUP_URL, secret: config.ORDER_LOOKUP_SECRET, timeoutMs: config.ORDER_LOOKUP_TIMEOUT_MS, now });
  }
  return config.orderLookupDemo ? demoOrderLookup : null;
}
