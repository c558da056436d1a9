import type { webApi } from '@slack/bolt';
import type { AgentWorkspacePort, SupervisorAlert } from '../../src/agents/agent-workspace.port.js';
import type { RedisAgentStore } from '../../src/agents/redis-agent.store.js';
import type { Complaint, TimelineEvent } from '../../src/complaints/complaint.types.js';
import type { Logger } from '../../src/logging/logger.js';
import type { SlackMessageStore } from './slack-message.store.js';
import { toAlertMessage, toCaseMessage, toThreadMessage } from './slack.mapper.js';

export interface SlackWorkspaceOptions {
  queueChannel: string;
  supervisorChannel: string;
}

/**
 * Slack as an agent workspace, through the Web API only (so worker processes without the HTTP receiver
 * can post too): each case is one message in the queue channel, kept current with chat.update, and its
 * thread carries the conversation and the status changes.
 */
export class SlackWorkspace implements AgentWorkspacePort {
  readonly id = 'slack';

  constructor(
    private readonly client: webApi.WebClient,
    private readonly messages: SlackMessageStore,
    private readonly agents: RedisAgentStore,
    private readonly opts: SlackWorkspaceOptions,
    private readonly logger: Logger,
  ) {}

  /** Throws on failure: the handoff job retries it. A case back in the queue updates its existing message. */
  async announceCase(c: Complaint): Promise<void> {
    const names = await this.names();
    const message = toCaseMessage(c, names);
    const ref = await this.messages.get(c.id);
    if (ref) {
      if (await this.messages.claimRender(c.id, c.version)) await this.client.chat.update({ channel: ref.channel, ts: ref.ts, ...message });
      return;
    }
    await this.messages.claimRender(c.id, c.version);
    const res = await this.client.chat.postMessage({ channel: this.opts.queueChannel, ...message, unfurl_links: false });
    if (!res.ts) throw new Error(`Slack did not return a ts for ${c.id}`);
    await this.messages.save(c.id, { channel: res.channel ?? this.opts.queueChannel, ts: res.ts });
  }

  // The change is committed before we are told, so a Slack failure is logged, not thrown back into the
  // agent's (or consumer's) write; the next change re-renders the whole message anyway.
  async caseUpdated(c: Complaint, events: TimelineEvent[]): Promise<void> {
    try {
      const ref = await this.messages.get(c.id);
      if (!ref) return; // not announced yet (still in intake): the handoff worker will post it
      const names = await this.names();
      if (await this.messages.claimRender(c.id, c.version)) await this.client.chat.update({ channel: ref.channel, ts: ref.ts, ...toCaseMessage(c, names) });
      for (const e of events) {
        // Written in the thread itself: already there.
        const fromThread = (e.type === 'agent_reply' || e.type === 'internal_note') && typeof e.data?.text === 'string' && (await this.messages.takeEcho(c.id, e.data.text));
        if (fromThread) continue;
        const m = toThreadMessage(e, names);
        if (m) await this.client.chat.postMessage({ channel: ref.channel, thread_ts: ref.ts, ...m, unfurl_links: false });
      }
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, complaintId: c.id }, 'slack: case update not posted');
    }
  }

  // Not thrown: an SLA job would retry and record its breach twice (see core-services' alert log).
  async alertSupervisors(alert: SupervisorAlert): Promise<void> {
    try {
      await this.client.chat.postMessage({ channel: this.opts.supervisorChannel, ...toAlertMessage(alert), unfurl_links: false });
    } catch (err) {
      this.logger.error({ err: (err as Error).message, complaintId: alert.complaintId, kind: alert.kind }, 'slack: supervisor alert not posted');
    }
  }

  private names(): Promise<Map<string, string>> {
    return this.agents.names();
  }
}
