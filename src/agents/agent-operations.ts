import { systemClock } from '../clock.js';
import { RedressError } from '../errors.js';
import { assertTransition } from '../complaints/complaint-state-machine.js';
import { cleanConsumerText, onlyUnsafeText } from '../messages/consumer-text.js';
import type { ComplaintService } from '../complaints/complaint.service.js';
import type { Agent, Complaint, ComplaintStatus } from '../complaints/complaint.types.js';
import type { DesiredResolution, RiskTier } from '../triage/triage.types.js';
import { assertMayAct, assertMayResolve, assertWithinLimit, type CaseAction } from './case-authority.js';
import { parseAmount } from './compensation-amount.js';
import type { RedisAgentStore } from './redis-agent.store.js';
import { askChange, deadlineHours, MAX_QUESTION_CHARS, requireText as requireMerchantText, shareChange } from '../merchants/merchant-requests.js';

const NEXT_TIER: Record<RiskTier, RiskTier> = { low: 'medium', medium: 'high', high: 'high' };

/** What an agent proposes; `amount` is parsed strictly here (see compensation-amount.ts), whatever sent it. */
export interface ProposalInput {
  text: string;
  resolution: DesiredResolution;
  amount?: unknown;
}

/** What an agent asks the merchant: the question and a deadline in hours (a number or a decimal string). */
export interface MerchantAsk {
  question: string;
  hours: unknown;
}

/**
 * Everything an agent can do to a case. Each call looks the agent up (unknown → `agent.not_found`), then
 * case-authority.ts decides, inside the case's write, whether this agent may do it: the first agent to claim
 * a case owns it to the end (first-contact responsibility); only a supervisor transfers or acts on others' cases.
 */
export class AgentOperations {
  constructor(
    private readonly complaints: ComplaintService,
    private readonly agents: RedisAgentStore,
    private readonly now: () => number = systemClock,
    /** MERCHANT_MAX_DEADLINE_HOURS: the longest deadline a merchant may be given (public: forms show the bound). */
    readonly merchantMaxHours = 14 * 24,
  ) {}

  /**
   * Asks the case's merchant for evidence or a response by a deadline (owner or supervisor). The change log
   * then tells the consumer when to expect it, schedules the deadline timer and sends `merchant.asked` with the link.
   */
  async askMerchant(agentId: string, id: string, ask: MerchantAsk): Promise<Complaint> {
    const agent = await this.agents.require(agentId);
    const question = requireMerchantText(ask.question, 'question', MAX_QUESTION_CHARS);
    const hours = deadlineHours(ask.hours, this.merchantMaxHours);
    const at = this.now();
    return this.complaints.mutate(id, (c) => {
      assertMayAct(agent, c, 'ask_merchant');
      return askChange(c, { question, dueAt: at + Math.round(hours * 3_600_000), agentId: agent.id, at });
    });
  }

  /** Sends the merchant's answer text to the consumer as this agent's reply; until then it stays with the agents. */
  async shareMerchantAnswer(agentId: string, id: string, requestId: string): Promise<Complaint> {
    const agent = await this.agents.require(agentId);
    const at = this.now();
    return this.complaints.mutate(id, (c) => {
      assertMayAct(agent, c, 'share_merchant_answer');
      return shareChange(c, requestId, agent.id, agent.name, at);
    });
  }

  /** Atomic: of many agents claiming one case at once, exactly one wins; the others get `complaint.already_claimed`. */
  async claim(agentId: string, id: string): Promise<Complaint> {
    const agent = await this.agents.require(agentId);
    return this.complaints.transition(id, 'claimed', actor(agent), 'claimed', { agent: agent.name }, (c) => ({ ...c, assigneeId: agent.id }), (c) => {
      assertMayAct(agent, c, 'claim');
      if (c.status === 'claimed') {
        throw new RedressError('complaint.already_claimed', `Case ${id} is already claimed by ${c.assigneeId}.`, { id, owner: c.assigneeId });
      }
    });
  }

  async release(agentId: string, id: string): Promise<Complaint> {
    const agent = await this.agents.require(agentId);
    return this.complaints.transition(id, 'queued', actor(agent), 'released', {}, (c) => ({ ...c, assigneeId: null }), may(agent, 'release'));
  }

  async reply(agentId: string, id: string, text: string): Promise<Complaint> {
    const agent = await this.agents.require(agentId);
    const body = requireText(text);
    const now = this.now();
    return this.complaints.mutate(id, (c) => {
      assertMayAct(agent, c, 'reply');
      return {
        complaint: { ...c, updatedAt: now },
        events: [{ at: now, type: 'agent_reply', actor: actor(agent), data: { text: body, agent: agent.name } }],
      };
    });
  }

  /** Internal notes stay with the agents: never pushed to the consumer. */
  async note(agentId: string, id: string, text: string): Promise<Complaint> {
    const agent = await this.agents.require(agentId);
    const body = requireText(text);
    const now = this.now();
    return this.complaints.mutate(id, (c) => {
      assertMayAct(agent, c, 'note');
      return { complaint: c, events: [{ at: now, type: 'internal_note', actor: actor(agent), data: { text: body } }] };
    });
  }

