/**
 * The slash command (SLACK_COMMAND, `/redress` by default): find a case by number, claim it, or list what
 * the command can do. Answers go back in the command's own HTTP response (ephemeral), so no Web API call can
 * fail on the way; claiming goes through AgentOperations like every other entry point.
 */
import type { App } from '@slack/bolt';
import type { RedisComplaintStore } from '../../src/complaints/redis-complaint.store.js';
import { claimWhatReply, claimedReply, caseReply, helpReply, notFoundReply, parseCommand, unknownReply, whichCaseReply, type CommandReply } from './slack-command.replies.js';
import { describeError, NOT_AGENT, type InteractionDeps } from './slack-interactions.js';
import { articlesFor, replyModalFor, type KbDeps } from './slack-kb.js';

export interface CommandDeps extends InteractionDeps {
  command: string;
  store: Pick<RedisComplaintStore, 'get'>;
  publicUrl?: string;
  kb: KbDeps;
}

export function registerCommand(app: App, d: CommandDeps): void {
  app.command(d.command, async ({ command, ack, client }) => {
    const input = parseCommand(command.text ?? '');
    if (input.kind !== 'reply') return void (await ack(await answer(d, command.user_id, command.text ?? '')));
    // `reply RD-…` opens the canned-reply modal: the view is built before the ack (the trigger lasts 3 s), the
    // command itself answers nothing unless something is wrong.
    if (!d.agentFor(command.user_id)) return void (await ack({ response_type: 'ephemeral', text: NOT_AGENT }));
    let view;
    try {
      view = await replyModalFor(d.kb, input.id);
    } catch (err) {
      return void (await ack({ response_type: 'ephemeral', text: await describeError(err, d, input.id) }));
    }
    if (!view) return void (await ack(notFoundReply(input.id)));
    await ack();
    try {
      await client.views.open({ trigger_id: command.trigger_id, view });
    } catch (err) {
      d.logger.warn({ err: (err as Error).message, complaintId: input.id }, 'slack: the canned-reply modal did not open');
      await client.chat.postEphemeral({ channel: command.channel_id, user: command.user_id, text: `The reply modal for ${input.id} did not open; try again.` }).catch(() => undefined);
    }
  });
}

async function answer(d: CommandDeps, slackUserId: string, text: string): Promise<CommandReply> {
  const input = parseCommand(text);
  if (input.kind === 'help') return helpReply(d.command);
  if (input.kind === 'unknown') return unknownReply(d.command, input.text);
  if (input.kind === 'claim_what') return claimWhatReply(d.command);
  if (input.kind === 'which_case') return whichCaseReply(d.command, input.verb);
  const agentId = d.agentFor(slackUserId);
  if (!agentId) return { response_type: 'ephemeral', text: NOT_AGENT };
  if (input.kind === 'claim') {
    try {
      await d.agentOps.claim(agentId, input.id);
      return claimedReply(input.id);
    } catch (err) {
      return { response_type: 'ephemeral', text: `Not claimed: ${await describeError(err, d, input.id)}` };
    }
  }
  if (input.kind === 'kb') return (await articlesFor(d.kb, input.id)) ?? notFoundReply(input.id);
  if (input.kind === 'reply') return notFoundReply(input.id);
  const c = await d.store.get(input.id);
  return c ? caseReply(c, await d.agents.names(), d.publicUrl) : notFoundReply(input.id);
}
