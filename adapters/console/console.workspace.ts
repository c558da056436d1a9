import type { AgentWorkspacePort, SupervisorAlert } from '../../src/agents/agent-workspace.port.js';
import type { ConsumerTypingSignal } from '../../src/agents/consumer-typing.js';
import type { RedisAgentStore } from '../../src/agents/redis-agent.store.js';
import type { Complaint, TimelineEvent } from '../../src/complaints/complaint.types.js';
import type { Logger } from '../../src/logging/logger.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import { agentNames, toQueueRow, type QueueRow } from './console.mapper.js';

/**
 * What travels on the console's pub/sub channel (see console.keys.ts). Each process's live hub relays it
 * to the browsers it holds, so a click handled by process B updates a queue open on process A.
 *
 * @example
 * { kind: 'case', id: 'RD-20261124-0042', announced: false, eventTypes: ['claimed', 'status_changed'], row: {...} }
 */
export type LiveMessage =
  | { kind: 'case'; id: string; announced: boolean; eventTypes: string[]; row: QueueRow }
  | { kind: 'alert'; alert: SupervisorAlert }
  // Published by the channel the consumer types in (src/agents/consumer-typing.ts); relayed as `consumer_typing`.
  | ConsumerTypingSignal;

/** The local agent console as an agent workspace: every notice becomes a Redis PUBLISH. */
export class ConsoleWorkspace implements AgentWorkspacePort {
  readonly id = 'console';

  constructor(
    private readonly redis: RedisClient,
    private readonly channel: string,
    private readonly agents: RedisAgentStore,
    private readonly logger: Logger,
  ) {}

  async announceCase(complaint: Complaint): Promise<void> {
    await this.publishCase(complaint, [], true);
  }

  async caseUpdated(complaint: Complaint, events: TimelineEvent[]): Promise<void> {
    await this.publishCase(complaint, events.map((e) => e.type), false);
  }

  async alertSupervisors(alert: SupervisorAlert): Promise<void> {
    await this.publish({ kind: 'alert', alert });
  }

  private async publishCase(c: Complaint, eventTypes: string[], announced: boolean): Promise<void> {
    try {
      // The row names only its owner: one GET when the case has one, none for a new case (no read of every agent).
      const owner = c.assigneeId ? await this.agents.get(c.assigneeId) : null;
      const names = agentNames(owner ? [owner] : []);
      await this.publish({ kind: 'case', id: c.id, announced, eventTypes, row: toQueueRow(c, names) });
    } catch (err) {
      this.logFailure(err, c.id);
    }
  }

  // A lost live update is not lost data: the change is committed, and pages re-read everything when
  // their event stream reconnects. So a Redis hiccup here is logged, not thrown back into the agent's write.
  private async publish(message: LiveMessage): Promise<void> {
    try {
      await this.redis.publish(this.channel, JSON.stringify(message));
    } catch (err) {
      this.logFailure(err, message.kind === 'case' ? message.id : message.kind === 'alert' ? message.alert.complaintId : undefined);
    }
  }

  private logFailure(err: unknown, complaintId: string | undefined): void {
    this.logger.warn({ err, complaintId }, 'console: live update not published');
  }
}
