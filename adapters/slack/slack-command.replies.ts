/**
 * What the slash command answers, as Block Kit (pure). Every answer is ephemeral: only the agent who typed
 * the command sees it, since a case's details are not for the whole channel.
 */
import type { types } from '@slack/bolt';
import { canTransition } from '../../src/complaints/complaint-state-machine.js';
import type { Complaint } from '../../src/complaints/complaint.types.js';
import { STATUS_LABEL, TIER_ICON, human } from './slack-labels.js';
import { LIMITS } from './slack-limits.js';
import { clip, escapeMrkdwn } from './slack-text.js';
import { ACTIONS, slackDate } from './slack.mapper.js';

export interface CommandReply {
  response_type: 'ephemeral';
  text: string;
  blocks?: types.KnownBlock[];
}

/** A url button still sends Slack an action; this id is acked and otherwise ignored. */
export const OPEN_CONSOLE_ACTION = 'redress_open_console';

/** What the agent typed: a case number, `claim <number>`, `help`, or something we don't know. */
export type CommandInput =
  | { kind: 'find'; id: string }
  | { kind: 'claim'; id: string }
  | { kind: 'claim_what' }
  | { kind: 'reply'; id: string }
  | { kind: 'kb'; id: string }
  | { kind: 'which_case'; verb: 'reply' | 'kb' }
  | { kind: 'help' }
  | { kind: 'unknown'; text: string };

const CASE_ID = /^RD-\d{8}-\d{4,}$/i;

export function parseCommand(text: string): CommandInput {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first = '', second, ...rest] = words;
  if (!words.length || (/^(help|\?)$/i.test(first) && words.length === 1)) return { kind: 'help' };
  if (CASE_ID.test(first) && words.length === 1) return { kind: 'find', id: first.toUpperCase() };
  if (/^claim$/i.test(first)) {
    if (second && CASE_ID.test(second) && !rest.length) return { kind: 'claim', id: second.toUpperCase() };
    return { kind: 'claim_what' };
  }
  const verb = /^(reply|template|templates)$/i.test(first) ? 'reply' : /^(kb|articles?|guidance)$/i.test(first) ? 'kb' : null;
  if (verb) {
    if (second && CASE_ID.test(second) && !rest.length) return { kind: verb, id: second.toUpperCase() };
    return { kind: 'which_case', verb };
  }
  return { kind: 'unknown', text: text.trim() };
}

const reply = (text: string, blocks?: types.KnownBlock[]): CommandReply => ({ response_type: 'ephemeral', text: clip(text, LIMITS.sectionText), ...(blocks ? { blocks } : {}) });

export function helpReply(command: string): CommandReply {
  const lines = [
    `*${command} RD-20261124-0042*: the case's status, with Claim and Open buttons`,
    `*${command} claim RD-20261124-0042*: claim the case (it is yours from then on)`,
    `*${command} reply RD-20261124-0042*: reply with a canned reply, filled in for the case (you can edit it first)`,
    `*${command} kb RD-20261124-0042*: the knowledge-base articles that fit the case`,
    `*${command} help*: this list`,
    'Everything else happens on the case post in the queue channel and in its thread.',
  ];
  return reply(`What ${command} can do`, [{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }]);
}

export function unknownReply(command: string, text: string): CommandReply {
  // The answer's text is mrkdwn: what was typed is echoed inert.
  return reply(`I don't know "${escapeMrkdwn(clip(text, 100))}". Type a case number (${command} RD-20261124-0042), ${command} claim RD-…, ${command} reply RD-…, ${command} kb RD-…, or ${command} help.`);
}

export const claimWhatReply = (command: string) => reply(`Say which case to claim: ${command} claim RD-20261124-0042.`);
export const whichCaseReply = (command: string, verb: 'reply' | 'kb') => reply(`Say which case: ${command} ${verb} RD-20261124-0042.`);
export const notFoundReply = (id: string) => reply(`There is no case ${id}. Check the number (e.g. RD-20261124-0042).`);
export const claimedReply = (id: string) => reply(`${id} is yours now. Reply to the consumer in the case's thread in the queue channel.`);

/** The case's status line and the buttons that apply: Claim while it can be claimed, Open when PUBLIC_URL is known. */
export function caseReply(c: Complaint, names: ReadonlyMap<string, string>, publicUrl?: string): CommandReply {
  const owner = c.assigneeId ? escapeMrkdwn(names.get(c.assigneeId) ?? c.assigneeId) : 'nobody yet';
  const status = STATUS_LABEL[c.status] ?? human(c.status);
  const text = [
    `*${escapeMrkdwn(c.id)}* · ${escapeMrkdwn(human(c.category))} · ${TIER_ICON[c.triage.tier] ?? ''} ${c.triage.tier} tier · *${status}*`,
    `Owner: ${owner}${c.orderId ? ` · Order: ${escapeMrkdwn(c.orderId)}` : ''} · filed ${slackDate(c.createdAt)}`,
  ].join('\n');
  const buttons: types.Button[] = [];
  if (canTransition(c.status, 'claimed') && !c.assigneeId) {
    buttons.push({ type: 'button', action_id: ACTIONS.claim, value: c.id, style: 'primary', text: { type: 'plain_text', text: 'Claim' } });
  }
  if (publicUrl) {
    const url = `${publicUrl.replace(/\/+$/, '')}/console/cases/${encodeURIComponent(c.id)}`;
    buttons.push({ type: 'button', action_id: OPEN_CONSOLE_ACTION, url, text: { type: 'plain_text', text: 'Open in the console' } });
  }
  const blocks: types.KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) } }];
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'redress_command', elements: buttons });
  return reply(`${c.id}: ${status}, owner ${names.get(c.assigneeId ?? '') ?? 'nobody yet'}`, blocks);
}
