import { RedressError } from '../errors.js';
import type { ComplaintService } from '../complaints/complaint.service.js';
import type { Agent, Complaint, ComplaintStatus } from '../complaints/complaint.types.js';
import type { DesiredResolution, RiskTier } from '../triage/triage.types.js';
import type { AgentWorkspacePort } from './agent-workspace.port.js';
import type { RedisAgentStore } from './redis-agent.store.js';

const NEXT_TIER: Record<RiskTier, RiskTier> = { low: 'medium', medium: 'high', high: 'high' };

/**
 * Everything an agent can do to a case. Each call looks the agent up (unknown → `agent.not_found`)
 * and checks ownership: the first agent to claim a case owns it to the end (first-contact
 * responsibility); only a supervisor can transfer it or act on someone else's case.
 */
export class AgentOperations {
  constructor(
    private readonly complaints: ComplaintService,
    private readonly agents: RedisAgentStore,
    /** Every workspace agents use (console, Slack): escalation alerts reach all of them. */
    private readonly workspaces: () => AgentWorkspacePort[],
    private readonly now: () => number = Date.now,
  ) {}

  /** Atomic: of many agents claiming one case at once, exactly one wins; the others get `complaint.already_claimed`. */
  async claim(agentId: string, id: string): Promise<Complaint> {
    const agent = await this.agents.require(agentId);
    return this.complaints.transition(id, 'claimed', actor(agent), 'claimed', { agent: agent.name }, (c) => ({ ...c, assigneeId: agent.id }), (c) => {
      if (c.assigneeId && c.assigneeId !== agent.id && agent.role !== 'supervisor') {
        throw new RedressError('complaint.already_claimed', `Case ${id} is already claimed by ${c.assigneeId}.`, { id, owner: c.assigneeId });
      }
      if (c.status === 'claimed') {
        throw new RedressError('complaint.already_claimed', `Case ${id} is already claimed by ${c.assigneeId}.`, { id, owner: c.assigneeId });
      }
    });
  }

  async release(agentId: string, id: string): Promise<Complaint> {
    const agent = await this.owner(agentId, id);
    return this.complaints.transition(id, 'queued', actor(agent), 'released', {}, (c) => ({ ...c, assigneeId: null }));
  }

  async reply(agentId: string, id: string, text: string): Promise<Complaint> {
    const agent = await this.owner(agentId, id);
    const body = requireText(text);
    const now = this.now();
    return this.complaints.mutate(id, (c) => ({
      complaint: { ...c, updatedAt: now },
      events: [{ at: now, type: 'agent_reply', actor: actor(agent), data: { text: body, agent: agent.name } }],
    }));
  }

  /** Internal notes stay with the agents: never pushed to the consumer. */
  async note(agentId: string, id: string, text: string): Promise<Complaint> {
    const agent = await this.agents.require(agentId);
    const body = requireText(text);
    const now = this.now();
    return this.complaints.mutate(id, (c) => ({
      complaint: c,
      events: [{ at: now, type: 'internal_note', actor: actor(agent), data: { text: body } }],
    }));
  }

  async investigate(agentId: string, id: string, whatWeDo = ''): Promise<Complaint> {
    const agent = await this.owner(agentId, id);
    return this.complaints.transition(id, 'investigating', actor(agent), 'status_changed', { note: whatWeDo });
  }

  /** A proposal above the agent's compensation limit needs a supervisor. */
  async propose(agentId: string, id: string, p: { text: string; resolution: DesiredResolution; amount?: number }): Promise<Complaint> {
    const agent = await this.owner(agentId, id);
    const amount = p.amount ?? 0;
    if (!Number.isFinite(amount) || amount < 0) throw new RedressError('input.invalid', 'The amount must be a number of 0 or more.', { amount });
    if (amount > agent.compensationLimit && agent.role !== 'supervisor') {
      throw new RedressError('agent.over_limit', `${amount} is above your limit of ${agent.compensationLimit}; ask a supervisor to propose it.`, { amount });
    }
    const proposal = { text: requireText(p.text), resolution: p.resolution, amount, proposedBy: agent.id, at: this.now() };
    return this.complaints.transition(id, 'resolution_proposed', actor(agent), 'proposal', { ...proposal }, (c) => ({ ...c, proposal }));
  }

  async resolve(agentId: string, id: string, summary = ''): Promise<Complaint> {
    const agent = await this.owner(agentId, id);
    return this.complaints.transition(id, 'resolved', actor(agent), 'status_changed', { summary });
  }

  /** Raises the tier one step and tells the supervisors. */
  async escalate(agentId: string, id: string, reason: string): Promise<Complaint> {
    const agent = await this.agents.require(agentId);
    const c = await this.complaints.transition(id, 'escalated', actor(agent), 'escalated', { reason }, (x) => ({
      ...x, triage: { ...x.triage, tier: NEXT_TIER[x.triage.tier], priority: Math.min(100, x.triage.priority + 20), reasons: [...x.triage.reasons, `escalated by ${agent.name}: ${reason}`] },
    }));
    const alert = { kind: 'escalated' as const, complaintId: id, text: `${id} escalated by ${agent.name}: ${reason}`, at: this.now() };
    await Promise.all(this.workspaces().map((w) => w.alertSupervisors(alert)));
    return c;
  }

  async transfer(supervisorId: string, id: string, toAgentId: string): Promise<Complaint> {
    const sup = await this.agents.require(supervisorId);
    if (sup.role !== 'supervisor') throw new RedressError('agent.not_authorised', 'Only a supervisor can transfer a case.', { id });
    const to = await this.agents.require(toAgentId);
    const now = this.now();
    return this.complaints.mutate(id, (c) => ({
      complaint: { ...c, assigneeId: to.id, updatedAt: now },
      events: [{ at: now, type: 'transferred', actor: actor(sup), data: { from: c.assigneeId, to: to.id } }],
    }));
  }

  /** The agent must own the case (a supervisor may act on any). */
  private async owner(agentId: string, id: string): Promise<Agent> {
    const agent = await this.agents.require(agentId);
    const c = await this.complaints.store.require(id);
    if (agent.role !== 'supervisor' && c.assigneeId !== agent.id) {
      const why = c.assigneeId ? `it belongs to ${c.assigneeId}` : 'claim it first';
      throw new RedressError('complaint.not_owner', `You can't act on ${id}: ${why}.`, { id, status: c.status as ComplaintStatus });
    }
    return agent;
  }
}

function actor(agent: Agent) {
  return { kind: 'agent' as const, id: agent.id };
}

function requireText(text: string): string {
  const t = text.trim();
  if (!t) throw new RedressError('input.invalid', 'The message is empty; write something for the consumer.');
  if (t.length > 4000) throw new RedressError('input.too_large', `The message is ${t.length} characters; the limit is 4000.`);
  return t;
}
