/**
 * Who may do what to a case: the one place these rules live. AgentOperations runs them inside the case's
 * compare-and-set write (on the complaint as it is at that moment), so every entry point — console API,
 * Slack buttons, modals and thread replies, scripts — is held to the same rules, and a transfer that lands
 * between a check and the write cannot slip past it.
 */
import { RedressError } from '../errors.js';
import type { Agent, Complaint } from '../complaints/complaint.types.js';

/** Everything an agent can do to a case. */
export type CaseAction = 'claim' | 'release' | 'reply' | 'note' | 'investigate' | 'propose' | 'resolve' | 'escalate' | 'transfer' | 'ask_merchant' | 'share_merchant_answer';

const isSupervisor = (a: Agent) => a.role === 'supervisor';

/**
 * First-contact responsibility: only the owner or a supervisor acts on a case — notes and escalation
 * included; an unclaimed case is claimed first. Claiming is open to all until someone owns it (a supervisor may
 * take a case over); transferring is for supervisors only.
 */
export function assertMayAct(agent: Agent, c: Complaint, action: CaseAction): void {
  if (isSupervisor(agent)) return;
  if (action === 'transfer') throw new RedressError('agent.not_authorised', 'Only a supervisor can transfer a case.', { id: c.id });
  if (action === 'claim') {
    if (c.assigneeId && c.assigneeId !== agent.id) {
      throw new RedressError('complaint.already_claimed', `Case ${c.id} is already claimed by ${c.assigneeId}.`, { id: c.id, owner: c.assigneeId });
    }
    return;
  }
  if (c.assigneeId !== agent.id) {
    const why = c.assigneeId ? `it belongs to ${c.assigneeId}; ask them or a supervisor` : 'claim it first';
    throw new RedressError('complaint.not_owner', `You can't act on ${c.id}: ${why}.`, { id: c.id, owner: c.assigneeId ?? undefined });
  }
}

/** What the agent may offer alone. Supervisors have a limit of their own; "unlimited" only when configured so. */
export function assertWithinLimit(agent: Agent, amount: number): void {
  const limit = agent.compensationLimit;
  if (limit === 'unlimited' || amount <= limit) return;
  const who = isSupervisor(agent) ? 'a supervisor with a higher limit' : 'a supervisor';
  throw new RedressError('agent.over_limit', `${amount} is above your limit of ${limit}; ask ${who} to propose it.`, { amount, limit });
}

/**
 * A case whose proposal waits for the consumer is not resolved behind their back: refused, unless a
 * supervisor overrides it and says why (the reason goes on the timeline).
 */
export function assertMayResolve(agent: Agent, c: Complaint, overrideReason: string): void {
  if (c.status !== 'resolution_proposed') return;
  if (!overrideReason) {
    throw new RedressError('complaint.proposal_pending',
      `A proposal on ${c.id} is waiting for the consumer's answer, so it can't be resolved yet. Wait for their answer, or ask a supervisor to resolve it with a reason.`,
      { id: c.id, status: c.status });
  }
  if (!isSupervisor(agent)) {
    throw new RedressError('agent.not_authorised', 'Only a supervisor can resolve a case while its proposal waits for the consumer.', { id: c.id });
  }
}

/** The knowledge base and canned replies are approved guidance: supervisors edit them, agents use them. */
export function assertMayEditKnowledge(agent: Agent): void {
  if (!isSupervisor(agent)) throw new RedressError('agent.not_authorised', 'Only a supervisor can change the knowledge base and canned replies.');
}

/**
 * Live glimpses of the consumer (their typing) are for whoever answers them: the case's owner and supervisors.
 * A plain agent who does not own the case sees the case, never the consumer at work.
 */
export function mayWatchConsumer(agent: Pick<Agent, 'id' | 'role'>, c: Pick<Complaint, 'assigneeId'>): boolean {
  return isSupervisor(agent as Agent) || (c.assigneeId !== null && c.assigneeId === agent.id);
}
