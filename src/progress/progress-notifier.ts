import { systemClock, type Clock } from '../clock.js';
import type { ComplaintChangeNotice } from '../complaints/complaint-events.js';
import type { Complaint, TimelineEvent } from '../complaints/complaint.types.js';
import { formatAmount, formatTime, t, toneOf, type Tone } from '../i18n/catalog.js';
import type { OutboundMessage } from '../messages/message.types.js';

/** Sends one message to the consumer of a complaint (the delivery queue, in production). */
export type ConsumerSender = (c: Complaint, message: OutboundMessage & { idempotencyKey: string }) => Promise<void>;

export interface ProgressOptions {
  timeZone: string;
  /** ISO 4217 currency of proposal amounts (CURRENCY); without it amounts are bare numbers. */
  currency?: string;
  /** Agent id → display name (consumers see a name, never an internal id). */
  agentName: (id: string) => Promise<string>;
  /** How long a review takes before the consumer hears back (used in "by {reviewBy}"). */
  reviewMs: number;
  now?: Clock;
}

/**
 * Turns every committed change into the consumer's progress update: in their language, on their channel,
 * worded for their state (angry → acknowledgement; anxious → a plan with times). Silence is the most common
 * trust-breaker, so every status change the consumer can care about produces a message.
 */
export class ProgressNotifier {
  constructor(
    private readonly send: ConsumerSender,
    private readonly opts: ProgressOptions,
  ) {}

  async onChange({ complaint: c, events }: ComplaintChangeNotice): Promise<void> {
    const tone = toneOf(c.triage.emotion);
    for (const [i, e] of events.entries()) {
      const msg = await this.render(c, e, tone);
      if (msg) await this.send(c, { ...msg, complaintId: c.id, idempotencyKey: `${c.id}-${c.version}-${i}` });
    }
  }

  private async render(c: Complaint, e: TimelineEvent, tone: Tone): Promise<OutboundMessage | null> {
    const L = c.locale;
    const vars = await this.vars(c, e);
    const text = (key: string) => t(L, key, vars, tone);
    switch (e.type) {
      case 'claimed': return { kind: 'progress', text: text('progress.claimed'), card: this.card(c) };
      case 'agent_reply': return this.agentReply(c, vars);
      case 'transferred': return { kind: 'progress', text: text('progress.transferred') };
      case 'released': return { kind: 'progress', text: text('progress.released') };
      case 'escalated': return { kind: 'progress', text: text('progress.escalated'), card: this.card(c) };
      case 'proposal': return {
        kind: 'progress', text: text('progress.proposal'), expects: 'choice', card: this.card(c),
        choices: [{ value: `accept:${c.id}`, label: t(L, 'progress.accept') }, { value: `reject:${c.id}`, label: t(L, 'progress.reject') }],
      };
      case 'merchant_asked': return { kind: 'progress', text: text('progress.merchant_asked'), card: this.card(c) };
      case 'status_changed': return this.statusMessage(c, e, text);
      default: return null;
    }
  }

  /** The reply with its author's name in the text (plain-text channels) and apart from it (the widget's label). */
  private agentReply(c: Complaint, vars: Record<string, string | number>): OutboundMessage {
    const name = String(vars.agent);
    const message: OutboundMessage = { kind: 'agent_reply', text: t(c.locale, 'progress.agent_reply', vars) };
    return name ? { ...message, from: { name, text: String(vars.text) } } : message;
  }

  private statusMessage(c: Complaint, e: TimelineEvent, text: (k: string) => string): OutboundMessage | null {
    const to = e.data?.to as string;
    const card = this.card(c);
    switch (to) {
      case 'investigating': return { kind: 'progress', text: text('progress.investigating'), card };
      case 'in_review': return { kind: 'progress', text: text('progress.in_review'), card };
      case 'reopened': return ratedNow(c, e)
        ? { kind: 'progress', text: text('progress.reopened_rated'), card, expects: 'text', choices: [skip(c)] }
        : { kind: 'progress', text: text('progress.reopened'), card };
      // An SLA breach escalates without an 'escalated' event (an agent's escalation has one, rendered above).
      case 'escalated': return e.actor.kind === 'system' ? { kind: 'progress', text: text('progress.escalated'), card } : null;
      // A rating closes the case: this one message thanks, says it is closed and asks for a comment with Skip beside
      // it, so the closing cannot arrive in a different order from the question (the dialog sends nothing else).
      case 'closed': return c.rating?.comment || !ratedNow(c, e)
        ? { kind: 'progress', text: text(c.rating?.comment ? 'progress.closed_with_comment' : 'progress.closed_plain'), card }
        : { kind: 'progress', text: text('progress.closed'), card, expects: 'text', choices: [skip(c)] };
      case 'cancelled': return { kind: 'progress', text: text('progress.cancelled'), card };
      case 'resolved': return {
        kind: 'progress', text: text('progress.resolved').replace(/ {2,}/g, ' '), card, expects: 'rating',
        choices: [1, 2, 3, 4, 5].map((n) => ({ value: `rate:${c.id}:${n}`, label: '★'.repeat(n) })),
      };
      default: return null;
    }
  }

  private async vars(c: Complaint, e: TimelineEvent): Promise<Record<string, string | number>> {
    const due = (kind: string) => c.triage.deadlines.find((d) => d.kind === kind)?.dueAt;
    // The consumer's own zone when their channel told it at intake, else TIMEZONE; named either way.
    const when = (at: number | undefined) => formatTime(c.locale, at ?? (this.opts.now ?? systemClock)() + this.opts.reviewMs, c.timeZone ?? this.opts.timeZone);
    const data = e.data ?? {};
    const agentId = e.type === 'transferred' ? String(data.to) : e.actor.kind === 'agent' ? e.actor.id : c.assigneeId;
    const amount = Number(data.amount ?? 0);
    return {
      id: c.id,
      agent: agentId ? await this.opts.agentName(agentId) : '',
      text: String(data.text ?? ''),
      note: String(data.note ?? '') || t(c.locale, 'status.investigating') + '.',
      summary: String(data.summary ?? ''),
      score: Number(data.score ?? c.rating?.score ?? 0),
      amount: amount > 0 ? t(c.locale, 'progress.amount', { amount: this.opts.currency ? formatAmount(c.locale, amount, this.opts.currency) : amount }) : '',
      firstResponseBy: when(due('first_response')),
      planBy: when(due('plan') ?? due('report')),
      reviewBy: when(e.at + this.opts.reviewMs),
      merchantBy: typeof data.dueAt === 'number' ? when(data.dueAt) : '',
    };
  }

  private card(c: Complaint) {
    return { complaintId: c.id, status: c.status, statusLabel: t(c.locale, `status.${c.status}`), category: t(c.locale, `category.${c.category}`), updatedAt: c.updatedAt };
  }
}

/** The status change came from the consumer's rating in the same write (rate() writes both at one time). */
function ratedNow(c: Complaint, e: TimelineEvent): boolean {
  return e.actor.kind === 'consumer' && !!c.rating && c.rating.at === e.at;
}

function skip(c: Complaint) {
  return { value: 'skip', label: t(c.locale, 'dialog.photo_skip') };
}
