/**
 * Pure mapping between Redress and Slack: a complaint becomes a Block Kit message for the queue channel,
 * timeline events become lines in the case's thread (slack-thread.mapper.ts), and modal submissions become
 * operation inputs. Consumer text goes into plain_text blocks and anything user-made in a mrkdwn line through
 * `escapeMrkdwn` (slack-text.ts), so a consumer can never format, mention (`<!channel>`) or disguise a link;
 * everything is kept inside Slack's limits (slack-limits.ts), since one broken limit rejects the whole message.
 */
import type { types } from '@slack/bolt';
import { OPEN_STATUSES, canTransition } from '../../src/complaints/complaint-state-machine.js';
import type { Complaint } from '../../src/complaints/complaint.types.js';
import { RESOLUTIONS, type DesiredResolution } from '../../src/triage/triage.types.js';
import { evidenceBlocks } from './slack-evidence.js';
import { STATUS_LABEL, TIER_ICON, human, slackDate } from './slack-labels.js';
import { FALLBACK_TEXT, LIMITS } from './slack-limits.js';
import { bodyBlocks, clip, consolePointer, escapeMrkdwn } from './slack-text.js';
import type { RenderOptions, SlackMessage } from './slack-thread.mapper.js';

export { escapeMrkdwn } from './slack-text.js';
export { slackDate } from './slack-labels.js';
export { toAlertMessage, toThreadMessage, type RenderOptions, type SlackMessage } from './slack-thread.mapper.js';

type Block = types.KnownBlock;

/** The description may take this many sections (30,000 characters) before it is cut with a console pointer. */
const DESCRIPTION_BLOCKS = 10;
/** What agents may type into a modal: Slack allows plain_text_input max_length up to 3,000. */
export const MODAL_TEXT_MAX = LIMITS.inputMaxLength;

/** Button action ids; the button's value is the complaint id. */
export const ACTIONS = {
  claim: 'redress_claim',
  investigate: 'redress_investigate',
  propose: 'redress_propose',
  resolve: 'redress_resolve',
  escalate: 'redress_escalate',
  release: 'redress_release',
  transfer: 'redress_transfer',
  reopen: 'redress_reopen',
  /** On the ephemeral refusal a supervisor sees when a proposal still waits: resolve anyway, with a reason. */
  resolveOverride: 'redress_resolve_override',
  /** Opens the canned-reply modal (slack-kb.ts): the case's matching templates, filled in for it. */
  replyTemplate: 'redress_reply_template',
  /** Opens the ask-the-merchant modal (slack-merchant.views.ts): a question and a deadline in hours. */
  askMerchant: 'redress_ask_merchant',
} as const;
export type ActionKind = keyof typeof ACTIONS;

/** Modal callback ids; the modal's private_metadata is the complaint id. */
export const VIEWS = {
  propose: 'redress_propose_view', escalate: 'redress_escalate_view',
  transfer: 'redress_transfer_view', reopen: 'redress_reopen_view', resolveOverride: 'redress_resolve_override_view',
  replyTemplate: 'redress_reply_template_view', askMerchant: 'redress_ask_merchant_view',
} as const;

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

export function emotionFlags(c: Complaint): string[] {
  const { anger, anxiety } = c.triage.emotion;
  const out: string[] = [];
  if (anger.flagged) out.push(`😠 angry ${Math.round(anger.intensity)}`);
  if (anxiety.flagged) out.push(`😟 anxious ${Math.round(anxiety.intensity)}`);
  return out;
}

const isOpen = (s: Complaint['status']) => OPEN_STATUSES.includes(s);

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
  if (c.assigneeId && can('queued')) out.push(button('release', 'Release', c.id));
  if (c.assigneeId && isOpen(c.status)) out.push(button('transfer', 'Transfer…', c.id));
  if (c.assigneeId && isOpen(c.status)) out.push(button('replyTemplate', 'Reply with a template…', c.id));
  if (c.assigneeId && isOpen(c.status)) out.push(button('askMerchant', 'Ask the merchant…', c.id));
  if (can('reopened')) out.push(button('reopen', 'Reopen…', c.id));
  return out;
}

