/**
 * Finds cases by what an agent types into the console's search: a case number, an order number or a consumer id.
 * Through the store, so a case the eviction sweep moved to the archive is found like one Redis holds.
 *
 * @example
 * await lookUpCases(store, 'RD-20261124-0042'); // or 'A12345678', or 'webchat:u-1001'
 */
import type { Complaint } from './complaint.types.js';
import type { RedisComplaintStore } from './redis-complaint.store.js';

const CASE_NUMBER = /^RD-\d{8}-\d{4,}$/i;

export async function lookUpCases(store: Pick<RedisComplaintStore, 'get' | 'listByOrder' | 'listByConsumer'>, term: string, limit = 50): Promise<Complaint[]> {
  const t = term.trim();
  if (!t) return [];
  const [byNumber, byOrder, byConsumer] = await Promise.all([
    CASE_NUMBER.test(t) ? store.get(t.toUpperCase()) : null,
    store.listByOrder(t),
    store.listByConsumer(t, limit),
  ]);
  const found = new Map<string, Complaint>();
  for (const c of [...(byNumber ? [byNumber] : []), ...byOrder, ...byConsumer]) found.set(c.id, c);
  return [...found.values()].sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
}
