import { createHash } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type { AgentWorkspacePort, SupervisorAlert } from '../../src/agents/agent-workspace.port.js';
import type { RedisAgentStore } from '../../src/agents/redis-agent.store.js';
import type { Complaint, TimelineEvent } from '../../src/complaints/complaint.types.js';
import type { EvidenceLinkOptions } from '../../src/evidence/evidence-link.js';
import type { Attachment } from '../../src/messages/message.types.js';
import type { Logger } from '../../src/logging/logger.js';
import type { SlackMessageStore, MessageRef } from './slack-message.store.js';
import type { SlackOnceStore } from './slack-once.store.js';
import { evidenceRefs, indexesOf, lastIndexes } from './slack-evidence.js';
import { HISTORY_READ, historyBlock } from './slack-history.js';
import { SlackProblems, type ReportProblem } from './slack-problems.js';
import { consolePointer } from './slack-text.js';
import { SlackDeliveryError, toDeliveryError } from './slack.errors.js';
import type { SlackKeys } from './slack.keys.js';
import { toAlertMessage, toCaseMessage, toThreadMessage, type RenderOptions, type SlackMessage } from './slack.mapper.js';

export interface SlackWorkspaceOptions {
  queueChannel: string;
  supervisorChannel: string;
  /** PUBLIC_URL: cut texts point at the case in the console. */
  publicUrl?: string;
  reportProblem?: ReportProblem;
  /** Signs evidence links (EVIDENCE_LINK_SECRET + PUBLIC_URL); null: lines say links are not configured. */
  evidenceLinks?: EvidenceLinkOptions | null;
  /** Agent id → `<@U…>` (from AGENTS' slackUserId): the owner is mentioned when their consumer writes. */
  ownerMentions?: ReadonlyMap<string, string>;
  /** The consumer's cases, newest first, for the earlier-complaints line on the case post. */
  casesOf?: (consumerId: string, limit: number) => Promise<Complaint[]>;
}

export interface SlackStores {
  messages: SlackMessageStore;
  once: SlackOnceStore;
  keys: SlackKeys;
}

/**
 * Slack as an agent workspace, through the Web API only (so worker processes without the HTTP receiver
 * can post too): each case is one message in the queue channel, kept current with chat.update, and its
 * thread carries the conversation and the status changes.
 *
 * Every method throws a `SlackDeliveryError` when Slack could not take everything, after trying every part
 * (one refused line never drops the next), and may be called again for the same change: lines and alerts
 * already posted are skipped, and a case is posted to the queue once.
 */
