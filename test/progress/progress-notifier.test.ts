import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Complaint, Locale, TimelineEvent } from '../../src/complaints/complaint.types.js';
import { formatTime } from '../../src/i18n/catalog.js';
import type { OutboundMessage } from '../../src/messages/message.types.js';
import { ProgressNotifier } from '../../src/progress/progress-notifier.js';
import type { EmotionResult } from '../../src/triage/triage.types.js';
import { address, draft } from '../complaints/core-fixture.js';

// The catalogues read as plain JSON, independently of the module that formats them.
const require = createRequire(import.meta.url);
const CATALOG: Record<Locale, Record<string, string>> = {
  en: require('../../src/i18n/messages.en.json') as Record<string, string>,
  zh: require('../../src/i18n/messages.zh.json') as Record<string, string>,
};
function fill(locale: Locale, key: string, vars: Record<string, string | number>): string {
  const template = CATALOG[locale][key];
  if (template === undefined) throw new Error(`no ${key} in ${locale}`);
  return template.replace(/\{(\w+)\}/g, (_, n: string) => String(vars[n]));
}

const ID = 'RD-20261124-0042';
const AT = Date.parse('2026-11-24T10:00:00Z');
const REVIEW_MS = 24 * 3_600_000;
const FIRST_DUE = AT + 30 * 60_000;
const PLAN_DUE = AT + 48 * 3_600_000;
const calm: EmotionResult = { anger: { flagged: false, intensity: 1 }, anxiety: { flagged: false, intensity: 1 }, cues: [] };
const angry: EmotionResult = { anger: { flagged: true, intensity: 8 }, anxiety: { flagged: true, intensity: 6 }, cues: ['anger:scam'] };
const anxious: EmotionResult = { anger: { flagged: false, intensity: 1 }, anxiety: { flagged: true, intensity: 7 }, cues: ['anxiety:worried'] };

function complaint(locale: Locale, emotion: EmotionResult, over: Partial<Complaint> = {}): Complaint {
  return {
    ...draft({ locale }), id: ID, version: 7, status: 'claimed', consumerId: 'c-1', address: address(),
    triage: { category: 'late_delivery', tier: 'medium', priority: 50, reasons: [], emotion,
      deadlines: [{ kind: 'first_response', dueAt: FIRST_DUE }, { kind: 'plan', dueAt: PLAN_DUE }] },
    assigneeId: 'a-ling', proposal: null, rating: null, slaMet: {}, createdAt: AT, updatedAt: AT, ...over,
  };
}

const agentEv = (type: TimelineEvent['type'], data: Record<string, unknown> = {}): TimelineEvent => ({ at: AT, type, actor: { kind: 'agent', id: 'a-ling' }, data });
const status = (to: string, data: Record<string, unknown> = {}, kind: 'agent' | 'consumer' = 'agent'): TimelineEvent => ({ at: AT, type: 'status_changed', actor: { kind, id: kind === 'agent' ? 'a-ling' : 'c-1' }, data: { from: 'x', to, ...data } });

async function render(c: Complaint, events: TimelineEvent[]): Promise<Array<OutboundMessage & { idempotencyKey: string }>> {
  const out: Array<OutboundMessage & { idempotencyKey: string }> = [];
  const names: Record<string, string> = { 'a-ling': 'Ling', 'a-omar': 'Omar' };
  const n = new ProgressNotifier(async (to, m) => { expect(to.id).toBe(c.id); out.push(m); }, { timeZone: 'UTC', agentName: async (id) => names[id] ?? '?', reviewMs: REVIEW_MS });
  await n.onChange({ complaint: c, previous: null, events });
  return out;
}

async function one(c: Complaint, e: TimelineEvent): Promise<OutboundMessage> {
  const out = await render(c, [e]);
  expect(out).toHaveLength(1);
  return out[0] as OutboundMessage;
}

