/**
 * Modals for the moves beyond the first five buttons: Transfer (pick the agent), Reopen and a supervisor's
 * Resolve over a waiting proposal (both ask why). Pure Block Kit; every text input has `max_length` and every
 * label, option and title stays inside Slack's limits, since one broken limit makes views.open fail whole.
 */
import type { types } from '@slack/bolt';
import type { Agent } from '../../src/complaints/complaint.types.js';
import { LIMITS } from './slack-limits.js';
import { clip, escapeMrkdwn } from './slack-text.js';
import { ACTIONS, MODAL_TEXT_MAX, VIEWS, type ViewValues } from './slack.mapper.js';

/** A static_select holds at most 100 options. */
const MAX_OPTIONS = 100;

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: clip(text, max) });

const caseLine = (complaintId: string, what: string): types.SectionBlock => ({
  type: 'section', text: { type: 'mrkdwn', text: `${what} *${escapeMrkdwn(complaintId)}*` },
});

function reasonInput(label: string): types.InputBlock {
  return {
    type: 'input', block_id: 'reason', label: plain(label, 2000),
    element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: MODAL_TEXT_MAX },
  };
}

/** Transfer to any registered agent; AgentOperations decides who may. */
export function transferView(complaintId: string, agents: Agent[]): types.View {
  const options = [...agents]
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, MAX_OPTIONS)
    .map((a) => ({ text: plain(`${a.name}${a.role === 'supervisor' ? ' (supervisor)' : ''}`, LIMITS.buttonText), value: a.id.slice(0, 150) }));
  const blocks: types.KnownBlock[] = [caseLine(complaintId, 'Transfer')];
  blocks.push(options.length
    ? { type: 'input', block_id: 'to', label: plain('Give the case to', 2000), element: { type: 'static_select', action_id: 'value', options } }
    : { type: 'section', text: { type: 'mrkdwn', text: 'There is no agent to transfer to.' } });
  return {
    type: 'modal', callback_id: VIEWS.transfer, private_metadata: complaintId,
    title: plain('Transfer the case', LIMITS.modalTitle), close: plain('Cancel', LIMITS.modalTitle),
    ...(options.length ? { submit: plain('Transfer', LIMITS.modalTitle) } : {}),
    blocks,
  };
}

export function reopenView(complaintId: string): types.View {
  return {
    type: 'modal', callback_id: VIEWS.reopen, private_metadata: complaintId,
    title: plain('Reopen the case', LIMITS.modalTitle), submit: plain('Reopen', LIMITS.modalTitle),
    blocks: [caseLine(complaintId, 'Reopen'), reasonInput('Why is this case reopened? (kept on its timeline)')],
  };
}

export function resolveOverrideView(complaintId: string): types.View {
  return {
    type: 'modal', callback_id: VIEWS.resolveOverride, private_metadata: complaintId,
    title: plain('Resolve anyway', LIMITS.modalTitle), submit: plain('Resolve', LIMITS.modalTitle),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `A proposal on *${escapeMrkdwn(complaintId)}* still waits for the consumer's answer. Resolving now closes it without that answer.` } },
      reasonInput('Why resolve it before the consumer answers? (kept on its timeline)'),
    ],
  };
}

/** What a supervisor sees when Resolve is refused because a proposal waits: the refusal and a way to override it. */
export function overrideOffer(complaintId: string, refusal: string): { text: string; blocks: types.KnownBlock[] } {
  const text = clip(refusal, LIMITS.sectionText);
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'plain_text', text, emoji: false } },
      {
        type: 'actions', block_id: 'redress_override',
        elements: [{ type: 'button', action_id: ACTIONS.resolveOverride, value: complaintId, style: 'danger', text: plain('Resolve anyway…', LIMITS.buttonText) }],
      },
    ],
  };
}

export const readReason = (values: ViewValues): string => values.reason?.value?.value ?? '';
export const readTransferTarget = (values: ViewValues): string => values.to?.value?.selected_option?.value ?? '';
