/**
 * The consumer's earlier complaints on the case post, so the agent sees a repeat complainant at a glance:
 * the newest few with number, status in words and date, and a count of the rest (all are in the console).
 */
import type { types } from '@slack/bolt';
import type { Complaint } from '../../src/complaints/complaint.types.js';
import { STATUS_LABEL } from './slack-labels.js';
import { LIMITS } from './slack-limits.js';
import { clip, escapeMrkdwn } from './slack-text.js';

/** Shown one by one; the rest are counted. */
export const HISTORY_SHOWN = 3;
/** How many earlier cases are read at most (a count past this reads "100 or more"). */
export const HISTORY_READ = 100;

/** `{date_short}` renders in each reader's zone; the fallback is the UTC date. */
const day = (ms: number) => `<!date^${Math.floor(ms / 1000)}^{date_short}|${new Date(ms).toISOString().slice(0, 10)}>`;

/** A context line, or null for a first complaint. `all` is the consumer's cases as read (the current one included). */
export function historyBlock(current: Complaint, all: Complaint[]): types.ContextBlock | null {
  const earlier = all.filter((c) => c.id !== current.id && c.createdAt <= current.createdAt).sort((a, b) => b.createdAt - a.createdAt);
  if (!earlier.length) return null;
  const shown = earlier.slice(0, HISTORY_SHOWN).map((c) => `*${escapeMrkdwn(c.id)}* ${STATUS_LABEL[c.status] ?? escapeMrkdwn(c.status)} (${day(c.createdAt)})`);
  const rest = earlier.length - shown.length;
  const more = rest > 0 ? ` · and ${rest}${all.length >= HISTORY_READ ? ' or more' : ''} earlier` : '';
  const label = earlier.length === 1 ? '1 earlier complaint' : `${earlier.length}${all.length >= HISTORY_READ ? '+' : ''} earlier complaints`;
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(`🗂 ${label}: ${shown.join(' · ')}${more}`, LIMITS.sectionText) }] };
}
