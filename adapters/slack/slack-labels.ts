/** Words agents read in Slack for our enum values. */
export const STATUS_LABEL: Record<string, string> = {
  intake: 'in intake', queued: 'waiting in the queue', claimed: 'claimed', investigating: 'investigating',
  resolution_proposed: 'resolution proposed', resolved: 'resolved', closed: 'closed', escalated: 'escalated',
  in_review: 'in review (consumer rejected the proposal)', reopened: 'reopened', cancelled: 'cancelled',
};

export const TIER_ICON: Record<string, string> = { high: '🔴', medium: '🟠', low: '🟢' };

export const human = (s: string) => s.replace(/_/g, ' ');
