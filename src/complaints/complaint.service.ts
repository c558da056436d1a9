import { systemClock } from '../clock.js';
import { RedressError } from '../errors.js';
import type { Attachment, ConversationAddress } from '../messages/message.types.js';
import type { Triage } from '../triage/triage.js';
import { assertTransition, isOpen } from './complaint-state-machine.js';
import type { Actor, Complaint, ComplaintDraft, ComplaintStatus, TimelineEvent } from './complaint.types.js';
import type { ConsumerProfileStore } from './consumer-profile.store.js';
import { draftFingerprint } from './draft-fingerprint.js';
import type { ComplaintChange, CommittedChange, RedisComplaintStore, Submission } from './redis-complaint.store.js';
import type { ChangeProcessor } from '../changes/change-processor.js';
import type { DeferredEffects } from '../changes/deferred-effects.js';
import { deadlinesMet } from '../sla/sla-deadlines.js';
import type { OrderEnricher } from '../orders/order-enricher.js';

/** Complaints about one merchant counted for the repeat-merchant triage rule. */
const MERCHANT_WINDOW_MS = 30 * 86_400_000;

/** The create path writes the indexes outside the complaint's slot itself; the change's `indexes` side effect is for a writer that could not. */
const INDEXED: ReadonlySet<string> = new Set(['indexes']);

export interface SubmitResult {
  complaint: Complaint;
  /** True when the draft was attached to an open case about the same order instead of opening a new one. */
  attached: boolean;
}

/**
 * The complaint lifecycle on the consumer's side (submit, reply, accept/reject, rate, cancel) and the
 * one place every change goes through: the store writes the change with its change-log entry, then the
 * change processor runs its side effects (and a worker finishes them if this process cannot).
 */
export class ComplaintService {
  constructor(
    readonly store: RedisComplaintStore,
    private readonly profiles: ConsumerProfileStore,
    private readonly triage: Triage,
    private readonly changes: ChangeProcessor,
    private readonly now: () => number = systemClock,
    /** Resolves once the case is safe from a failover (Redis WAIT); throws `redis.not_replicated` when it is not. */
    private readonly durable?: (c: Pick<Complaint, 'id' | 'version' | 'consumerId' | 'createdAt'>) => Promise<void>,
    /** Adds the order's facts (merchant, items, delivery) before triage; without it a case carries what the dialog gave. */
    private readonly enrichOrder?: OrderEnricher,
  ) {}

  async submit(address: ConversationAddress, consumerId: string, filed: ComplaintDraft): Promise<SubmitResult> {
    let draft = filed;
    const now = this.now();
    const consumer: Actor = { kind: 'consumer', id: consumerId };
    const fingerprint = draftFingerprint(draft);
    // The draft's marker and the indexes of the consumer's and the order's cases, read together (one round trip).
    const [submitted, mine, ofOrder] = await Promise.all([
      this.store.findSubmission(consumerId, fingerprint),
      this.store.consumerIndex(consumerId),
      draft.orderId ? this.store.orderIndex(draft.orderId) : null,
    ]);
    const done = await this.resubmitted(submitted);
    if (done) return done;
    // Only a case in both the consumer's and the order's index can be one to attach to: only then are the order's
    // cases read before anything is filed. Otherwise they are read beside the consumer's (open ones for triage; the
    // archive holds only ended cases, so Redis's ids are enough).
    const mayAttach = ofOrder !== null && ofOrder.ids.length > 0 && (!mine.complete || ofOrder.ids.some((id) => mine.ids.includes(id)));
    const sameOrder = mayAttach ? await ofOrder.read() : null;
    const existing = sameOrder?.find((c) => c.consumerId === consumerId && isOpen(c.status));
    if (existing) {
      const change = await this.store.update(existing.id, (c) => ({
        complaint: { ...c, evidence: [...c.evidence, ...draft.evidence], texts: [...c.texts, ...draft.texts], updatedAt: now },
        events: [{ at: now, type: 'attached', actor: consumer, channel: address.channel, data: { description: draft.description, evidence: draft.evidence.length } }],
      }));
      await this.store.recordSubmission(consumerId, fingerprint, { id: existing.id, attached: true });
      await this.publish(change);
      await this.durable?.(change.notice.complaint);
      return { complaint: change.notice.complaint, attached: true };
    }
    if (this.enrichOrder) draft = await this.enrichOrder(draft, address);
    const facts = draft;
    // The consumer's earlier cases, the merchant's count, the surge counts and the number leave in one write: none
    // of them waits for another (the number does not depend on triage).
    const repeat = (async () => {
      const [history, ofSameOrder, merchantRecent] = await Promise.all([
        mine.empty ? [] : mine.read(),
        sameOrder ?? this.store.getMany(ofOrder?.ids ?? []),
        facts.merchantId ? this.store.countByMerchantSince(facts.merchantId, now - MERCHANT_WINDOW_MS) : 0,
      ]);
      return {
        priorComplaints: history.length,
        sameOrderOpen: ofSameOrder.filter((c) => isOpen(c.status)).length,
        merchantRecent,
        sameProductBefore: facts.productId ? history.filter((c) => c.productId === facts.productId).length : 0,
      };
    })();
    const [triaged, id] = await Promise.all([
      this.triage.triageWhile({
        category: facts.category, texts: facts.texts, orderId: facts.orderId, merchantId: facts.merchantId ?? null,
        consumerId, now, productId: facts.productId ?? null, order: facts.order ?? null, orderFacts: facts.orderFacts,
      }, repeat),
      this.store.nextNumber(now),
    ]);
    // Asking for a person mid-intake is a signal of its own: the case should not wait behind routine ones.
    const triage = draft.wantsHuman
      ? { ...triaged, priority: Math.min(100, triaged.priority + 10), reasons: [...triaged.reasons, 'consumer asked to talk to a person → +10'] }
      : triaged;
    const draftCase: Complaint = {
      ...draft, id, version: 1, status: 'queued', consumerId, address, triage,
      assigneeId: null, proposal: null, rating: null, slaMet: {}, createdAt: now, updatedAt: now,
    };
    const events: TimelineEvent[] = [
      { at: now, type: 'created', actor: consumer, channel: address.channel, data: { category: draft.category, orderId: draft.orderId, texts: draft.texts } },
      { at: now, type: 'triaged', actor: { kind: 'system', id: 'triage' }, data: { tier: triage.tier, priority: triage.priority, reasons: triage.reasons, emotion: triage.emotion } },
      { at: now, type: 'status_changed', actor: { kind: 'system', id: 'intake' }, data: { from: 'intake', to: 'queued' } },
    ];
    // The store may give it the next number (a counter behind the data) or find the draft already filed.
    const { complaint, fresh, indexed } = await this.store.create(draftCase, events, fingerprint, submitted);
    if (fresh) {
      await Promise.all([
        this.changes.beside(() => this.profiles.recordComplaint(complaint)),
        this.publish({ notice: { complaint, previous: null, events }, previousPending: false }, indexed ? INDEXED : undefined),
      ]);
    }
    await this.durable?.(complaint);
    return { complaint, attached: false };
  }