  async investigate(agentId: string, id: string, whatWeDo = ''): Promise<Complaint> {
    const agent = await this.agents.require(agentId);
    return this.complaints.transition(id, 'investigating', actor(agent), 'status_changed', { note: whatWeDo }, undefined, may(agent, 'investigate'));
  }

  /** A proposal within the proposer's own compensation limit (supervisors have one too). */
  async propose(agentId: string, id: string, p: ProposalInput): Promise<Complaint> {
    const agent = await this.agents.require(agentId);
    const amount = parseAmount(p.amount);
    const text = requireText(p.text);
    const proposal = { text, resolution: p.resolution, amount, proposedBy: agent.id, at: this.now() };
    return this.complaints.transition(id, 'resolution_proposed', actor(agent), 'proposal', { ...proposal }, (c) => ({ ...c, proposal }), (c) => {
      assertMayAct(agent, c, 'propose');
      assertWithinLimit(agent, amount);
    });
  }

  /**
   * `overrideReason`: a supervisor resolving while a proposal still waits for the consumer says why; it is
   * kept on the status change's timeline entry with the summary.
   */
  async resolve(agentId: string, id: string, summary = '', overrideReason = ''): Promise<Complaint> {
    const agent = await this.agents.require(agentId);
    const reason = overrideReason.trim();
    const now = this.now();
    return this.complaints.mutate(id, (c) => {
      assertMayAct(agent, c, 'resolve');
      assertMayResolve(agent, c, reason);
      assertTransition(id, c.status, 'resolved');
      const data: Record<string, unknown> = { from: c.status, to: 'resolved' };
      if (summary.trim()) data.summary = summary.trim();
      if (c.status === 'resolution_proposed') data.override = reason;
      return { complaint: { ...c, status: 'resolved', updatedAt: now }, events: [{ at: now, type: 'status_changed', actor: actor(agent), data }] };
    });
  }

  /** Supervisors only: a resolved or closed case back to work, with the reason on the timeline; the owner stays. */
  async reopen(supervisorId: string, id: string, reason: string): Promise<Complaint> {
    const sup = await this.agents.require(supervisorId);
    if (sup.role !== 'supervisor') throw new RedressError('agent.not_authorised', 'Only a supervisor can reopen a case.', { id });
    const note = reason.trim();
    if (!note) throw new RedressError('input.invalid', 'Say why the case is reopened.', { field: 'reason' });
    return this.complaints.mutate(id, (c) => this.statusChange(c, 'reopened', sup, { note }));
  }

  /** A status change whose timeline entry keeps what was said with it (`transition` keeps only from/to). */
  private statusChange(c: Complaint, to: ComplaintStatus, agent: Agent, said: Record<string, string | undefined>) {
    assertTransition(c.id, c.status, to);
    const now = this.now();
    const data = Object.fromEntries(Object.entries({ from: c.status, to, ...said }).filter(([, v]) => v !== undefined));
    return { complaint: { ...c, status: to, updatedAt: now }, events: [{ at: now, type: 'status_changed' as const, actor: actor(agent), data }] };
  }

  /** Raises the tier one step; the supervisors' alert is derived from the `escalated` event (reports/alert-events.ts). */
  async escalate(agentId: string, id: string, why: string): Promise<Complaint> {
    const agent = await this.agents.require(agentId);
    const reason = cleanConsumerText(why).text.trim();
    if (!reason && onlyUnsafeText(why)) throw new RedressError('input.invalid', 'The reason holds only control or invisible formatting characters; write it in plain text.');
    return this.complaints.transition(id, 'escalated', actor(agent), 'escalated', { reason, agent: agent.name }, (x) => ({
      ...x, triage: { ...x.triage, tier: NEXT_TIER[x.triage.tier], priority: Math.min(100, x.triage.priority + 20), reasons: [...x.triage.reasons, `escalated by ${agent.name}: ${reason}`] },
    }), may(agent, 'escalate'));
  }

  async transfer(supervisorId: string, id: string, toAgentId: string): Promise<Complaint> {
    const sup = await this.agents.require(supervisorId);
    if (sup.role !== 'supervisor') throw new RedressError('agent.not_authorised', 'Only a supervisor can transfer a case.', { id });
    const to = await this.agents.require(toAgentId);
    const now = this.now();
    return this.complaints.mutate(id, (c) => {
      assertMayAct(sup, c, 'transfer');
      return {
        complaint: { ...c, assigneeId: to.id, updatedAt: now },
        events: [{ at: now, type: 'transferred', actor: actor(sup), data: { from: c.assigneeId, to: to.id } }],
      };
    });
  }
}

function may(agent: Agent, action: CaseAction): (c: Complaint) => void {
  return (c) => assertMayAct(agent, c, action);
}

function actor(agent: Agent) {
  return { kind: 'agent' as const, id: agent.id };
}

/** Agents' text reaches consumers and the timeline: the channels' one rule for control and bidi characters applies. */
function requireText(text: string): string {
  const t = cleanConsumerText(text).text.trim();
  if (!t && onlyUnsafeText(text)) throw new RedressError('input.invalid', 'The message holds only control or invisible formatting characters; write it in plain text.');
  if (!t) throw new RedressError('input.invalid', 'The message is empty; write something for the consumer.');
  if (t.length > 4000) throw new RedressError('input.too_large', `The message is ${t.length} characters; the limit is 4000.`);
  return t;
}
