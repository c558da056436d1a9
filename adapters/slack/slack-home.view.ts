/**
 * The App Home tab (pure Block Kit): the agent's own open cases and the queue's counts by tier. A home view
 * holds at most 100 blocks, so the list is cut with a count and a pointer to the console.
 */
import type { types } from '@slack/bolt';
import type { QueueIndexRow } from '../../src/agents/queue-row.js';
import { STATUS_LABEL, TIER_ICON, human } from './slack-labels.js';
import { LIMITS } from './slack-limits.js';
import { clip, escapeMrkdwn } from './slack-text.js';

/** Cases listed one by one on the home tab (one block each); the rest are counted. */
export const HOME_CASES = 40;

export const HOME_TIERS = ['high', 'medium', 'low'] as const;

export interface HomeData {
  /** The agent's name, or null when the Slack user maps to no agent. */
  agentName: string | null;
  /** The agent's open cases, highest priority first, at most HOME_CASES of them. */
  mine: Pick<QueueIndexRow, 'id' | 'tier' | 'category' | 'status' | 'orderId'>[];
  /** How many open cases the agent owns in all. */
  mineTotal: number;
  /** Per tier, the open cases and those of them nobody owns yet: exact counts from the queue index. */
  tiers: { tier: (typeof HOME_TIERS)[number]; open: number; waiting: number }[];
  publicUrl?: string;
}

const mrkdwn = (text: string): types.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) } });

function caseLine(c: HomeData['mine'][number]): string {
  const order = c.orderId ? ` · order ${escapeMrkdwn(c.orderId)}` : '';
  return `${TIER_ICON[c.tier] ?? ''} *${escapeMrkdwn(c.id)}* · ${escapeMrkdwn(human(c.category))} · ${STATUS_LABEL[c.status] ?? human(c.status)}${order}`;
}

function counts(d: HomeData): string {
  return d.tiers.map((t) => `${TIER_ICON[t.tier]} *${t.tier}*: ${t.waiting} waiting for an agent · ${t.open} open`).join('\n');
}

export function homeView(d: HomeData): types.HomeView {
  if (d.agentName === null) {
    return { type: 'home', blocks: [mrkdwn("You're not a registered Redress agent, so there are no cases here for you. Ask a supervisor to add your Slack user id (slackUserId) to AGENTS.")] };
  }
  const console = d.publicUrl ? `${d.publicUrl.replace(/\/+$/, '')}/console` : null;
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`Redress · ${d.agentName}`, LIMITS.header) } },
    mrkdwn(`*Your open cases (${d.mineTotal})*`),
  ];
  if (!d.mine.length) blocks.push(mrkdwn('_None right now. Claim one from the queue channel, or with /redress claim RD-…_'));
  blocks.push(...d.mine.slice(0, HOME_CASES).map((c) => mrkdwn(caseLine(c))));
  if (d.mineTotal > d.mine.length) blocks.push(mrkdwn(`…and ${d.mineTotal - d.mine.length} more${console ? `: <${console}|open the console>` : ' in the console'}`));
  blocks.push({ type: 'divider' }, mrkdwn('*The queue*'), mrkdwn(counts(d)));
  return { type: 'home', blocks };
}