/** The case as the queue channel shows it. `names` maps agent ids to display names. */
export function toCaseMessage(c: Complaint, names: ReadonlyMap<string, string>, o: RenderOptions = {}): SlackMessage {
  const tier = c.triage.tier;
  const assignee = c.assigneeId ? escapeMrkdwn(names.get(c.assigneeId) ?? c.assigneeId) : '_nobody yet_';
  const flags = emotionFlags(c);
  const pending = c.triage.deadlines.filter((d) => c.slaMet[d.kind] === undefined).sort((a, b) => a.dueAt - b.dueAt);
  const lines = [
    `${TIER_ICON[tier] ?? ''} *${tier} tier* · priority *${c.triage.priority}* · ${STATUS_LABEL[c.status] ?? c.status}`,
    flags.length ? flags.join(' · ') : 'no emotion flags',
    `*Assignee:* ${assignee}${c.orderId ? ` · *Order:* ${escapeMrkdwn(c.orderId)}` : ''} · *Wants:* ${human(c.desiredResolution)}`,
  ];
  // The name is the consumer's own words (a Telegram profile, the shop's claim): escaped like every user-made text.
  if (c.consumerName) lines.splice(1, 0, `*Consumer:* ${escapeMrkdwn(c.consumerName)}`);
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`${c.id} · ${human(c.category)}`, LIMITS.header) } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(lines.join('\n'), LIMITS.sectionText) } },
    ...bodyBlocks(c.description || '(no description)', { maxBlocks: DESCRIPTION_BLOCKS, cutNote: consolePointer(c.id, o.publicUrl) }),
    ...evidenceBlocks(o.evidence ?? [], consolePointer(c.id, o.publicUrl)),
  ];
  if (o.history) blocks.push(o.history);
  if (c.triage.reasons.length) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(`*Why:* ${c.triage.reasons.map(escapeMrkdwn).join('; ')}`, LIMITS.sectionText) }] });
  }
  if (pending.length) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: pending.map((d) => `⏱ ${human(d.kind)} by ${slackDate(d.dueAt)}`).join(' · ') }] });
  }
  const buttons = caseButtons(c);
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'redress_actions', elements: buttons });
  const text = `${c.id} (${human(c.category)}, ${tier} tier, priority ${c.triage.priority}): ${STATUS_LABEL[c.status] ?? c.status}${flags.length ? ` ${flags.join(' ')}` : ''}`;
  return { text: clip(text, FALLBACK_TEXT), blocks };
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
      input('amount', 'Amount (empty when none)', { type: 'number_input', action_id: 'value', is_decimal_allowed: true, min_value: '0' }, true),
      input('text', 'What you propose, in words for the consumer', { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: MODAL_TEXT_MAX }),
    ],
  };
}

export function escalateView(complaintId: string): types.View {
  return {
    type: 'modal', callback_id: VIEWS.escalate, private_metadata: complaintId,
    title: { type: 'plain_text', text: 'Escalate' }, submit: { type: 'plain_text', text: 'Escalate' },
    blocks: [input('reason', 'Why does this need a supervisor?', { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: MODAL_TEXT_MAX })],
  };
}

/** The shape of `view.state.values` we read: block id → action id → selected value or text. */
export type ViewValues = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>;

/** The amount stays as typed: AgentOperations parses it strictly (compensation-amount.ts), like the console's. */
export function readProposal(values: ViewValues): { text: string; resolution: DesiredResolution; amount: string | undefined } {
  const v = (b: string) => values[b]?.value;
  const resolution = v('resolution')?.selected_option?.value ?? '';
  const raw = v('amount')?.value;
  return {
    text: v('text')?.value ?? '',
    resolution: (RESOLUTIONS as readonly string[]).includes(resolution) ? (resolution as DesiredResolution) : RESOLUTIONS[0],
    amount: raw === undefined || raw === null ? undefined : String(raw),
  };
}

export function readEscalation(values: ViewValues): string {
  return values.reason?.value?.value ?? '';
}
