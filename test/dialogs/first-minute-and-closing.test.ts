/**
 * The consumer's side of the dialog (issue 10, items 1, 2, 4, 8): feelings acknowledged before questions, times
 * in the consumer's zone, a rating that cannot go wrong, a confirmation before Cancel. Real Redis, the whole app,
 * a test channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTime, t as say, variant } from '../../src/i18n/catalog.js';
import { TestRedis } from '../helpers/redis-server.js';
import { consumer, eventually, fileComplaint, startTestApp, walkToSummary, type TestApp } from '../helpers/test-app.js';

const ANGRY = "My parcel arrived broken and nobody answers my emails. I'm really angry!!!";
const ANXIOUS = "I'm really worried, my parcel with my mum's medicine is lost and I don't know what to do";
const redis = new TestRedis();
let t: TestApp;
beforeAll(async () => {
  await redis.start();
  t = await startTestApp(redis.url, { BOT_NAME: 'Mimi from MegaMart', TIMEZONE: 'Europe/Berlin', CURRENCY: 'EUR' });
  await t.app.core.agents.upsert({ id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500 });
});
afterAll(async () => {
  await t?.app.close();
  await redis.destroy();
});

const texts = (c: ReturnType<typeof consumer>) => c.messages().map((m) => m.message.text);
const seed = (c: ReturnType<typeof consumer>) => `${c.address.channel}:${c.address.conversationId}`;

describe('the first minute', () => {
  it('welcomes with the shop\'s bot name', async () => {
    const c = consumer(t);
    await c.say('hi');
    expect(c.last()?.text).toBe(say('en', 'dialog.welcome', { bot: 'Mimi from MegaMart' }));
    expect(c.last()?.text).toMatch(/^Hi! You've reached Mimi from MegaMart\./);
  });

  it('acknowledges an angry first message before the first question, the same way all through the conversation', async () => {
    expect(t.app.core.triage.analyze(ANGRY).anger.flagged).toBe(true);
    const c = consumer(t);
    await c.say(ANGRY);
    const [ack, question] = texts(c);
    expect(ack).toBe(variant('en', 'ack.angry', seed(c)));
    expect(ack).toMatch(/sorry/i);
    expect(ack).not.toMatch(/\?/);
    expect(question).toBe(say('en', 'dialog.category_suggest', { category: say('en', 'category.damaged_in_transit') }));
    // Not one fixed sentence: other conversations hear other variants.
    const voices = new Set(Array.from({ length: 12 }, (_, i) => variant('en', 'ack.angry', `test:c-${i}`)));
    expect(voices.size).toBeGreaterThan(1);
  });

  it('tells an anxious consumer what happens next and when, in the shop\'s zone, named', async () => {
    expect(t.app.core.triage.analyze(ANXIOUS).anxiety.flagged).toBe(true);
    const c = consumer(t);
    const at = Date.now();
    await c.send({ text: ANXIOUS, receivedAt: at });
    const [plan] = texts(c);
    expect(plan).toBe(variant('en', 'ack.anxious', seed(c), { minutes: 30, time: formatTime('en', at + 30 * 60_000, 'Europe/Berlin') }));
    expect(plan).toMatch(/\((CET|CEST|GMT\+\d)\)/);
  });

  it('in Chinese too', async () => {
    const c = consumer(t);
    await c.say('快递到了东西全碎了，客服也不理人，气死我了！！！');
    const [ack] = texts(c);
    expect(ack).toBe(variant('zh', 'ack.angry', seed(c)));
    expect(c.messages()[1]?.message.text).toMatch(/^您遇到的是.+的问题，对吗？$/);
  });

  it('gives promised times in the consumer\'s own zone when the channel sends it, and ignores a zone that is not one', async () => {
    const c = consumer(t);
    await c.send({ text: 'The parcel arrived damaged and the box was crushed', timeZone: 'Asia/Shanghai' });
    await c.press('yes');
    await c.say('A12345678');
    await c.say('The lamp base is cracked.');
    await c.press('skip');
    await c.press('refund');
    await c.press('confirm');
    const filed = c.last()!.text;
    const id = /RD-\d{8}-\d{4}/.exec(filed)![0];
    const due = (await t.app.core.store.require(id)).triage.deadlines.find((d) => d.kind === 'first_response')!.dueAt;
    expect(filed).toContain(`(by ${formatTime('en', due, 'Asia/Shanghai')})`);
    expect(filed).toContain('(GMT+8)');

    const odd = consumer(t);
    await odd.send({ text: ANXIOUS, timeZone: 'Mars/Olympus_Mons' });
    expect(texts(odd)[0]).toMatch(/\((CET|CEST|GMT\+\d)\)/);
  });
});

describe('the summary', () => {
  it('asks before Cancel deletes the draft', async () => {
    const c = consumer(t);
    await walkToSummary(c);
    await c.press('cancel');
    expect(c.last()?.text).toBe(say('en', 'dialog.cancel_confirm'));
    expect(c.last()?.choices?.map((x) => x.value)).toEqual(['cancel_yes', 'cancel_no']);
    await c.press('cancel_no');
    expect(c.last()?.text).toMatch(/^Here's your complaint:/);
    expect(c.last()?.text).toContain('A12345678');
    await c.press('cancel');
    await c.press('cancel_yes');
    expect(c.last()?.text).toBe(say('en', 'dialog.cancelled'));
    await c.say('/status');
    expect(c.last()?.text).toBe(say('en', 'dialog.status_none'));
  });
});

describe('/cancel typed mid-dialog', () => {
  it('asks first at any step; No asks that step\'s question again and keeps the draft', async () => {
    const c = consumer(t);
    await c.say('The parcel arrived damaged and the box was crushed');
    await c.press('yes');
    await c.say('A12345678');
    await c.say('The lamp base is cracked.');
    expect(c.last()?.text).toBe(say('en', 'dialog.photo_ask', { maxMb: 10 }));
    await c.say('/cancel');
    expect(c.last()?.text).toBe(say('en', 'dialog.cancel_confirm'));
    expect(c.last()?.choices?.map((x) => x.value)).toEqual(['cancel_yes', 'cancel_no']);
    await c.press('cancel_no');
    expect(c.last()?.text).toBe(say('en', 'dialog.photo_ask', { maxMb: 10 }));
    await c.press('skip');
    await c.press('refund');
    expect(c.last()?.text).toContain('A12345678');
    // At the summary too, then gone.
    await c.say('/cancel');
    await c.press('cancel_yes');
    expect(c.last()?.text).toBe(say('en', 'dialog.cancelled'));
    await c.say('/status');
    expect(c.last()?.text).toBe(say('en', 'dialog.status_none'));
  });
});

async function resolved(c: ReturnType<typeof consumer>): Promise<string> {
  const id = await fileComplaint(c);
  await t.app.core.agentOps.claim('a-ling', id);
  await t.app.core.agentOps.propose('a-ling', id, { text: 'A full refund of the lamp', resolution: 'refund', amount: 120 });
  await eventually(() => c.messages().some((m) => m.message.choices?.some((x) => x.value === `accept:${id}`)), 'the proposal');
  const proposal = c.messages().find((m) => m.message.choices?.some((x) => x.value === `accept:${id}`))!.message.text;
  expect(proposal).toContain('€120.00');
  await c.press(`accept:${id}`);
  await eventually(() => c.messages().some((m) => m.message.expects === 'rating'), 'the rating question');
  return id;
}

describe('the rating', () => {
  it('takes text typed at the rating step as its comment, not as a new complaint, and asks for the stars', async () => {
    const c = consumer(t);
    const id = await resolved(c);
    await c.say('Quick and fair, thanks.');
    expect(c.last()?.text).toBe(say('en', 'dialog.rate_need_stars', { id }));
    expect(c.last()?.choices?.map((x) => x.value)).toEqual([1, 2, 3, 4, 5].map((n) => `rate:${id}:${n}`));
    expect(texts(c)).not.toContain(say('en', 'dialog.category_ask'));
    await c.press(`rate:${id}:5`);
    await eventually(async () => (await t.app.core.store.require(id)).status === 'closed', 'closed');
    expect((await t.app.core.store.require(id)).rating).toMatchObject({ score: 5, comment: 'Quick and fair, thanks.' });
    await eventually(() => c.last()?.text === say('en', 'progress.closed_with_comment', { score: 5, id }), 'the closing message');
  });

  it('days after the resolution, what they write is a new complaint again', async () => {
    const c = consumer(t);
    await resolved(c);
    await c.send({ text: 'My new parcel never arrived, the tracking is stuck', receivedAt: Date.now() + 4 * 86_400_000 });
    expect(c.last()?.text).not.toMatch(/How many stars/);
    expect(c.last()?.choices?.map((x) => x.value)).toEqual(['yes', 'no']);
  });

  it('closes with one message that thanks, closes and asks for a comment with Skip beside it', async () => {
    const c = consumer(t);
    const id = await resolved(c);
    const before = c.messages().length;
    await c.press(`rate:${id}:4`);
    await eventually(() => c.messages().length > before, 'the closing message');
    const closing = c.messages().slice(before);
    expect(closing.map((m) => m.message.text)).toEqual([say('en', 'progress.closed', { score: 4, id })]);
    expect(closing[0]!.message.choices).toEqual([{ value: 'skip', label: say('en', 'dialog.photo_skip') }]);
    await c.press('skip');
    expect(c.last()?.text).toBe(say('en', 'dialog.rate_thanks'));
    expect((await t.app.core.store.require(id)).rating?.comment).toBeUndefined();
  });

  it('an old rating button pressed again gets a plain answer in the consumer\'s language', async () => {
    const c = consumer(t);
    const id = await resolved(c);
    await c.press(`rate:${id}:4`);
    // The closing message comes through the delivery queue: the presses below answer it, so they wait for it.
    await eventually(() => c.last()?.text === say('en', 'progress.closed', { score: 4, id }), 'the closing message');
    await c.press('skip');
    await c.press(`rate:${id}:1`);
    expect(c.last()?.text).toBe(say('en', 'dialog.action_stale', { id }));
  });
});
