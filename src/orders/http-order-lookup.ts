/**
 * The platform's order system over HTTP (README "Order facts"): `POST ORDER_LOOKUP_URL` with
 * `{"orderId","consumerId"}`, signed like outgoing events; 404 = no such order, 200 = the facts. Anything else,
 * a malformed answer or no answer within the timeout is "unavailable": the intake carries on without facts.
 * The same URL, signature and timeout answer `{"recentFor","limit"}` with `{"orders": [facts…]}`, the consumer's
 * recent orders; a platform that answers anything else to it (an older one: 400 or 404) just offers no choices.
 */
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { postSigned, type SignedAnswer } from '../events/signed-request.js';
import { AnswerCache } from './answer-cache.js';
import { orderFactsSchema, type OrderFacts, type OrderLookup, type OrderLookupResult } from './order-facts.js';

export interface HttpOrderLookupOptions {
  url: string;
  secret: string;
  timeoutMs: number;
  /** Answers kept this long (found and not found; unavailable is never cached, so the next try asks again). */
  cacheMs?: number;
  cacheSize?: number;
  now: Clock;
}

/** At most this many recent orders are read from an answer, whatever `limit` was asked (bounded work per consumer). */
const RECENT_MAX = 20;
const recentAnswerSchema = z.object({ orders: z.array(orderFactsSchema).max(RECENT_MAX) });

export class HttpOrderLookup implements OrderLookup {
  private readonly orders: AnswerCache<OrderLookupResult>;
  private readonly recentOrders: AnswerCache<OrderFacts[]>;

  constructor(private readonly o: HttpOrderLookupOptions) {
    this.orders = new AnswerCache(o.cacheMs ?? 60_000, o.cacheSize ?? 500, o.now);
    this.recentOrders = new AnswerCache(o.cacheMs ?? 60_000, o.cacheSize ?? 500, o.now);
  }

  async find(orderId: string, consumerId: string | null): Promise<OrderLookupResult> {
    const key = JSON.stringify([orderId, consumerId]);
    const hit = this.orders.get(key);
    if (hit) return hit;
    const result = await this.ask(orderId, consumerId);
    if (result.kind !== 'unavailable') this.orders.set(key, result);
    return result;
  }

  async recent(consumerId: string | null, limit: number): Promise<OrderFacts[]> {
    // An anonymous consumer has no orders anyone could name.
    if (!consumerId || limit < 1) return [];
    const key = JSON.stringify([consumerId, limit]);
    const hit = this.recentOrders.get(key);
    if (hit) return hit;
    const answer = await this.post({ recentFor: consumerId, limit }).catch(() => undefined);
    // No answer in time, a server error or a refusal: no choices this time, and the next order step asks again.
    // 400 and 404 are an answer (a platform without the question, a consumer it does not know), kept like one.
    if (!answer || ![200, 400, 404].includes(answer.status)) return [];
    const parsed = answer.status === 200 ? recentAnswerSchema.safeParse(parseJson(answer.text)) : undefined;
    const orders = parsed?.success ? parsed.data.orders.slice(0, limit) : [];
    this.recentOrders.set(key, orders);
    // The platform just told these orders' facts: the submit's look-up of the one chosen needs no second request.
    for (const o of orders) this.orders.set(JSON.stringify([o.orderId, consumerId]), { kind: 'found', facts: o });
    return orders;
  }

  private post(body: object): Promise<SignedAnswer> {
    return postSigned({ url: this.o.url, secret: this.o.secret, body: JSON.stringify(body), timeoutMs: this.o.timeoutMs, now: this.o.now });
  }

  private async ask(orderId: string, consumerId: string | null): Promise<OrderLookupResult> {
    try {
      const answer = await this.post({ orderId, consumerId });
      if (answer.status === 404) return { kind: 'not_found' };
      if (answer.status !== 200) return { kind: 'unavailable', reason: `the order system answered ${answer.status}` };
      const parsed = orderFactsSchema.safeParse(JSON.parse(answer.text));
      if (!parsed.success) return { kind: 'unavailable', reason: 'the order system\'s answer did not match the contract' };
      return { kind: 'found', facts: parsed.data };
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError') return { kind: 'unavailable', reason: `the order system did not answer within ${this.o.timeoutMs} ms` };
      if (e instanceof SyntaxError) return { kind: 'unavailable', reason: 'the order system\'s answer was not JSON' };
      return { kind: 'unavailable', reason: 'the order system could not be reached' };
    }
  }
}

function parseJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}
