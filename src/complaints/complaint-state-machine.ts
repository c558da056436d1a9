import { RedressError } from '../errors.js';
import type { ComplaintStatus } from './complaint.types.js';

/**
 * Every allowed move of a complaint. Anything else is rejected with `complaint.illegal_transition`,
 * so a double click or a stale console can never push a case backwards.
 */
const TRANSITIONS: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
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

/** Statuses in which a case is still somebody's work. */
export const OPEN_STATUSES: readonly ComplaintStatus[] = [
  'intake', 'queued', 'claimed', 'investigating', 'resolution_proposed', 'in_review', 'escalated', 'reopened',
];

export function canTransition(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(id: string, from: ComplaintStatus, to: ComplaintStatus): void {
  if (!canTransition(from, to)) {
    throw new RedressError(
      'complaint.illegal_transition',
      `Complaint ${id} is ${from}; it cannot move to ${to}. Allowed next: ${TRANSITIONS[from].join(', ') || 'none'}.`,
      { id, from, to },
    );
  }
}

export function isOpen(status: ComplaintStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
