import { describe, expect, it } from 'vitest';
import { createRuleTriage, createTriage, type SlaDurations, type TriageInput } from '../../src/triage/index.js';

const sla: SlaDurations = { firstResponseMs: 30 * 60_000, dispatchMs: 2 * 3_600_000, mediumPlanMs: 48 * 3_600_000, highReportMs: 12 * 3_600_000 };
const now = Date.parse('2026-11-11T10:00:00Z');
const input = (over: Partial<TriageInput> = {}): TriageInput => ({
  category: 'other', texts: ['Hello, I have a question about my order.'], orderId: 'o-1', merchantId: 'm-1',
  consumerId: 'c-1', priorComplaints: 0, sameOrderOpen: 0, now, ...over,
});
const triage = createTriage({ sla });

describe('tiers and SLA deadlines', () => {
  it('low: first response and dispatch only', async () => {
    const r = await triage.triage(input());
    expect(r.tier).toBe('low');
    expect(r.deadlines).toEqual([{ kind: 'first_response', dueAt: now + sla.firstResponseMs }, { kind: 'dispatch', dueAt: now + sla.dispatchMs }]);
    expect(r.reasons.length).toBeGreaterThan(0);
  });
  it('medium adds a plan deadline', async () => {
    const r = await triage.triage(input({ category: 'quality_defect', texts: ['The kettle stopped working.'] }));
    expect(r.tier).toBe('medium');
    expect(r.deadlines.map((d) => d.kind)).toEqual(['first_response', 'dispatch', 'plan']);
  });
  it('high adds a report deadline', async () => {
    const r = await triage.triage(input({ category: 'counterfeit', texts: ['These are fakes.'] }));
    expect(r.tier).toBe('high');
    expect(r.deadlines.find((d) => d.kind === 'report')?.dueAt).toBe(now + sla.highReportMs);
  });
});

describe('risk keywords', () => {
  it('raise any category to high, with the keyword in the reason', async () => {
    const low = await triage.triage(input({ category: 'late_delivery', texts: ['Where is my parcel?'] }));
    const r = await triage.triage(input({ category: 'late_delivery', texts: ['Where is my parcel? If not here tomorrow I go to the press. 我要曝光你们'] }));
    expect(low.tier).toBe('low');
    expect(r.tier).toBe('high');
    expect(r.priority).toBeGreaterThan(low.priority);
    expect(r.reasons.join('\n')).toMatch(/public-opinion.*"the press"/);
  });
});

describe('emotion', () => {
  it('per-complaint peak and trend, and anger raises priority', async () => {
    const calm = await triage.triage(input({ texts: ['Could you check my order?'] }));
    const r = await triage.triage(input({ texts: ['Could you check my order?', 'Still nothing after a week.', 'This is RIDICULOUS!!! Worst service ever 😡'] }));
    expect(r.emotion.anger.flagged).toBe(true);
    expect(r.emotionTrend).toMatchObject({ trend: 'rising' });
    expect(r.emotionTrend!.peakAnger).toBe(r.emotion.anger.intensity);
    expect(r.priority).toBeGreaterThan(calm.priority);
    expect(r.reasons.join('\n')).toMatch(/angry/);
  });
  it('a rising trend ranks above the same messages calming down', async () => {
    const calm = 'Thanks, I will wait for the courier.';
    const angry = 'This is RIDICULOUS!!! Worst service ever 😡';
    const rising = await triage.triage(input({ texts: [calm, angry] }));
    const falling = await triage.triage(input({ texts: [angry, calm] }));
    expect(rising.emotion.anger.intensity).toBe(falling.emotion.anger.intensity);
    expect(rising.priority).toBeGreaterThan(falling.priority);
    expect(rising.reasons.join('\n')).toMatch(/rising/);
  });
  it('analyze is the per-message analyzer', () => {
    expect(triage.analyze('我非常担心').anxiety.flagged).toBe(true);
  });
});

describe('history', () => {
  it('a repeat complaint about the same order is at least medium and ranks higher', async () => {
    const first = await triage.triage(input());
    const repeat = await triage.triage(input({ sameOrderOpen: 1 }));
    expect(repeat.tier).toBe('medium');
    expect(repeat.priority).toBeGreaterThan(first.priority);
    expect(repeat.reasons.join('\n')).toMatch(/same order/);
  });
  it("a consumer's earlier complaints raise priority and emotion (repeat contact)", async () => {
    const first = await triage.triage(input({ texts: ['Where is my parcel?'] }));
    const again = await triage.triage(input({ texts: ['Where is my parcel?'], priorComplaints: 2 }));
    expect(again.priority).toBeGreaterThan(first.priority);
    expect(again.emotion.anger.intensity).toBeGreaterThan(first.emotion.anger.intensity);
    expect(again.reasons.join('\n')).toMatch(/2 earlier complaint/);
  });
});

describe('promotion windows', () => {
  const promotions = [{ name: "Singles' Day", start: '2026-11-10T16:00:00Z', end: '2026-11-13T16:00:00Z' }, { name: 'Black Friday', start: Date.parse('2026-11-27T00:00:00Z'), end: Date.parse('2026-11-30T00:00:00Z') }];
  const promo = createTriage({ sla, promotions });
  it('raise fulfilment categories inside the window only', async () => {
    const late = input({ category: 'late_delivery', texts: ['My parcel is late.'] });
    const inWindow = await promo.triage(late);
    const outside = await promo.triage({ ...late, now: Date.parse('2026-12-05T10:00:00Z') });
    const noConfig = await triage.triage(late);
    expect(inWindow.priority).toBeGreaterThan(outside.priority);
    expect(outside.priority).toBe(noConfig.priority);
    expect(inWindow.reasons.join('\n')).toMatch(/Singles' Day/);
  });
  it('do not touch other categories', async () => {
    const billing = input({ category: 'billing', texts: ['I was overcharged.'] });
    expect((await promo.triage(billing)).priority).toBe((await triage.triage(billing)).priority);
  });
});

describe('category suggestion and compatibility', () => {
  it('notes when the text suggests another category', async () => {
    const r = await triage.triage(input({ category: 'other', texts: ['The vase arrived smashed'] }));
    expect(r.suggestedCategory?.category).toBe('damaged_in_transit');
    expect(r.reasons.join('\n')).toMatch(/suggests category damaged_in_transit/);
  });
  it('createRuleTriage(sla) still works, on the new rules', async () => {
    const legacy = createRuleTriage(sla);
    const r = await legacy.triage(input({ category: 'counterfeit' }));
    expect(r.tier).toBe('high');
    expect(legacy.suggestCategory('这是假货')?.category).toBe('counterfeit');
  });
  it('priority stays within 0–100 however many rules fire', async () => {
    const r = await triage.triage(input({ category: 'counterfeit', priorComplaints: 9, sameOrderOpen: 3, texts: ['FAKE and DANGEROUS!!! it exploded, my kid is in hospital, lawyer and press, 12315, 曝光, 骗子 🤬🤬'] }));
    expect(r.priority).toBeLessThanOrEqual(100);
    expect(r.priority).toBeGreaterThan(90);
  });
});