export class SlackWorkspace implements AgentWorkspacePort {
  readonly id = 'slack';
  private readonly problems: SlackProblems;
  private readonly render: RenderOptions;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly stores: SlackStores,
    private readonly agents: RedisAgentStore,
    private readonly opts: SlackWorkspaceOptions,
    logger: Logger,
  ) {
    this.problems = new SlackProblems(logger, stores.once, stores.keys, opts.reportProblem);
    this.render = { publicUrl: opts.publicUrl };
  }

  /** A case back in the queue updates its existing message. */
  async announceCase(c: Complaint): Promise<void> {
    const { messages, once, keys } = this.stores;
    const message = await this.caseMessage(c, await this.agents.names());
    const ref = await messages.get(c.id);
    if (ref) return this.updateCase(c, ref, message);
    if ((await once.claim(keys.announce(c.id))) !== 'mine') throw new SlackDeliveryError('slack_busy', false, `${c.id} is being posted by another process`, c.id);
    try {
      await messages.claimRender(c.id, c.version);
      const channel = this.opts.queueChannel;
      const res = await this.call(`the case message in ${channel}`, c.id, () => this.client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false }));
      if (!res.ts) throw new SlackDeliveryError('slack_no_ts', false, `Slack did not return a ts for ${c.id}`, c.id);
      await messages.save(c.id, { channel: res.channel ?? channel, ts: res.ts });
    } finally {
      await once.release(keys.announce(c.id));
    }
  }

  async caseUpdated(c: Complaint, events: TimelineEvent[]): Promise<void> {
    const ref = await this.stores.messages.get(c.id);
    if (!ref) return; // not announced yet (still in intake): the handoff worker will post it
    const names = await this.agents.names();
    const failures: SlackDeliveryError[] = [];
    const attempt = (p: Promise<void>) => p.catch((err: unknown) => void failures.push(toDeliveryError(err, 'an update', c.id)));
    await attempt(this.caseMessage(c, names).then((m) => this.updateCase(c, ref, m)));
    for (const [n, e] of events.entries()) await attempt(this.postLine(c, ref, e, n, names));
    if (failures.length) throw combine(failures, c.id);
  }

  async alertSupervisors(alert: SupervisorAlert): Promise<void> {
    const channel = this.opts.supervisorChannel;
    const key = this.stores.keys.alert(createHash('sha1').update(JSON.stringify([alert.kind, alert.complaintId, alert.at, alert.text])).digest('hex'));
    await this.atMostOnce(key, alert.complaintId, () => this.post(`the supervisor alert in ${channel}`, alert.complaintId, { channel, ...toAlertMessage(alert, this.render) }));
  }

  /** Links are signed afresh on every render, so the case post's links stay valid as long as it is updated. */
  private async caseMessage(c: Complaint, names: ReadonlyMap<string, string>): Promise<SlackMessage> {
    const [evidence, cases] = await Promise.all([
      evidenceRefs(c, c.evidence.map((_, i) => i), this.opts.evidenceLinks),
      this.opts.casesOf?.(c.consumerId, HISTORY_READ) ?? Promise.resolve([]),
    ]);
    return toCaseMessage(c, names, { ...this.render, evidence, history: historyBlock(c, cases) });
  }

  /** The files one event added: `attached` counts them, a consumer message carries them. */
  private async eventEvidence(c: Complaint, e: TimelineEvent) {
    const sent = Array.isArray(e.data?.attachments) ? (e.data.attachments as Attachment[]) : [];
    const indexes = e.type === 'attached' ? lastIndexes(c, Number(e.data?.evidence) || 0) : e.type === 'consumer_message' ? indexesOf(c, sent) : [];
    return indexes.length ? evidenceRefs(c, indexes, this.opts.evidenceLinks) : [];
  }

  private async updateCase(c: Complaint, ref: MessageRef, message: SlackMessage): Promise<void> {
    if (!(await this.stores.messages.claimRender(c.id, c.version))) return;
    await this.call(`the case message in ${ref.channel}`, c.id, () => this.client.chat.update({ channel: ref.channel, ts: ref.ts, ...message }));
  }

  /** One event's line, at most once per (case, version, position in the change). */
  private async postLine(c: Complaint, ref: MessageRef, e: TimelineEvent, n: number, names: ReadonlyMap<string, string>): Promise<void> {
    const ownerMention = c.assigneeId && e.actor.kind === 'consumer' ? this.opts.ownerMentions?.get(c.assigneeId) : undefined;
    const m = toThreadMessage(e, names, c.id, { ...this.render, evidence: await this.eventEvidence(c, e), ownerMention });
    if (!m) return;
    await this.atMostOnce(this.stores.keys.line(c.id, c.version, n), c.id, async () => {
      // Written in the thread itself: already there.
      const fromThread = (e.type === 'agent_reply' || e.type === 'internal_note') && typeof e.data?.text === 'string' && (await this.stores.messages.takeEcho(c.id, e.data.text));
      if (!fromThread) await this.post(`a thread line in ${ref.channel}`, c.id, { channel: ref.channel, thread_ts: ref.ts, ...m });
    });
  }

  private async atMostOnce(key: string, complaintId: string | undefined, post: () => Promise<void>): Promise<void> {
    const { once } = this.stores;
    const claim = await once.claim(key);
    if (claim === 'posted') return;
    if (claim === 'busy') throw new SlackDeliveryError('slack_busy', false, 'another process is posting this line', complaintId);
    try {
      await post();
    } catch (err) {
      await once.release(key);
      throw err;
    }
    await once.posted(key);
  }

  /**
   * Posts a message; if Slack refuses its blocks (a bug of ours: every limit is checked), posts a plain
   * notice with the console pointer instead, so the thread still shows that something happened, and reports it.
   */
  private async post(what: string, complaintId: string | undefined, m: SlackMessage & { channel: string; thread_ts?: string }): Promise<void> {
    const args = { ...m, unfurl_links: false, unfurl_media: false };
    try {
      await this.call(what, complaintId, () => this.client.chat.postMessage(args));
    } catch (err) {
      if (!(err instanceof SlackDeliveryError) || (err.code !== 'invalid_blocks' && err.code !== 'msg_too_long')) throw err;
      const pointer = complaintId ? consolePointer(complaintId, this.opts.publicUrl) : 'see the Redress console';
      const text = `⚠️ This update could not be shown in Slack (${err.code}); ${pointer}.`;
      await this.call(`${what} (plain notice)`, complaintId, () => this.client.chat.postMessage({ channel: m.channel, thread_ts: m.thread_ts, text, unfurl_links: false }));
    }
  }

  /** One Web API call: a failure becomes a coded SlackDeliveryError, logged and (if permanent) reported. */
  private async call<T>(what: string, complaintId: string | undefined, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const e = toDeliveryError(err, what, complaintId);
      await this.problems.failed(e);
      throw e;
    }
  }
}

/** Several parts failed: retry unless every failure is permanent. */
function combine(failures: SlackDeliveryError[], complaintId: string): SlackDeliveryError {
  const [first] = failures;
  if (failures.length === 1 && first) return first;
  const permanent = failures.every((f) => f.permanent);
  const lead = failures.find((f) => f.permanent === permanent) ?? first!;
  return new SlackDeliveryError(lead.code, permanent, `${failures.length} parts of the update for ${complaintId} failed: ${failures.map((f) => f.code).join(', ')}`, complaintId);
}
