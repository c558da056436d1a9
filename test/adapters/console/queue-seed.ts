/**
 * Seeds many open cases fast, through the real store (its create script: complaint, timeline, open and status
 * indexes, change record) and the real queue index, in parallel batches. Case i has distinct, predictable
 * values so tests can find it: number `RD-20261201-<i, 5 digits>`, order `ORD-<100000 + i>`, consumer
 * `c-<i>` named `Consumer <i>`, createdAt = base + i seconds, priority i % 100.
 */
import type { CaseQueueIndex } from '../../../src/agents/case-queue-index.js';
import type { RedisChangeLog } from '../../../src/changes/change-log.js';
import type { Complaint, TimelineEvent } from '../../../src/complaints/complaint.types.js';
import type { RedisComplaintStore } from '../../../src/complaints/redis-complaint.store.js';
import { CATEGORIES, type RiskTier } from '../../../src/triage/triage.types.js';

export const SEED_BASE = Date.parse('2026-12-01T00:00:00Z');
export const seedId = (i: number) => `RD-20261201-${String(i).padStart(5, '0')}`;
export const seedOrder = (i: number) => `ORD-${100000 + i}`;
const CHANNELS = ['webchat', 'telegram'];

export function seedCase(i: number, over: Partial<Complaint> = {}): Complaint {
  const priority = i % 100;
  const tier: RiskTier = priority >= 80 ? 'high' : priority >= 40 ? 'medium' : 'low';
  const category = CATEGORIES[i % CATEGORIES.length]!;
  const description = `Order ${seedOrder(i)} problem number ${i}: the parcel is late.`;
  const createdAt = SEED_BASE + i * 1000;
  return {
    id: seedId(i), version: 1, status: 'queued', consumerId: `c-${i}`, consumerName: `Consumer ${i}`,
    address: { channel: CHANNELS[i % 2]!, conversationId: `conv-${i}`, userId: `u-${i}` },
    category, orderId: seedOrder(i), description, evidence: [], desiredResolution: 'refund', locale: 'en', texts: [description],
    triage: {
      category, tier, priority, deadlines: [{ kind: 'first_response', dueAt: createdAt + 30 * 60_000 }],
      reasons: [`category ${category}: low tier unless another rule raises it`],
      emotion: { anger: { flagged: false, intensity: 0 }, anxiety: { flagged: false, intensity: 0 }, cues: [] },
    },
    assigneeId: null, proposal: null, rating: null, slaMet: {}, createdAt, updatedAt: createdAt,
    ...over,
  } as Complaint;
}

/**
 * Creates `count` cases from `from` (batches of `batch` in parallel), indexes them and settles their first change
 * as its side effects would (so later changes run theirs at once); returns how long it took in ms.
 */
export async function seedOpenCases(store: RedisComplaintStore, index: CaseQueueIndex, changes: RedisChangeLog, count: number, o: { from?: number; batch?: number; make?: (i: number) => Complaint } = {}): Promise<number> {
  const started = performance.now();
  const from = o.from ?? 0;
  const batch = o.batch ?? 250;
  for (let start = from; start < from + count; start += batch) {
    const ids = Array.from({ length: Math.min(batch, from + count - start) }, (_, k) => start + k);
    await Promise.all(ids.map(async (i) => {
      const c = (o.make ?? seedCase)(i);
      const events: TimelineEvent[] = [{ at: c.createdAt, type: 'created', actor: { kind: 'consumer', id: c.consumerId }, data: { texts: c.texts } }];
      await store.create(c, events, c.id, null);
      await index.write(c);
      await changes.complete(c.id, 1);
    }));
  }
  return performance.now() - started;
}
