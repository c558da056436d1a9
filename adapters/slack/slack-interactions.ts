/**
 * Bolt listeners: button clicks, modal submissions and thread replies become agent operations, done as the
 * Redress agent the Slack user maps to. Each listener acks first (Slack wants it within 3 s) and only calls
 * AgentOperations: the queue message itself is re-rendered by SlackWorkspace.caseUpdated from the committed change.
 */
import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import type { AgentOperations } from '../../src/agents/agent-operations.js';
import type { RedisAgentStore } from '../../src/agents/redis-agent.store.js';
import { RedressError } from '../../src/errors.js';
import type { Logger } from '../../src/logging/logger.js';
import { deskView, resolveOrOffer } from './slack-desk-actions.js';
import { STATUS_LABEL } from './slack-labels.js';
import type { SlackMessageStore } from './slack-message.store.js';
import { ACTIONS, VIEWS, escalateView, fromSlackText, proposeView, readEscalation, readProposal, type ActionKind, type ViewValues } from './slack.mapper.js';

export interface InteractionDeps {
  agentOps: AgentOperations;
  agents: RedisAgentStore;
  messages: SlackMessageStore;
  /** Slack user id → Redress agent id. */
  agentFor: (slackUserId: string) => string | undefined;
  queueChannel: string;
  logger: Logger;
}

export const NOT_AGENT = "You're not a registered Redress agent, so you can't act on cases. Ask a supervisor to add your Slack user id (slackUserId) to AGENTS.";

/** A thread message starting with this is an internal note, never sent to the consumer. */
export const NOTE_PREFIX = /^\/\/\s*/;

const KIND_BY_ACTION = new Map<string, ActionKind>(Object.entries(ACTIONS).map(([k, v]) => [v, k as ActionKind]));

export function registerInteractions(app: App, d: InteractionDeps): void {
  app.action<BlockAction<ButtonAction>>(/^redress_/, async ({ ack, body, action, client }) => {
    await ack();
    const kind = KIND_BY_ACTION.get(action.action_id);
    if (kind === 'replyTemplate') return; // slack-kb.ts opens its modal
    const complaintId = action.value ?? '';
    const channel = body.channel?.id ?? d.queueChannel;
    const tell = (text: string) => client.chat.postEphemeral({ channel, user: body.user.id, text, thread_ts: body.message?.thread_ts });
    const agentId = d.agentFor(body.user.id);
    if (!kind || !complaintId) return;
    if (!agentId) return void (await tell(NOT_AGENT));
    try {
      if (kind === 'claim') await d.agentOps.claim(agentId, complaintId);
      else if (kind === 'investigate') await d.agentOps.investigate(agentId, complaintId);
      else if (kind === 'release') await d.agentOps.release(agentId, complaintId);
      else if (kind === 'resolve') await resolveOrOffer(client, d, agentId, complaintId, { channel, user: body.user.id, thread_ts: body.message?.thread_ts });
      else {
        const view = (await deskView(kind, complaintId, d)) ?? (kind === 'propose' ? proposeView(complaintId) : escalateView(complaintId));
        await client.views.open({ trigger_id: body.trigger_id, view });
      }
    } catch (err) {
      await tell(await describeError(err, d, complaintId));
    }
  });

  app.view(VIEWS.propose, async ({ ack, body, view }) => {
    const agentId = d.agentFor(body.user.id);
    if (!agentId) return void (await ack({ response_action: 'errors', errors: { text: NOT_AGENT } }));
    const p = readProposal(view.state.values as ViewValues);
    try {
      await d.agentOps.propose(agentId, view.private_metadata, p);
      await ack();
    } catch (err) {
      const block = isCode(err, 'agent.over_limit') || isCode(err, 'input.invalid_amount') ? 'amount' : 'text';
      await ack({ response_action: 'errors', errors: { [block]: await describeError(err, d, view.private_metadata) } });
    }
  });

  app.view(VIEWS.escalate, async ({ ack, body, view }) => {
    const agentId = d.agentFor(body.user.id);
    if (!agentId) return void (await ack({ response_action: 'errors', errors: { reason: NOT_AGENT } }));
    const reason = readEscalation(view.state.values as ViewValues).trim();
    if (!reason) return void (await ack({ response_action: 'errors', errors: { reason: 'Say why, for the supervisor.' } }));
    try {
      await d.agentOps.escalate(agentId, view.private_metadata, reason);
      await ack();
    } catch (err) {
      await ack({ response_action: 'errors', errors: { reason: await describeError(err, d, view.private_metadata) } });
    }
  });

  // A human's message in a case's thread is a reply to the consumer, unless it starts with `//` (an internal
  // note, for colleagues only). Bot posts (ours included), edits, joins and other subtypes are not.
  app.event('message', async ({ event, body, client }) => {
    const e = event as { subtype?: string; bot_id?: string; channel: string; user?: string; text?: string; ts: string; thread_ts?: string };
    if (e.subtype || e.bot_id || !e.user || e.channel !== d.queueChannel || !e.thread_ts || e.thread_ts === e.ts) return;
    const complaintId = await d.messages.complaintAt(e.channel, e.thread_ts);
    if (!complaintId) return;
    if (body.event_id && !(await d.messages.firstDelivery(body.event_id))) return;
    await replyFromThread(client, d, { ...e, user: e.user }, complaintId);
  });
}

