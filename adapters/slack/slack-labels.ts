/** Words agents read in Slack for our enum values. */
export const STATUS_LABEL: Record<string, string> = {
  intake: 'in intake', queued: 'waiting in the queue', claimed: 'claimed', investigating: 'investigating',
  resolution_proposed: 'resolution proposed', resolved: 'resolved', closed: 'closed', escalated: 'escalated',
  in_review: 'in review (consumer rejected the proposal)', reopened: 'reopened', cancelled: 'cancelled',
};

export const TIER_ICON: Record<string, string> = { high: '🔴', medium: '🟠', low: '🟢' };

export const human = (s: string) => s.replace(/_/g, ' ');

/** `<!date^…>` renders in each reader's own time zone; the fallback is UTC. */
export function slackDate(ms: number): string {
  const fallback = new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback} UTC>`;
}
