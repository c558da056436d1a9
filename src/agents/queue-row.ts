/**
 * What the agents' queue keeps per open case (src/agents/case-queue-index.ts): a small row built from the
 * complaint and its timeline, the filter values it answers to and the words it is found by. Pure functions.
 */
import type { Complaint, TimelineEvent } from '../complaints/complaint.types.js';
import type { SlaDeadline } from '../triage/triage.types.js';

/** The filters the queue answers, each an exact value (`owner`: an agent id or `none`; `breached`/`waiting`: `1`). */
export const QUEUE_FILTERS = ['status', 'tier', 'category', 'channel', 'owner', 'breached', 'waiting'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

/** Sort orders; each descending by default: priority (then oldest first), newest filed, latest activity. */
export const QUEUE_SORTS = ['priority', 'created', 'updated'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

const PREVIEW_CHARS = 160;
const MAX_TOKENS = 400;

export interface QueueIndexRow {
  id: string;
  version: number;
  status: string;
  category: string;
  tier: string;
  priority: number;
  emotion: { anger: number | null; anxiety: number | null };
  /** Triage reasons as written by the rules (the console words them for people). */
  reasons: string[];
  /** The emotion analyzer's plain-language cues, and the raw cue ids behind them. */
  cueLabels: string[];
  cues: string[];
  sla: SlaDeadline[];
  /** Deadline kinds that were missed (an `sla_breached` on the timeline). */
  breached: string[];
  assigneeId: string | null;
  orderId: string | null;
  channel: string;
  consumerId: string;
  consumerName: string | null;
  /** The latest message in the conversation, cut to a preview. */
  last: { from: 'consumer' | 'agent'; text: string; at: number } | null;
  /** A proposal waits for the consumer, or an agent wrote last. */
  waitingForConsumer: boolean;
  createdAt: number;
  updatedAt: number;
}

function lastMessage(c: Complaint, timeline: readonly TimelineEvent[]): QueueIndexRow['last'] {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const e = timeline[i]!;
    if (e.type === 'consumer_message' || e.type === 'agent_reply') {
      return { from: e.type === 'agent_reply' ? 'agent' : 'consumer', text: preview(String(e.data?.text ?? '')), at: e.at };
    }
    if (e.type === 'created' || e.type === 'attached') break;
  }
  const text = c.texts.at(-1) ?? c.description;
  return text ? { from: 'consumer', text: preview(text), at: c.createdAt } : null;
}

/** Triage stores the analyzer's reading; older cases may lack its plain-language labels. */
export function labelsOf(emotion: object): string[] {
  const labels = (emotion as { labels?: unknown }).labels;
  return Array.isArray(labels) ? labels.map(String) : [];
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat;
}

export function buildQueueRow(c: Complaint, timeline: readonly TimelineEvent[]): QueueIndexRow {
  const { anger, anxiety } = c.triage.emotion;
  const last = lastMessage(c, timeline);
  const breached = [...new Set(timeline.filter((e) => e.type === 'sla_breached').map((e) => String(e.data?.kind ?? '')))].filter(Boolean);
  return {
    id: c.id, version: c.version, status: c.status, category: c.category, tier: c.triage.tier, priority: c.triage.priority,
    emotion: { anger: anger.flagged ? anger.intensity : null, anxiety: anxiety.flagged ? anxiety.intensity : null },
    reasons: c.triage.reasons, cueLabels: labelsOf(c.triage.emotion), cues: c.triage.emotion.cues ?? [],
    sla: c.triage.deadlines.filter((d) => c.slaMet[d.kind] === undefined).sort((a, b) => a.dueAt - b.dueAt),
    breached, assigneeId: c.assigneeId, orderId: c.orderId, channel: c.address.channel,
    consumerId: c.consumerId, consumerName: c.consumerName ?? null, last,
    waitingForConsumer: c.status === 'resolution_proposed' || last?.from === 'agent',
    createdAt: c.createdAt, updatedAt: c.updatedAt,
  };
}

/** The filter sets a row belongs to, as `f:<field>:<value>` suffixes. */
export function filterMembers(row: QueueIndexRow): string[] {
  const values: Record<QueueFilter, string | null> = {
    status: row.status, tier: row.tier, category: row.category, channel: safe(row.channel), owner: row.assigneeId ? safe(row.assigneeId) : 'none',
    breached: row.breached.length ? '1' : null, waiting: row.waitingForConsumer ? '1' : null,
  };
  return Object.entries(values).filter(([, v]) => v !== null).map(([k, v]) => `f:${k}:${v}`);
}

/** Sort scores. Priority packs "highest first, then oldest first" into one exact integer (createdAt < 1e13 ms). */
export function sortScores(row: QueueIndexRow): Array<[string, number]> {
  return [
    ['sort:priority', row.priority * 1e13 + (1e13 - 1 - row.createdAt)],
    ['sort:created', row.createdAt],
    ['sort:updated', row.updatedAt],
  ];
}

/** Set keys hold ids and values as given: keep them free of anything a key should not carry. */
export function safe(value: string): string {
  return value.replace(/[{}\s]/g, '_').slice(0, 80);
}

const HAN = /\p{Script=Han}/u;

/**
 * Search tokens: lower-cased words and numbers (hyphenated ones also whole, so `RD-20261125-0042` and
 * `ORD-1001` match as typed), and for Chinese every character and every pair of characters, since Chinese
 * has no spaces. The same function cuts the query, so a query matches when every one of its tokens does.
 */
export function tokensOf(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.toLowerCase().normalize('NFKC').matchAll(/[\p{L}\p{N}]+(?:[-_.:@][\p{L}\p{N}]+)*/gu)) {
    const word = m[0];
    if (!HAN.test(word)) {
      if (word.length >= 2) out.add(safe(word));
      for (const part of word.split(/[-_.:@]/)) if (part.length >= 2) out.add(safe(part));
      continue;
    }
    for (const run of word.split(/(\p{Script=Han}+)/u)) {
      if (!run) continue;
      if (!HAN.test(run)) { if (run.length >= 2) out.add(safe(run)); continue; }
      const chars = [...run];
      chars.forEach((ch, i) => { out.add(ch); if (i + 1 < chars.length) out.add(ch + chars[i + 1]); });
    }
  }
  return [...out];
}

/** What a case is found by: its number, order, consumer (id and name) and what the consumer wrote. */
export function searchMembers(c: Complaint): string[] {
  const text = [c.id, c.orderId ?? '', c.consumerId, c.consumerName ?? '', c.description, ...c.texts].join(' ');
  return tokensOf(text).slice(0, MAX_TOKENS).map((t) => `t:${t}`);
}
