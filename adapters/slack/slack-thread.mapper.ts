/**
 * Timeline events as lines in a case's thread, and supervisor alerts. Each line is one message: a mrkdwn
 * label we write ourselves (names escaped), then the untrusted body (consumer or agent text) as plain_text
 * sections, split to fit and cut with a console pointer only past what one message can hold.
 */
import type { types } from '@slack/bolt';
import type { SupervisorAlert } from '../../src/agents/agent-workspace.port.js';
import type { TimelineEvent } from '../../src/complaints/complaint.types.js';
import { STATUS_LABEL, human, slackDate } from './slack-labels.js';
import { FALLBACK_TEXT, LIMITS } from './slack-limits.js';
import { evidenceBlocks, type EvidenceRef } from './slack-evidence.js';
import { bodyBlocks, clip, consolePointer, escapeMrkdwn } from './slack-text.js';

export interface SlackMessage {
  /** Plain fallback for notifications and screen readers (escaped, clipped). */
  text: string;
  blocks?: types.KnownBlock[];
}

export interface RenderOptions {
  /** PUBLIC_URL, for links to the case in the console. */
  publicUrl?: string;
  /** Links to the evidence this message is about (the case's files, or the ones one event added). */
  evidence?: EvidenceRef[];
  /** `<@U…>` of the case owner's Slack user: their consumer's messages mention them, so Slack notifies them. */
  ownerMention?: string;
  /** The consumer's earlier complaints line for the case post (slack-history.ts). */
  history?: types.ContextBlock | null;
}

/** A line: `label` is mrkdwn we wrote (anything user-made in it already escaped); `body` is untrusted text. */
export function line(label: string, body: string | undefined, complaintId: string | undefined, o: RenderOptions, evidence: EvidenceRef[] = []): SlackMessage {
  const blocks: types.KnownBlock[] = [{ type: 'context', elements: [{ type: 'mrkdwn', text: clip(label, LIMITS.sectionText) }] }];
  const text = body?.trim();
  const cutNote = complaintId ? consolePointer(complaintId, o.publicUrl) : 'full text in the Redress console';
  const files = evidenceBlocks(evidence, cutNote);
  if (text) blocks.push(...bodyBlocks(text, { maxBlocks: LIMITS.messageBlocks - 1 - files.length, cutNote }));
  blocks.push(...files);
  return { text: clip(text ? `${label} ${escapeMrkdwn(text)}` : label, FALLBACK_TEXT), blocks };
}

/** A timeline event as a message in the case's thread; null when agents needn't see it there. */
export function toThreadMessage(e: TimelineEvent, names: ReadonlyMap<string, string>, complaintId?: string, o: RenderOptions = {}): SlackMessage | null {
  const who = escapeMrkdwn(e.actor.kind === 'agent' ? (names.get(e.actor.id) ?? e.actor.id) : e.actor.kind === 'consumer' ? 'Consumer' : 'Redress');
  const str = (k: string) => (typeof e.data?.[k] === 'string' ? (e.data[k] as string) : '');
  const l = (label: string, body?: string) => line(label, body, complaintId, o);
  const files = o.evidence ?? [];
  const forOwner = o.ownerMention ? ` (for ${o.ownerMention})` : '';
  switch (e.type) {
    case 'consumer_message':
      if (files.length) return line(`💬 *Consumer* added evidence${forOwner}${str('text').trim() ? ':' : ''}`, str('text'), complaintId, o, files);
      if (str('text').trim()) return l(`💬 *Consumer${forOwner}:*`, str('text'));
      return e.data?.attachment ? l(`💬 *Consumer${forOwner}:* (sent an attachment)`) : null;
    case 'attached': return line(`📎 Consumer added evidence${forOwner}${str('description') ? ':' : ''}`, str('description'), complaintId, o, files);
    case 'agent_reply': return str('text').trim() ? l(`↩️ *${who}* (to the consumer):`, str('text')) : null;
    case 'internal_note': return l(`📝 ${who} (note):`, str('text'));
    case 'claimed': return l(`🙋 Claimed by ${who}`);
    case 'released': return l(`↩️ Released by ${who}`);
    case 'transferred': return l(`🔀 Transferred by ${who} to ${escapeMrkdwn(names.get(String(e.data?.to)) ?? String(e.data?.to))}`);
    case 'status_changed': {
      const to = String(e.data?.to ?? '');
      if (to === 'claimed') return null; // the 'claimed' line already says it
      const override = str('override').trim() ? `Resolved while the proposal still waited for the consumer, because: ${str('override')}` : '';
      const body = [str('note'), str('summary'), override].filter((s) => s.trim()).join('\n\n');
      return l(`➡️ ${who}: ${STATUS_LABEL[to] ?? escapeMrkdwn(to)}${body ? ' —' : ''}`, body);
    }
    case 'proposal': {
      const amount = Number(e.data?.amount) ? ` (${Number(e.data?.amount)})` : '';
      return l(`💡 ${who} proposed ${escapeMrkdwn(human(String(e.data?.resolution ?? '')))}${amount}:`, str('text'));
    }
    case 'proposal_accepted': return l('✅ The consumer accepted the proposal');
    case 'proposal_rejected': return l(`❌ The consumer rejected the proposal${str('reason') ? ':' : ''}`, str('reason'));
    case 'rated': return l(`⭐ Rated ${Number(e.data?.score)}/5${str('comment') ? ':' : ''}`, str('comment'));
    case 'escalated': return l(`🚨 Escalated by ${who}:`, str('reason'));
    // The question only: the merchant's link is a credential, kept off a channel many people read (console card).
    case 'merchant_asked': {
      const due = Number(e.data?.dueAt);
      return l(`📨 ${who} asked the merchant${Number.isFinite(due) && due > 0 ? ` (answer due ${slackDate(due)})` : ''}:`, str('question'));
    }
    case 'sla_breached': return l(`⏰ SLA missed: ${escapeMrkdwn(human(String(e.data?.kind ?? '')))}`);
    case 'delivery_failed': return l('⚠️ A message to the consumer could not be delivered:', str('error'));
    case 'side_effect_failed': return l('⚠️ Redress could not complete part of this change after every retry:', str('summary'));
    default: return null;
  }
}

/** The alert's text comes from the core and carries agent-written reasons, so it is a body, not a label. */
export function toAlertMessage(a: SupervisorAlert, o: RenderOptions = {}): SlackMessage {
  const icon = a.kind === 'sla_breached' ? '⏰' : a.kind === 'escalated' ? '🚨' : a.kind === 'surge' ? '📈' : '⚠️';
  const cutNote = a.complaintId ? consolePointer(a.complaintId, o.publicUrl) : 'full text in the Redress console';
  return { text: clip(`${icon} ${escapeMrkdwn(a.text)}`, FALLBACK_TEXT), blocks: bodyBlocks(`${icon} ${a.text}`, { maxBlocks: LIMITS.messageBlocks, cutNote }) };
}
