/** A row of the queue page, from the queue index (src/agents/queue-row.ts), in what agents read. Pure. */
import type { QueueIndexRow } from '../../src/agents/queue-row.js';
import type { QueueRow } from './console.mapper.js';
import { wordCues, wordReason, type Worded } from './console-reasons.mapper.js';

export interface QueueListRow extends QueueRow {
  consumerName: string | null;
  /** The latest message, cut to a preview: who wrote it, and when. */
  last: QueueIndexRow['last'];
  waitingForConsumer: boolean;
  breached: string[];
  /** `reasons` in plain words, each with the rule's own text behind a disclosure. */
  why: Worded[];
  /** Emotion cues in plain words, with the raw cue ids for the disclosure. */
  cues: { text: string[]; raw: string[] };
}

export function toQueueListRow(r: QueueIndexRow, names: ReadonlyMap<string, string>): QueueListRow {
  return {
    id: r.id, category: r.category, status: r.status, tier: r.tier, priority: r.priority, emotion: r.emotion,
    reasons: r.reasons, sla: r.sla, assigneeId: r.assigneeId, assigneeName: r.assigneeId ? (names.get(r.assigneeId) ?? r.assigneeId) : null,
    orderId: r.orderId, channel: r.channel, createdAt: r.createdAt, updatedAt: r.updatedAt, version: r.version,
    consumerName: r.consumerName, last: r.last, waitingForConsumer: r.waitingForConsumer, breached: r.breached,
    why: r.reasons.map(wordReason), cues: wordCues(r.cueLabels, r.cues),
  };
}