describe.each(['en', 'zh'] as const)('progress messages in %s', (L) => {
  const reviewBy = formatTime(L, AT + REVIEW_MS, 'UTC');
  const amountText = fill(L, 'progress.amount', { amount: 40 });
  const cases: Array<[string, Partial<Complaint>, TimelineEvent, string, Record<string, string | number>]> = [
    ['claimed', {}, agentEv('claimed'), 'progress.claimed', { agent: 'Ling', id: ID }],
    ['agent reply', {}, agentEv('agent_reply', { text: 'We checked the courier scan.' }), 'progress.agent_reply', { agent: 'Ling', text: 'We checked the courier scan.' }],
    ['transferred', { assigneeId: 'a-omar' }, { at: AT, type: 'transferred', actor: { kind: 'agent', id: 's-sue' }, data: { from: 'a-ling', to: 'a-omar' } }, 'progress.transferred', { agent: 'Omar', id: ID }],
    ['released', { status: 'queued', assigneeId: null }, agentEv('released'), 'progress.released', { id: ID }],
    ['escalated', { status: 'escalated' }, agentEv('escalated', { reason: 'x' }), 'progress.escalated', { id: ID }],
    ['investigating', { status: 'investigating' }, status('investigating', { note: 'We asked the warehouse for photos.' }), 'progress.investigating', { id: ID, note: 'We asked the warehouse for photos.' }],
    ['in review', { status: 'in_review' }, status('in_review', {}, 'consumer'), 'progress.in_review', { id: ID, reviewBy }],
    ['reopened', { status: 'reopened' }, status('reopened', {}, 'consumer'), 'progress.reopened', { id: ID, reviewBy }],
    ['closed', { status: 'closed', rating: { score: 4, at: AT } }, status('closed', {}, 'consumer'), 'progress.closed', { id: ID, score: 4 }],
    ['cancelled', { status: 'cancelled' }, status('cancelled', {}, 'consumer'), 'progress.cancelled', { id: ID }],
    ['proposal', { status: 'resolution_proposed' }, agentEv('proposal', { text: 'A full refund', amount: 40 }), 'progress.proposal', { id: ID, text: 'A full refund', amount: amountText }],
  ];

  it.each(cases)('%s', async (_name, over, event, key, vars) => {
    const m = await one(complaint(L, calm, over), event);
    expect(m.text).toBe(fill(L, key, vars));
    expect(m.complaintId).toBe(ID);
  });

  it('the proposal offers accept/reject choices for this case', async () => {
    const m = await one(complaint(L, calm, { status: 'resolution_proposed' }), agentEv('proposal', { text: 'A replacement', amount: 0 }));
    expect(m.text).toBe(fill(L, 'progress.proposal', { id: ID, text: 'A replacement', amount: '' }));
    expect(m.expects).toBe('choice');
    expect(m.choices).toEqual([
      { value: `accept:${ID}`, label: CATALOG[L]['progress.accept'] },
      { value: `reject:${ID}`, label: CATALOG[L]['progress.reject'] },
    ]);
  });

  it('an agent reply names its author in the text and apart from it, for a channel that labels the bubble', async () => {
    const m = await one(complaint(L, calm), agentEv('agent_reply', { text: 'We checked the courier scan.' }));
    expect(m.text).toBe(fill(L, 'progress.agent_reply', { agent: 'Ling', text: 'We checked the courier scan.' }));
    expect(m.from).toEqual({ name: 'Ling', text: 'We checked the courier scan.' });
    // Other messages have no author to show.
    expect((await one(complaint(L, calm), agentEv('claimed'))).from).toBeUndefined();
  });

  it('resolved asks for a 1–5 rating', async () => {
    const m = await one(complaint(L, calm, { status: 'resolved' }), status('resolved', { summary: 'Refund sent.' }));
    expect(m.text).toBe(fill(L, 'progress.resolved', { id: ID, summary: 'Refund sent.' }));
    expect(m.expects).toBe('rating');
    expect(m.choices?.map((c) => c.value)).toEqual([1, 2, 3, 4, 5].map((n) => `rate:${ID}:${n}`));
  });

  it('the status card is in the consumer\'s language', async () => {
    const m = await one(complaint(L, calm, { status: 'investigating' }), status('investigating', { note: 'n' }));
    expect(m.card).toEqual({ complaintId: ID, status: 'investigating', statusLabel: CATALOG[L]['status.investigating'], category: CATALOG[L]['category.late_delivery'], updatedAt: AT });
  });

  it('angry consumers get the .angry wording', async () => {
    const claimed = await one(complaint(L, angry), agentEv('claimed'));
    expect(claimed.text).toBe(fill(L, 'progress.claimed.angry', { agent: 'Ling', id: ID }));
    const review = await one(complaint(L, angry, { status: 'in_review' }), status('in_review', {}, 'consumer'));
    expect(review.text).toBe(fill(L, 'progress.in_review.angry', { id: ID, reviewBy }));
    const resolved = await one(complaint(L, angry, { status: 'resolved' }), status('resolved', { summary: 'Refund sent.' }));
    expect(resolved.text).toBe(fill(L, 'progress.resolved.angry', { id: ID, summary: 'Refund sent.' }));
    // no .angry variant: the plain message
    const released = await one(complaint(L, angry, { status: 'queued' }), agentEv('released'));
    expect(released.text).toBe(fill(L, 'progress.released', { id: ID }));
  });

  it('anxious consumers get the .anxious wording, with times', async () => {
    const claimed = await one(complaint(L, anxious), agentEv('claimed'));
    expect(claimed.text).toBe(fill(L, 'progress.claimed.anxious', { agent: 'Ling', id: ID, firstResponseBy: formatTime(L, FIRST_DUE, 'UTC') }));
    const inv = await one(complaint(L, anxious, { status: 'investigating' }), status('investigating', { note: 'Checking.' }));
    expect(inv.text).toBe(fill(L, 'progress.investigating.anxious', { id: ID, note: 'Checking.', planBy: formatTime(L, PLAN_DUE, 'UTC') }));
    const prop = await one(complaint(L, anxious, { status: 'resolution_proposed' }), agentEv('proposal', { text: 'A full refund', amount: 40 }));
    expect(prop.text).toBe(fill(L, 'progress.proposal.anxious', { id: ID, text: 'A full refund', amount: amountText }));
  });
});

