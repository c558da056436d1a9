import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis } from '../helpers/redis-server.js';
import { consumer, startTestApp, type TestApp } from '../helpers/test-app.js';

const redis = new TestRedis();
let t: TestApp;

beforeAll(async () => {
  await redis.start();
  t = await startTestApp(redis.url);
  await t.app.core.agents.upsert({ id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500 });
});
afterAll(async () => {
  await t?.app.close();
  await redis.destroy();
});

async function until<T>(fn: () => T | Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met in ${ms} ms; last value: ${JSON.stringify(v)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the full complaint loop through a test channel', () => {
  it('intake → number → handoff → claim → reply → propose → accept → resolved → rating', async () => {
    const c = consumer(t);
    await c.say('My parcel arrived broken, the box was smashed');
    expect(c.last()?.text).toMatch(/Damaged in transit/);
    expect(c.last()?.choices?.map((x) => x.value)).toEqual(['yes', 'no']);
    await c.press('yes');
    expect(c.last()?.text).toMatch(/order number/i);
    await c.say('bad!');
    expect(c.last()?.text).toMatch(/doesn't look like one of our order numbers/);
    await c.say('A12345678');
    expect(c.last()?.text).toMatch(/describe what happened/i);
    await c.say('The vase inside is in three pieces.');
    expect(c.last()?.expects).toBe('photo');
    await c.send({ attachments: [{ kind: 'image', mimeType: 'image/jpeg', sizeBytes: 20_000, url: 'https://files.example/1.jpg' }] });
    expect(c.last()?.text).toMatch(/Got 1 photo/);
    await c.press('done');
    expect(c.last()?.choices?.map((x) => x.value)).toContain('refund');
    await c.press('refund');
    expect(c.last()?.text).toMatch(/A12345678/);
    await c.press('confirm');
    const filed = c.last()!;
    const id = /RD-\d{8}-\d{4}/.exec(filed.text)?.[0];
    expect(id).toBeDefined();
    expect(filed.text).toMatch(/within 30 minutes/);

    await until(() => t.workspace.announced.map((x) => x.id), (ids) => ids.includes(id!));
    const before = c.messages().length;
    await t.app.core.agentOps.claim('a-ling', id!);
    await t.app.core.agentOps.reply('a-ling', id!, 'So sorry! Could you confirm the delivery address?');
    await t.app.core.agentOps.propose('a-ling', id!, { text: 'Full refund of the vase', resolution: 'refund', amount: 120 });
    const updates = await until(() => c.messages().slice(before), (m) => m.length >= 3);
    expect(updates.map((m) => m.message.kind)).toEqual(['progress', 'agent_reply', 'progress']);
    expect(updates[0]!.message.text).toMatch(/Ling/);
    expect(updates[1]!.message.text).toMatch(/confirm the delivery address/);
    expect(updates[2]!.message.choices?.map((x) => x.value)).toEqual([`accept:${id}`, `reject:${id}`]);

    await c.press(`accept:${id}`);
    const rating = await until(() => c.messages().slice(before + 3), (m) => m.some((x) => x.message.expects === 'rating'));
    expect(rating.at(-1)!.message.text).toMatch(/resolved/);
    await c.press(`rate:${id}:5`);
    await c.say('Quick and kind, thanks');
    if (process.env.SHOW_OUTBOX) console.log(c.messages().map((m) => `[${m.message.kind}] ${m.message.text} ${JSON.stringify(m.message.choices?.map((x) => x.label) ?? [])}`).join("\n"));
    const done = await t.app.core.store.require(id!);
    expect(done.status).toBe('closed');
    expect(done.rating).toMatchObject({ score: 5, comment: 'Quick and kind, thanks' });

    const timeline = (await t.app.core.store.timeline(id!)).map((e) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(['created', 'triaged', 'claimed', 'agent_reply', 'proposal', 'proposal_accepted', 'rated', 'sla_met']));
    expect(timeline.indexOf('claimed')).toBeLessThan(timeline.indexOf('proposal'));
  });
});