  /**
   * A confirm retried after `redis.not_replicated` (or pressed twice): its case exists, so only durability is
   * still owed. Once that case is closed or cancelled, the same draft again is a new complaint.
   */
  private async resubmitted(done: Submission | null): Promise<SubmitResult | null> {
    const complaint = done && (await this.store.get(done.id));
    if (!done || !complaint || !isOpen(complaint.status)) return null;
    await this.durable?.(complaint);
    return { complaint, attached: done.attached };
  }

  /**
   * Runs `fn` (a consumer's turn) with the side effects of what it changes held on `held`, for the caller to run
   * once the turn's reply and commit are out (ChangeProcessor.deferWithin).
   */
  holdingEffects<T>(held: DeferredEffects, fn: () => Promise<T>): Promise<T> {
    return this.changes.deferWithin(held, fn);
  }

  /** The consumer's own cases only; anything else is `consumer.not_owner`. */
  async requireOwn(consumerId: string, id: string): Promise<Complaint> {
    const c = await this.store.get(id);
    if (!c || c.consumerId !== consumerId) {
      throw new RedressError('consumer.not_owner', `We found no complaint ${id} filed from this account.`, { id });
    }
    return c;
  }

  listOwn(consumerId: string): Promise<Complaint[]> {
    return this.store.listByConsumer(consumerId);
  }

  /** The newest open case of this consumer, where their free messages go. */
  async activeCase(consumerId: string): Promise<Complaint | null> {
    return (await this.listOwn(consumerId)).find((c) => isOpen(c.status)) ?? null;
  }

  async consumerMessage(consumerId: string, id: string, text: string, attachments: Attachment[] = [], channel?: string): Promise<Complaint> {
    await this.requireOwn(consumerId, id);
    const now = this.now();
    return this.mutate(id, (c) => ({
      complaint: { ...c, texts: [...c.texts, text].slice(-50), evidence: [...c.evidence, ...attachments], updatedAt: now },
      events: [{ at: now, type: 'consumer_message', actor: { kind: 'consumer', id: consumerId }, channel, data: { text, attachments } }],
    }));
  }

  async acceptProposal(consumerId: string, id: string): Promise<Complaint> {
    await this.requireOwn(consumerId, id);
    return this.transition(id, 'resolved', { kind: 'consumer', id: consumerId }, 'proposal_accepted', {}, undefined, proposalPending);
  }

  async rejectProposal(consumerId: string, id: string, reason = ''): Promise<Complaint> {
    await this.requireOwn(consumerId, id);
    return this.transition(id, 'in_review', { kind: 'consumer', id: consumerId }, 'proposal_rejected', { reason }, undefined, proposalPending);
  }