async function replyFromThread(client: webApi.WebClient, d: InteractionDeps, e: { channel: string; user: string; text?: string; thread_ts?: string }, complaintId: string): Promise<void> {
  const tell = (text: string) => client.chat.postEphemeral({ channel: e.channel, user: e.user, text, thread_ts: e.thread_ts });
  const agentId = d.agentFor(e.user);
  if (!agentId) return void (await tell(`${NOT_AGENT} Your message did not reach the consumer.`));
  const text = fromSlackText(e.text ?? '');
  const note = NOTE_PREFIX.exec(text);
  try {
    const body = note ? text.slice(note[0].length) : text;
    await d.messages.markEcho(complaintId, body);
    if (note) await d.agentOps.note(agentId, complaintId, body);
    else await d.agentOps.reply(agentId, complaintId, body);
  } catch (err) {
    await tell(`${note ? 'Note not saved' : 'Not sent to the consumer'}: ${await describeError(err, d, complaintId)}`);
  }
}

function isCode(err: unknown, code: string): boolean {
  return err instanceof RedressError && err.code === code;
}

/** What the agent sees when an operation is refused: the coded error's own words, with agent names. */
export async function describeError(err: unknown, d: Pick<InteractionDeps, 'agents' | 'logger'>, complaintId: string): Promise<string> {
  if (err instanceof RedressError) {
    if (err.code === 'complaint.already_claimed') {
      const owner = String(err.details.owner ?? '');
      const name = owner ? ((await d.agents.get(owner))?.name ?? owner) : 'Someone';
      return `${name} already claimed ${complaintId}.`;
    }
    if (err.code === 'complaint.not_owner' && err.details.owner) {
      // The owner by name, as everywhere in Slack, not by agent id.
      const owner = String(err.details.owner);
      const name = (await d.agents.get(owner))?.name ?? owner;
      return `You can't act on ${complaintId}: it belongs to ${name}; ask them or a supervisor.`;
    }
    if (err.code === 'complaint.illegal_transition') {
      // A stale button (the post had not caught up yet): in words, never the state machine's status names.
      const from = STATUS_LABEL[String(err.details.from)] ?? 'in another state';
      return `${complaintId} is ${from} now, so that can't be done any more; the case post shows what can.`;
    }
    return err.message;
  }
  d.logger.error({ err: (err as Error).message, complaintId }, 'slack: operation failed');
  return 'Something went wrong and the case was not changed; try again.';
}
