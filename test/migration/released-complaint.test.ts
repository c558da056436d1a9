// What the migration makes of released (or older, hand-edited) complaint JSON: defaults it may fill, and skips.
import { describe, expect, it } from 'vitest';
import { readReleasedCase } from '../../src/migration/released-complaint.js';

const base = {
  id: 'RD-20261124-0042', status: 'queued', consumerId: 'telegram:42', address: { channel: 'telegram', conversationId: '42' },
  createdAt: 1_764_000_000_000, category: 'late_delivery', orderId: null, description: 'Late.', desiredResolution: 'refund', locale: 'en',
  triage: { category: 'late_delivery', tier: 'low', priority: 30, deadlines: [], reasons: [], emotion: { anger: { flagged: false, intensity: 0 }, anxiety: { flagged: false, intensity: 0 }, cues: [] } },
};
const event = JSON.stringify({ at: 1, type: 'created', actor: { kind: 'consumer', id: 'telegram:42' } });

describe('released complaint JSON', () => {
  it('a case lacking optional bookkeeping gets the documented defaults, and keeps what it has', () => {
    const r = readReleasedCase(base.id, JSON.stringify(base), [event]);
    expect(r.ok && r.complaint).toMatchObject({
      version: 1, assigneeId: null, proposal: null, rating: null, slaMet: {}, evidence: [], texts: [], updatedAt: base.createdAt, description: 'Late.',
    });
    expect(r.ok && r.timeline).toEqual([JSON.parse(event)]);
    const kept = readReleasedCase(base.id, JSON.stringify({ ...base, version: 7, assigneeId: 'a-ling', texts: ['x'] }), []);
    expect(kept.ok && kept.complaint).toMatchObject({ version: 7, assigneeId: 'a-ling', texts: ['x'] });
  });

  it.each([
    ['not JSON', '{', [], 'not JSON'],
    ['another id', JSON.stringify({ ...base, id: 'RD-1' }), [], 'another id'],
    ['an unknown status', JSON.stringify({ ...base, status: 'lost' }), [], 'unknown status'],
    ['no triage', JSON.stringify({ ...base, triage: undefined }), [], 'no triage'],
    ['no address', JSON.stringify({ ...base, address: {} }), [], 'no conversation address'],
    ['a broken timeline entry', JSON.stringify(base), [event, 'oops'], 'timeline entry 1'],
  ])('is skipped, with the reason, for %s', (_what, raw, timeline, reason) => {
    const r = readReleasedCase(base.id, raw, timeline);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(reason);
  });
});
