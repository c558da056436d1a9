/**
 * Transfer, Reopen, Ask the merchant and a supervisor's Resolve over a waiting proposal, from Slack. As everywhere in
 * Slack, these only call AgentOperations, which decides who may (transfer and reopen are supervisor-only, an
 * override needs a supervisor and a reason); a refusal is shown to the Slack user in its own plain words.
 */
import type { webApi } from '@slack/bolt';
import type { AgentOperations } from '../../src/agents/agent-operations.js';
import type { RedisAgentStore } from '../../src/agents/redis-agent.store.js';
import { RedressError } from '../../src/errors.js';
import { overrideOffer, reopenView, resolveOverrideView, transferView } from './slack-desk.views.js';
import { askMerchantView } from './slack-merchant.views.js';
import type { ActionKind } from './slack.mapper.js';

export interface DeskDeps {
  agentOps: AgentOperations;
  agents: RedisAgentStore;
}

/** The modal a button opens, or null when the button acts at once. */
export async function deskView(kind: ActionKind, complaintId: string, d: DeskDeps) {
  if (kind === 'transfer') return transferView(complaintId, await d.agents.list());
  if (kind === 'reopen') return reopenView(complaintId);
  if (kind === 'resolveOverride') return resolveOverrideView(complaintId);
  if (kind === 'askMerchant') return askMerchantView(complaintId, d.agentOps.merchantMaxHours);
  return null;
}

interface Tell { channel: string; user: string; thread_ts?: string }

/**
 * Resolve; when a proposal still waits, a supervisor is offered "Resolve anyway…" beside the refusal, anyone
 * else reads the refusal alone. Other refusals go back to the caller's handler.
 */
export async function resolveOrOffer(client: webApi.WebClient, d: DeskDeps, agentId: string, complaintId: string, to: Tell): Promise<void> {
  try {
    await d.agentOps.resolve(agentId, complaintId);
  } catch (err) {
    if (!(err instanceof RedressError && err.code === 'complaint.proposal_pending')) throw err;
    const supervisor = (await d.agents.get(agentId))?.role === 'supervisor';
    await client.chat.postEphemeral({ ...to, ...(supervisor ? overrideOffer(complaintId, err.message) : { text: err.message }) });
  }
}
