import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, isOpen } from '../../src/complaints/complaint-state-machine.js';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '../../src/complaints/complaint.types.js';
import { isRedressError } from '../../src/errors.js';

// The lifecycle as the design states it, written out independently of the module under test.
const LEGAL: Record<ComplaintStatus, ComplaintStatus[]> = {
  intake: ['queued', 'cancelled'],
  queued: ['claimed', 'escalated', 'cancelled'],
  claimed: ['queued', 'investigating', 'resolution_proposed', 'resolved', 'escalated', 'cancelled'],
  investigating: ['resolution_proposed', 'resolved', 'escalated', 'queued'],
  resolution_proposed: ['resolved', 'in_review', 'investigating', 'escalated'],
  in_review: ['claimed', 'investigating', 'resolution_proposed', 'resolved', 'escalated'],
  escalated: ['claimed', 'investigating', 'resolution_proposed', 'resolved', 'in_review'],
  resolved: ['closed', 'reopened'],
  reopened: ['claimed', 'investigating', 'resolution_proposed', 'resolved', 'escalated'],
  closed: ['reopened'],
  cancelled: [],
};

const pairs = COMPLAINT_STATUSES.flatMap((from) => COMPLAINT_STATUSES.map((to) => [from, to] as const));

describe('complaint state machine', () => {
  it.each(pairs.filter(([f, t]) => LEGAL[f].includes(t)))('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition('RD-20261124-0001', from, to)).not.toThrow();
  });

  it.each(pairs.filter(([f, t]) => !LEGAL[f].includes(t)))('rejects %s → %s naming the allowed next states', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let err: unknown;
    try {
      assertTransition('RD-20261124-0001', from, to);
    } catch (e) {
      err = e;
    }
    expect(isRedressError(err, 'complaint.illegal_transition')).toBe(true);
    const message = (err as Error).message;
    expect(message).toContain('RD-20261124-0001');
    expect(message).toContain(`Allowed next: ${LEGAL[from].length ? LEGAL[from].join(', ') : 'none'}.`);
    expect((err as { details: unknown }).details).toEqual({ id: 'RD-20261124-0001', from, to });
  });

  it('never lets a case move backwards into intake or out of cancelled', () => {
    for (const s of COMPLAINT_STATUSES) expect(canTransition(s, 'intake')).toBe(false);
    for (const s of COMPLAINT_STATUSES) expect(canTransition('cancelled', s)).toBe(false);
  });

  it('knows which statuses are still somebody\'s work', () => {
    const closedOnes = COMPLAINT_STATUSES.filter((s) => !isOpen(s));
    expect(closedOnes.sort()).toEqual(['cancelled', 'closed', 'resolved']);
  });
});
