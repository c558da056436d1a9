/**
 * Canned replies from Slack: the "Reply with a template…" button (and `/redress reply RD-…`) opens a modal of
 * the case's matching replies from the shared knowledge base, filled in for the case; picking another one
 * re-renders the modal (views.update), and submitting sends the (edited) text as the agent's reply through
 * AgentOperations, so the same authority applies as everywhere (the owner or a supervisor); a refusal is shown
 * in the modal in plain words.
 */
import type { App, BlockAction, StaticSelectAction, webApi } from '@slack/bolt';
import type { FillContext, KnowledgeBase } from '../../src/agents/knowledge-base.js';
import type { Complaint } from '../../src/complaints/complaint.types.js';
import type { RedisComplaintStore } from '../../src/complaints/redis-complaint.store.js';
import { describeError, NOT_AGENT, type InteractionDeps } from './slack-interactions.js';
import { KB_PICK_ACTION, articlesReply, readTemplateReply, templateReplyView } from './slack-kb.views.js';
import { ACTIONS, VIEWS, type ViewValues } from './slack.mapper.js';

export interface KbDeps extends InteractionDeps {
  knowledge: KnowledgeBase;
  store?: Pick<RedisComplaintStore, 'get'>;
  /** CURRENCY and TIMEZONE, and the clock, for the variables. */
  fill: { currency: string; timeZone: string; now: () => number };
}

const ctxFor = (d: KbDeps, c: Complaint): FillContext => ({ locale: c.locale, currency: d.fill.currency, timeZone: d.fill.timeZone, now: d.fill.now() });

/** The modal for a case, or null when there is no such case. */
export async function replyModalFor(d: KbDeps, complaintId: string, chosenId?: string) {
  const c = await d.store?.get(complaintId);
  if (!c) return null;
  const { replies } = await d.knowledge.suggest(c, ctxFor(d, c));
  return templateReplyView(c, replies, chosenId);
}

/** `/redress kb RD-…`'s answer, or null when there is no such case. */
export async function articlesFor(d: KbDeps, complaintId: string) {
  const c = await d.store?.get(complaintId);
  if (!c) return null;
  const { articles } = await d.knowledge.suggest(c, ctxFor(d, c));
  return articlesReply(c, articles);
}

export function registerKnowledge(app: App, d: KbDeps): void {
  // The case post's button; acked (with the other redress_ buttons) by registerInteractions.
  app.action(ACTIONS.replyTemplate, async ({ body, client }) => {
    const b = body as BlockAction;
    const complaintId = (b.actions[0] as { value?: string } | undefined)?.value ?? '';
    const channel = b.channel?.id ?? d.queueChannel;
    const tell = (text: string) => client.chat.postEphemeral({ channel, user: b.user.id, text, thread_ts: b.message?.thread_ts });
    if (!d.agentFor(b.user.id)) return void (await tell(NOT_AGENT));
    await openModal(client, d, b.trigger_id, complaintId, tell);
  });

  // Picking another reply in the modal: the same modal with that reply's text.
  app.action<BlockAction<StaticSelectAction>>(KB_PICK_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    if (!body.view) return;
    const view = await replyModalFor(d, body.view.private_metadata, action.selected_option.value);
    if (view) await client.views.update({ view_id: body.view.id, hash: body.view.hash, view });
  });

  app.view(VIEWS.replyTemplate, async ({ ack, body, view }) => {
    const { block, text } = readTemplateReply(view.state.values as ViewValues);
    const agentId = d.agentFor(body.user.id);
    if (!agentId) return void (await ack({ response_action: 'errors', errors: { [block]: NOT_AGENT } }));
    if (!text.trim()) return void (await ack({ response_action: 'errors', errors: { [block]: 'Write the reply first.' } }));
    try {
      await d.agentOps.reply(agentId, view.private_metadata, text);
      await ack();
    } catch (err) {
      await ack({ response_action: 'errors', errors: { [block]: `Not sent to the consumer: ${await describeError(err, d, view.private_metadata)}` } });
    }
  });
}

export async function openModal(client: webApi.WebClient, d: KbDeps, triggerId: string, complaintId: string, tell: (text: string) => Promise<unknown>): Promise<boolean> {
  try {
    const view = await replyModalFor(d, complaintId);
    if (!view) {
      await tell(`There is no case ${complaintId}. Check the number (e.g. RD-20261124-0042).`);
      return false;
    }
    await client.views.open({ trigger_id: triggerId, view });
    return true;
  } catch (err) {
    await tell(await describeError(err, d, complaintId));
    return false;
  }
}