describe('times, amounts and the closing', () => {
  it('gives times in the consumer\'s own zone when intake recorded it, else in TIMEZONE; named either way', async () => {
    const own = await one(complaint('en', anxious, { timeZone: 'Asia/Shanghai' }), agentEv('claimed'));
    expect(own.text).toContain(`reply by ${formatTime('en', FIRST_DUE, 'Asia/Shanghai')}.`);
    expect(own.text).toContain('(GMT+8)');
    const shop = await one(complaint('zh', anxious), agentEv('claimed'));
    expect(shop.text).toContain(`${formatTime('zh', FIRST_DUE, 'UTC')} 前回复您`);
    expect(shop.text).toContain('（UTC）');
  });

  it('tells the consumer the seller was asked and when to expect the answer, in their language and zone; the answer itself is never sent', async () => {
    const due = AT + 48 * 3_600_000;
    const asked = agentEv('merchant_asked', { requestId: `${ID}.m1`, question: 'Packing photo?', dueAt: due });
    const zh = await one(complaint('zh', calm, { timeZone: 'Asia/Shanghai' }), asked);
    expect(zh.text).toBe(fill('zh', 'progress.merchant_asked', { id: ID, merchantBy: formatTime('zh', due, 'Asia/Shanghai') }));
    expect(zh.text).toContain('11月26日 18:00');
    const en = await one(complaint('en', calm), asked);
    expect(en.text).toBe(`We have asked the seller about ${ID}; we expect their answer by 26 Nov, 10:00 (UTC). We'll keep you posted.`);
    const answered: TimelineEvent = { at: AT, type: 'merchant_answered', actor: { kind: 'system', id: 'merchant:m-1' }, data: { requestId: `${ID}.m1`, text: 'Our packing was fine.' } };
    expect(await render(complaint('en', calm), [answered, agentEv('merchant_late', { requestId: `${ID}.m1` })])).toEqual([]);
  });

  it('shows amounts with the configured currency', async () => {
    const out: OutboundMessage[] = [];
    const withCurrency = new ProgressNotifier(async (_c, m) => { out.push(m); }, { timeZone: 'UTC', currency: 'EUR', agentName: async () => 'Ling', reviewMs: REVIEW_MS });
    await withCurrency.onChange({ complaint: complaint('en', calm, { status: 'resolution_proposed' }), previous: null, events: [agentEv('proposal', { text: 'A refund', amount: 40 })] });
    expect(out[0]?.text).toContain('(amount: €40.00)');
  });

  it('a rating closes with one message asking for a comment, Skip beside it; with a comment already given, only thanks', async () => {
    const rated = { status: 'closed' as const, rating: { score: 4, at: AT } };
    const ask = await one(complaint('en', calm, rated), status('closed', {}, 'consumer'));
    expect(ask.choices).toEqual([{ value: 'skip', label: CATALOG.en['dialog.photo_skip'] }]);
    const thanked = await one(complaint('en', calm, { ...rated, rating: { score: 4, at: AT, comment: 'Fair.' } }), status('closed', {}, 'consumer'));
    expect(thanked.text).toBe(fill('en', 'progress.closed_with_comment', { score: 4, id: ID }));
    expect(thanked.choices).toBeUndefined();
    const low = await one(complaint('en', calm, { status: 'reopened', rating: { score: 1, at: AT } }), status('reopened', {}, 'consumer'));
    expect(low.text).toBe(fill('en', 'progress.reopened_rated', { id: ID, reviewBy: formatTime('en', AT + REVIEW_MS, 'UTC') }));
    expect(low.choices?.map((c) => c.value)).toEqual(['skip']);
  });
});

describe('what the consumer does not hear about', () => {
  it.each(['internal_note', 'sla_met', 'sla_breached', 'created', 'triaged', 'rated', 'attached', 'consumer_message', 'proposal_accepted', 'delivery_failed'] as const)('%s', async (type) => {
    expect(await render(complaint('en', calm), [agentEv(type, { text: 'secret' })])).toEqual([]);
  });

  it('status changes with their own message elsewhere (claimed, queued, escalated) are not doubled', async () => {
    const out = await render(complaint('en', calm), [agentEv('claimed'), status('claimed')]);
    expect(out).toHaveLength(1);
    expect(await render(complaint('en', calm, { status: 'queued' }), [status('queued')])).toEqual([]);
  });
});

describe('idempotency keys', () => {
  it('are unique per event of a change and stable across re-runs', async () => {
    const c = complaint('en', calm, { status: 'resolved' });
    const events = [status('resolved', { summary: 'a' }), agentEv('agent_reply', { text: 'b' })];
    const first = await render(c, events);
    const again = await render(c, events);
    expect(first.map((m) => m.idempotencyKey)).toEqual([`${ID}-7-0`, `${ID}-7-1`]);
    expect(again.map((m) => m.idempotencyKey)).toEqual(first.map((m) => m.idempotencyKey));
  });
});
