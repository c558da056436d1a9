/**
 * The merchant's part of a case as pure changes to the complaint: ask, answer, late, share. Each runs inside
 * ComplaintService.mutate (the case's compare-and-set write), so "is it still open?" is decided on the case as it
 * is at that moment: of two answers racing, one lands and the other gets `merchant.already_answered`.
 */
import { RedressError } from '../errors.js';
import { cleanConsumerText, onlyUnsafeText } from '../messages/consumer-text.js';
import type { Actor, Complaint } from '../complaints/complaint.types.js';
import type { ComplaintChange } from '../complaints/redis-complaint.store.js';
import type { MerchantAnswer, MerchantRequest } from './merchant-request.types.js';

/** Requests one case may hold (each keeps its answer on the complaint): bounded, like everything a client can add. */
export const MAX_REQUESTS_PER_CASE = 10;
export const MAX_QUESTION_CHARS = 2000;
export const MAX_ANSWER_CHARS = 4000;
/** The shortest deadline (3.6 s): short enough for tests, and harmless — the merchant is only told the time. */
const MIN_DEADLINE_HOURS = 0.001;

const REQUEST_ID = /^(RD-[A-Za-z0-9-]{1,40})\.m(\d{1,2})$/;

export function requestIdOf(complaintId: string, n: number): string {
  return `${complaintId}.m${n}`;
}

/** The case a request id names, or null for anything that is not one of ours. */
export function complaintIdOf(requestId: string): string | null {
  return REQUEST_ID.exec(requestId)?.[1] ?? null;
}

export function findRequest(c: Complaint, requestId: string): MerchantRequest | undefined {
  return c.merchantRequests?.find((r) => r.id === requestId);
}

/** Hours as sent (a number or a decimal string), within (0, max]; anything else is `input.invalid`. */
export function deadlineHours(raw: unknown, maxHours: number): number {
  const hours = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isFinite(hours) || hours < MIN_DEADLINE_HOURS || hours > maxHours) {
    throw new RedressError('input.invalid', `Give the merchant a deadline in hours, more than 0 and at most ${maxHours}.`, { field: 'hours' });
  }
  return hours;
}

/** Agent and merchant text alike pass the channels' one rule for control and bidi characters. */
export function requireText(raw: string, field: string, max: number): string {
  const text = cleanConsumerText(raw).text.trim();
  if (!text && onlyUnsafeText(raw)) throw new RedressError('input.invalid', 'The text holds only control or invisible formatting characters; write it in plain text.', { field });
  if (!text) throw new RedressError('input.invalid', 'The text is empty; write something first.', { field });
  if (text.length > max) throw new RedressError('input.too_large', `The text is ${text.length} characters; the limit is ${max}.`, { field, max });
  return text;
}

export interface Ask {
  question: string;
  dueAt: number;
  agentId: string;
  at: number;
}

export function askChange(c: Complaint, ask: Ask): ComplaintChange {
  const requests = c.merchantRequests ?? [];
  if (requests.length >= MAX_REQUESTS_PER_CASE) {
    throw new RedressError('input.invalid', `This case already has ${MAX_REQUESTS_PER_CASE} merchant requests; follow up on an earlier one.`, { id: c.id });
  }
  const request: MerchantRequest = {
    id: requestIdOf(c.id, requests.length + 1), question: ask.question, askedBy: ask.agentId, askedAt: ask.at, dueAt: ask.dueAt, status: 'open',
  };
  return {
    complaint: { ...c, merchantRequests: [...requests, request], updatedAt: ask.at },
    events: [{ at: ask.at, type: 'merchant_asked', actor: { kind: 'agent', id: ask.agentId }, data: { requestId: request.id, question: request.question, dueAt: request.dueAt, merchantId: c.merchantId ?? null } }],
  };
}

/**
 * The answer lands once; after `expiresAt` (the deadline plus MERCHANT_LINK_GRACE_HOURS) it is refused, as
 * the link itself is. The files are already stored: the caller removes them when this throws.
 */
export function answerChange(c: Complaint, requestId: string, answer: MerchantAnswer, expiresAt: (r: MerchantRequest) => number): ComplaintChange {
  const r = findRequest(c, requestId);
  if (!r) throw new RedressError('complaint.not_found', `No merchant request ${requestId}.`, { requestId });
  if (r.status === 'answered') throw new RedressError('merchant.already_answered', `Request ${requestId} has already been answered.`, { requestId });
  if (answer.at > expiresAt(r)) throw new RedressError('merchant.link_expired', `Request ${requestId} closed at ${new Date(expiresAt(r)).toISOString()}.`, { requestId });
  const actor: Actor = { kind: 'system', id: `merchant:${c.merchantId ?? 'unknown'}` };
  return {
    complaint: { ...c, merchantRequests: replace(c, { ...r, status: 'answered', answer }), updatedAt: answer.at },
    events: [{ at: answer.at, type: 'merchant_answered', actor, data: { requestId, text: answer.text, files: answer.files.length, via: answer.via, late: answer.at > r.dueAt } }],
  };
}

/** At the deadline: null when the answer came first (or the timer fired before), so a re-run job writes nothing. */
export function lateChange(c: Complaint, requestId: string, at: number): ComplaintChange | null {
  const r = findRequest(c, requestId);
  if (!r || r.status !== 'open' || r.lateAt !== undefined) return null;
  return {
    complaint: { ...c, merchantRequests: replace(c, { ...r, lateAt: at }) },
    events: [{ at, type: 'merchant_late', actor: { kind: 'system', id: 'merchant-deadline' }, data: { requestId, dueAt: r.dueAt, merchantId: c.merchantId ?? null } }],
  };
}

/**
 * The agent passes the merchant's words on: an `agent_reply` (the consumer's normal delivery) plus a
 * `merchant_shared` entry saying which answer. Files stay with the agents.
 */
export function shareChange(c: Complaint, requestId: string, agentId: string, agentName: string, at: number): ComplaintChange {
  const r = findRequest(c, requestId);
  if (!r?.answer) throw new RedressError('input.invalid', `Request ${requestId} has no answer to share yet.`, { requestId });
  const actor: Actor = { kind: 'agent', id: agentId };
  return {
    complaint: { ...c, merchantRequests: replace(c, { ...r, sharedAt: at }), updatedAt: at },
    events: [
      { at, type: 'merchant_shared', actor, data: { requestId } },
      { at, type: 'agent_reply', actor, data: { text: r.answer.text, agent: agentName, fromMerchant: requestId } },
    ],
  };
}

function replace(c: Complaint, r: MerchantRequest): MerchantRequest[] {
  return (c.merchantRequests ?? []).map((x) => (x.id === r.id ? r : x));
}
