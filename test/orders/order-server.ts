/**
 * A platform's order system as the README's contract describes it: verifies every look-up's signature with its
 * own secret (401 otherwise), answers 404 for unknown orders and 200 with the facts for known ones; asked
 * `{"recentFor","limit"}`, answers `{"orders": […]}` with that consumer's orders, newest first (or, set `recent`
 * to 'unsupported', 400 like a platform that predates the question).
 */
import type { ServerResponse } from 'node:http';
import type { OrderFacts } from '../../src/orders/order-facts.js';
import { SignedHttpServer } from '../helpers/signed-http-server.js';

export class OrderServer {
  readonly requests: Array<{ orderId: string; consumerId: string | null }> = [];
  readonly recentRequests: Array<{ recentFor: string; limit: number }> = [];
  recent: 'answer' | 'unsupported' = 'answer';
  /** Recent-order answers for these consumers come this much later (a platform that hangs). */
  slowRecent = new Map<string, number>();
  /** Answers slower than this for these orders (a platform that hangs). */
  slow = new Map<string, number>();
  private readonly server: SignedHttpServer;
  url = '';

  constructor(secret: string, private readonly orders: OrderFacts[]) {
    this.server = new SignedHttpServer(secret, (body, res) => {
      const question = JSON.parse(body) as { orderId: string; consumerId: string | null } | { recentFor: string; limit: number };
      if ('recentFor' in question) {
        this.answerRecent(question, res);
        return;
      }
      const ask = question;
      this.requests.push(ask);
      const facts = this.orders.find((o) => o.orderId === ask.orderId);
      const answer = () => (facts ? res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(facts)) : res.writeHead(404).end());
      const delay = this.slow.get(ask.orderId);
      if (delay) setTimeout(answer, delay);
      else answer();
    });
  }

  get badSignatures(): number {
    return this.server.badSignatures;
  }

  async start(): Promise<void> {
    this.url = `${await this.server.start()}/orders/lookup`;
  }

  private answerRecent(ask: { recentFor: string; limit: number }, res: ServerResponse): void {
    this.recentRequests.push(ask);
    if (this.recent === 'unsupported') {
      res.writeHead(400).end();
      return;
    }
    const orders = this.orders.filter((o) => o.consumerId === ask.recentFor).sort((a, b) => b.orderedAt.localeCompare(a.orderedAt)).slice(0, ask.limit);
    const answer = () => res.writeHead(orders.length ? 200 : 404, { 'content-type': 'application/json' }).end(orders.length ? JSON.stringify({ orders }) : '');
    const delay = this.slowRecent.get(ask.recentFor);
    if (delay) setTimeout(answer, delay);
    else answer();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}
