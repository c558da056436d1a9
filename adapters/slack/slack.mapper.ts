/**
 * Pure mapping between Redress and Slack: a complaint becomes a Block Kit message for the queue channel,
 * timeline events become lines in the case's thread, and modal submissions become operation inputs.
 * Every piece of user text passes through `escapeMrkdwn`, so a consumer can never write `<!channel>` or a
 * disguised link into the agents' workspace.
 */
import type { types } from '@slack/bolt';
import type { SupervisorAlert } from '../../src/agents/agent-workspace.port.js';
import { canTransition } from '../../src/complaints/complaint-state-machine.js';
import type { Complaint, TimelineEvent } from '../../src/complaints/complaint.types.js';
import { RESOLUTIONS, type DesiredResolution } from '../../src/triage/triage.types.js';

type Block = types.KnownBlock;

/** Button action ids; the button's value is the complaint id. */
export const ACTIONS = {
  claim: 'redress_claim',
  investigate: 'redress_investigate',
  propose: 'redress_propose',
  resolve: 'redress_resolve',
  escalate: 'redress_escalate',
} as const;
export type ActionKind = keyof typeof ACTIONS;

/** Modal callback ids; the modal's private_metadata is the complaint id. */
export const VIEWS = { propose: 'redress_propose_view', escalate: 'redress_escalate_view' } as const;

export interface SlackMessage {
  /** Plain fallback for notifications and screen readers (also escaped). */
  text: string;
  blocks?: Block[];
}