  /** 1–5; a rating of 2 or less reopens the case for review instead of closing it. */
  async rate(consumerId: string, id: string, score: number, comment?: string): Promise<Complaint> {
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      throw new RedressError('input.invalid', 'A rating is a whole number from 1 to 5.', { score });
    }
    await this.requireOwn(consumerId, id);
    const to: ComplaintStatus = score <= 2 ? 'reopened' : 'closed';
    // Only a resolved case is rated: closed → reopened is legal, so without this a second press on the old
    // rating buttons would overwrite the rating and reopen a case the consumer had already closed.
    const onlyResolved = (x: Complaint) => {
      if (x.status !== 'resolved') throw new RedressError('complaint.illegal_transition', `Complaint ${id} is ${x.status}; only a resolved case can be rated.`, { id, from: x.status, to });
    };
    const c = await this.transition(id, to, { kind: 'consumer', id: consumerId }, 'rated', { score, comment }, (x, at) => ({ ...x, rating: { score, comment, at } }), onlyResolved);
    await this.changes.beside(() => this.profiles.recordOutcome(c));
    return c;
  }

  /** The optional comment that follows a rating; kept on the rating and the timeline. */
  async addRatingComment(consumerId: string, id: string, comment: string): Promise<Complaint> {
    const c = await this.requireOwn(consumerId, id);
    if (!c.rating) throw new RedressError('input.invalid', `Complaint ${id} has not been rated yet.`, { id });
    const now = this.now();
    return this.mutate(id, (x) => ({
      complaint: { ...x, rating: x.rating ? { ...x.rating, comment } : x.rating, updatedAt: now },
      events: [{ at: now, type: 'rated', actor: { kind: 'consumer', id: consumerId }, data: { score: x.rating?.score, comment } }],
    }));
  }

  async cancel(consumerId: string, id: string): Promise<Complaint> {
    await this.requireOwn(consumerId, id);
    return this.transition(id, 'cancelled', { kind: 'consumer', id: consumerId }, 'status_changed');
  }

  /**
   * Moves a case to `to`, appending a `status_changed` event plus an optional event of its own,
   * after `patch` shapes the stored value; `patch` gets the change's own time, so what it stamps (a rating's `at`)
   * equals its events' time even when the clock ticks between calls. Illegal moves throw `complaint.illegal_transition`.
   */
  async transition(
    id: string, to: ComplaintStatus, actor: Actor, type: TimelineEvent['type'], data: Record<string, unknown> = {},
    patch: (c: Complaint, at: number) => Complaint = (c) => c, guard?: (c: Complaint) => void,
  ): Promise<Complaint> {
    const now = this.now();
    return this.mutate(id, (c) => {
      guard?.(c);
      assertTransition(id, c.status, to);
      // A plain status change keeps what was said with it (an investigation's note) beside from/to.
      const events: TimelineEvent[] = [{ at: now, type: 'status_changed', actor, data: type === 'status_changed' ? { ...data, from: c.status, to } : { from: c.status, to } }];
      if (type !== 'status_changed') events.unshift({ at: now, type, actor, data });
      return { complaint: { ...patch(c, now), status: to, updatedAt: now }, events };
    });
  }

  /** A write plus its fan-out; every change to a case passes here. */
  async mutate(id: string, change: (c: Complaint) => ComplaintChange): Promise<Complaint> {
    const result = await this.store.update(id, (c) => withSlaMet(change(c), this.now()));
    await this.publish(result);
    return result.notice.complaint;
  }

  /** `done`: side effects this process has already carried out with the write itself. */
  private async publish(change: CommittedChange, done?: ReadonlySet<string>): Promise<void> {
    await this.changes.afterCommit(change.notice, change.previousPending, done);
  }

}

/**
 * Accept / reject answer a proposal on the table. Without this, a stale "Accept" button (the agent has since
 * gone back to investigating, or the case is merely claimed) would resolve a case nobody proposed anything for.
 */
function proposalPending(c: Complaint): void {
  if (c.status !== 'resolution_proposed') {
    throw new RedressError('complaint.illegal_transition', `Complaint ${c.id} has no proposal waiting for an answer (it is ${c.status}).`, { id: c.id, from: c.status });
  }
}

/** Marks deadlines this change meets (in the same write), with an `sla_met` event each, so timers can be cancelled. */
function withSlaMet(change: ComplaintChange, now: number): ComplaintChange {
  const replied = change.events.some((e) => e.type === 'agent_reply');
  const met = deadlinesMet(change.complaint, replied);
  if (!met.length) return change;
  const slaMet = { ...change.complaint.slaMet };
  for (const kind of met) slaMet[kind] = now;
  const events = [...change.events, ...met.map((kind) => ({ at: now, type: 'sla_met' as const, actor: { kind: 'system' as const, id: 'sla' }, data: { kind } }))];
  return { complaint: { ...change.complaint, slaMet }, events };
}