/** Slack's three control characters; everything else in mrkdwn is harmless once these are escaped. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * An agent's Slack message as plain text for the consumer: links become "label (url)", mentions and channel
 * references a readable name, and Slack's escapes are undone.
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/<[@#!][^|>]*\|([^>]+)>/g, '$1')
    .replace(/<[@#!][^>]*>/g, '') // a mention of a colleague means nothing to the consumer
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .trim();
}

const STATUS_LABEL: Record<string, string> = {
  intake: 'in intake', queued: 'waiting in the queue', claimed: 'claimed', investigating: 'investigating',
  resolution_proposed: 'resolution proposed', resolved: 'resolved', closed: 'closed', escalated: 'escalated',
  in_review: 'in review (consumer rejected the proposal)', reopened: 'reopened', cancelled: 'cancelled',
};
const TIER_ICON: Record<string, string> = { high: '🔴', medium: '🟠', low: '🟢' };

const human = (s: string) => s.replace(/_/g, ' ');

/** `<!date^…>` renders in each reader's own time zone; the fallback is UTC. */
export function slackDate(ms: number): string {
  const fallback = new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback} UTC>`;
}

export function emotionFlags(c: Complaint): string[] {
  const { anger, anxiety } = c.triage.emotion;
  const out: string[] = [];
  if (anger.flagged) out.push(`😠 angry ${Math.round(anger.intensity)}`);
  if (anxiety.flagged) out.push(`😟 anxious ${Math.round(anxiety.intensity)}`);
  return out;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function button(kind: ActionKind, label: string, id: string, style?: 'primary' | 'danger'): types.Button {
  return { type: 'button', action_id: ACTIONS[kind], value: id, text: { type: 'plain_text', text: label }, ...(style ? { style } : {}) };
}

/** Only the moves the state machine allows from the current status. */
export function caseButtons(c: Complaint): types.Button[] {
  const can = (to: Parameters<typeof canTransition>[1]) => canTransition(c.status, to);
  const out: types.Button[] = [];
  if (can('claimed')) out.push(button('claim', 'Claim', c.id, 'primary'));
  if (c.assigneeId && can('investigating')) out.push(button('investigate', 'Mark investigating', c.id));
  if (c.assigneeId && can('resolution_proposed')) out.push(button('propose', 'Propose…', c.id));
  if (c.assigneeId && can('resolved')) out.push(button('resolve', 'Resolve', c.id));
  if (can('escalated')) out.push(button('escalate', 'Escalate…', c.id, 'danger'));
  return out;
}

/** The case as the queue channel shows it. `names` maps agent ids to display names. */
export function toCaseMessage(c: Complaint, names: ReadonlyMap<string, string>): SlackMessage {
  const tier = c.triage.tier;
  const assignee = c.assigneeId ? escapeMrkdwn(names.get(c.assigneeId) ?? c.assigneeId) : '_nobody yet_';
  const flags = emotionFlags(c);
  const pending = c.triage.deadlines.filter((d) => c.slaMet[d.kind] === undefined).sort((a, b) => a.dueAt - b.dueAt);
  const lines = [
    `${TIER_ICON[tier] ?? ''} *${tier} tier* · priority *${c.triage.priority}* · ${STATUS_LABEL[c.status] ?? c.status}`,
    flags.length ? flags.join(' · ') : 'no emotion flags',
    `*Assignee:* ${assignee}${c.orderId ? ` · *Order:* ${escapeMrkdwn(c.orderId)}` : ''} · *Wants:* ${human(c.desiredResolution)}`,
  ];
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`${c.id} · ${human(c.category)}`, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
    { type: 'section', text: { type: 'mrkdwn', text: `>${clip(escapeMrkdwn(c.description || '(no description)'), 2800).replace(/\n/g, '\n>')}` } },
  ];
  if (c.triage.reasons.length) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(`*Why:* ${c.triage.reasons.map(escapeMrkdwn).join('; ')}`, 2900) }] });
  }
  if (pending.length) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: pending.map((d) => `⏱ ${human(d.kind)} by ${slackDate(d.dueAt)}`).join(' · ') }] });
  }
  const buttons = caseButtons(c);
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'redress_actions', elements: buttons });
  const text = `${c.id} (${human(c.category)}, ${tier} tier, priority ${c.triage.priority}): ${STATUS_LABEL[c.status] ?? c.status}${flags.length ? ` ${flags.join(' ')}` : ''}`;
  return { text, blocks };
}

/** A timeline event as a message in the case's thread; null when agents needn't see it there. */
export function toThreadMessage(e: TimelineEvent, names: ReadonlyMap<string, string>): SlackMessage | null {
  const who = escapeMrkdwn(e.actor.kind === 'agent' ? (names.get(e.actor.id) ?? e.actor.id) : e.actor.kind === 'consumer' ? 'Consumer' : 'Redress');
  const str = (k: string) => (typeof e.data?.[k] === 'string' ? escapeMrkdwn(e.data[k] as string) : '');
  const context = (text: string): SlackMessage => ({ text, blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text }] }] });
  switch (e.type) {
    case 'consumer_message': {
      const text = str('text') || (e.data?.attachment ? '(sent an attachment)' : '');
      return text ? { text: `💬 *Consumer:* ${text}` } : null;
    }
    case 'attached': return context(`📎 Consumer added evidence${str('description') ? `: ${str('description')}` : ''}`);
    case 'agent_reply': return str('text') ? { text: `↩️ *${who}* (to the consumer): ${str('text')}` } : null;
    case 'internal_note': return context(`📝 ${who} (note): ${str('text')}`);
    case 'claimed': return context(`🙋 Claimed by ${who}`);
    case 'released': return context(`↩️ Released by ${who}`);
    case 'transferred': return context(`🔀 Transferred by ${who} to ${escapeMrkdwn(names.get(String(e.data?.to)) ?? String(e.data?.to))}`);
    case 'status_changed': {
      const to = String(e.data?.to ?? '');
      if (to === 'claimed') return null; // the 'claimed' line already says it
      return context(`➡️ ${who}: ${STATUS_LABEL[to] ?? escapeMrkdwn(to)}${str('note') ? ` — ${str('note')}` : ''}${str('summary') ? ` — ${str('summary')}` : ''}`);
    }
    case 'proposal': return context(`💡 ${who} proposed ${human(String(e.data?.resolution ?? ''))}${Number(e.data?.amount) ? ` (${Number(e.data?.amount)})` : ''}: ${str('text')}`);
    case 'proposal_accepted': return context('✅ The consumer accepted the proposal');
    case 'proposal_rejected': return context(`❌ The consumer rejected the proposal${str('reason') ? `: ${str('reason')}` : ''}`);
    case 'rated': return context(`⭐ Rated ${Number(e.data?.score)}/5${str('comment') ? `: ${str('comment')}` : ''}`);
    case 'escalated': return context(`🚨 Escalated by ${who}: ${str('reason')}`);
    case 'sla_breached': return context(`⏰ SLA missed: ${human(String(e.data?.kind ?? ''))}`);
    case 'delivery_failed': return context(`⚠️ A message to the consumer could not be delivered: ${str('error')}`);
    default: return null;
  }
}

export function toAlertMessage(a: SupervisorAlert): SlackMessage {
  const icon = a.kind === 'sla_breached' ? '⏰' : a.kind === 'escalated' ? '🚨' : '📈';
  const text = `${icon} ${escapeMrkdwn(a.text)}`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

const input = (block_id: string, label: string, element: types.InputBlockElement, optional = false): Block => ({
  type: 'input', block_id, optional, label: { type: 'plain_text', text: label }, element,
});

export function proposeView(complaintId: string): types.View {
  return {
    type: 'modal', callback_id: VIEWS.propose, private_metadata: complaintId,
    title: { type: 'plain_text', text: 'Propose a resolution' }, submit: { type: 'plain_text', text: 'Propose' },
    blocks: [
      input('resolution', 'Resolution', {
        type: 'static_select', action_id: 'value',
        options: RESOLUTIONS.map((r) => ({ text: { type: 'plain_text', text: human(r) }, value: r })),
      }),
      input('amount', 'Amount (0 when none)', { type: 'number_input', action_id: 'value', is_decimal_allowed: true, min_value: '0' }, true),
      input('text', 'What you propose, in words for the consumer', { type: 'plain_text_input', action_id: 'value', multiline: true }),
    ],
  };
}

export function escalateView(complaintId: string): types.View {
  return {
    type: 'modal', callback_id: VIEWS.escalate, private_metadata: complaintId,
    title: { type: 'plain_text', text: 'Escalate' }, submit: { type: 'plain_text', text: 'Escalate' },
    blocks: [input('reason', 'Why does this need a supervisor?', { type: 'plain_text_input', action_id: 'value', multiline: true })],
  };
}

/** The shape of `view.state.values` we read: block id → action id → selected value or text. */
export type ViewValues = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>;

export function readProposal(values: ViewValues): { text: string; resolution: DesiredResolution; amount: number } {
  const v = (b: string) => values[b]?.value;
  const resolution = v('resolution')?.selected_option?.value ?? '';
  const raw = v('amount')?.value;
  return {
    text: v('text')?.value ?? '',
    resolution: (RESOLUTIONS as readonly string[]).includes(resolution) ? (resolution as DesiredResolution) : RESOLUTIONS[0],
    amount: raw === undefined || raw === null || raw === '' ? 0 : Number(raw),
  };
}

export function readEscalation(values: ViewValues): string {
  return values.reason?.value?.value ?? '';
}
