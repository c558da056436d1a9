/**
 * Issue 8 item 4, counted honestly: Redis round trips of a widget consumer's turn, on the server over every
 * connection (`INFO stats` → `total_reads_processed`, which counts commands written together once), for the whole
 * path — the widget's rate limits, de-duplication and history, the bot's gate, state, replies and commit.
 * The web role runs no BullMQ workers, so nothing else talks to Redis while a turn is measured.
 * The bounds are what this code achieves; a change that adds a round trip to the path fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { ClientWrites, ServerTrips } from '../../bench/redis-trips.js';
import { TestRedis } from '../helpers/redis-server.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { CONFIRM_TO_COMMIT_MAX, confirmWritesToCommit, openWidget } from './round-trip-bounds.js';

/** Ordinary dialog turn on the widget path (one reply), and the confirm turn (files the complaint). */
export const ORDINARY_TURN_MAX = 4;
/**
 * The confirm with its side effects: 13–19 with warm scripts (median 14, `npm run bench:widget-trips`), more here where
 * the first consumer loads each script once; the guard leaves room for a loaded CI machine.
 */
const CONFIRM_TURN_MAX = 24;

const redis = new TestRedis();
let t: TestApp;
let base: string;
let admin: Redis;

beforeAll(async () => {
  await redis.start();
  t = await startTestApp(redis.url, {}, { role: 'web' });
  const addr = t.app.http.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  admin = new Redis(redis.url, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  admin?.disconnect();
  await t?.app.close();
  await redis.destroy();
});

const widget = () => openWidget(`${base.replace('http', 'ws')}/webchat/ws`);

describe('round trips of a widget turn, counted on the Redis server', () => {
  it(`an ordinary dialog turn costs at most ${ORDINARY_TURN_MAX}, a confirm at most ${CONFIRM_TURN_MAX}`, async () => {
    const trips = new ServerTrips(admin);
    const w = await widget();
    await w.send({ text: 'The parcel arrived damaged and the box was crushed' });
    const counts: number[] = [];
    counts.push((await trips.measure(() => w.send({ action: 'yes' }))).all);
    counts.push((await trips.measure(() => w.send({ text: 'bad!' }))).all);
    counts.push((await trips.measure(() => w.send({ text: 'A12345678' }))).all);
    counts.push((await trips.measure(() => w.send({ text: 'The lamp base is cracked.' }))).all);
    const sorted = [...counts].sort((a, b) => a - b);
    console.log(`widget ordinary turns: ${counts.join(', ')} round trips`);
    expect(sorted[1]).toBeLessThanOrEqual(ORDINARY_TURN_MAX);
    await w.send({ action: 'skip' });
    await w.send({ action: 'refund' });
    const confirm = (await trips.measure(() => w.send({ action: 'confirm' }))).all;
    console.log(`widget confirm turn: ${confirm} round trips`);
    expect(confirm).toBeLessThanOrEqual(CONFIRM_TURN_MAX);
    w.close();
  }, 60_000);

  it('the confirm\'s reply and commit reach Redis before any of its side effects (handoff, SLA timers, agents\' queue)', async () => {
    const w = await widget();
    await w.send({ text: 'The parcel arrived damaged and the box was crushed' });
    for (const step of [{ action: 'yes' }, { text: 'A12345678' }, { text: 'The lamp base is cracked.' }, { action: 'skip' }, { action: 'refund' }]) await w.send(step);
    const monitor = await admin.duplicate().monitor();
    const seen: string[] = [];
    monitor.on('monitor', (_time: string, args: string[]) => { seen.push(args.join(' ')); });
    const reply = await w.send({ action: 'confirm' });
    monitor.disconnect();
    w.close();
    expect(reply).toMatch(/RD-\d{8}-\d{4}/);
    const at = (what: RegExp) => seen.findIndex((line) => what.test(line));
    const commit = at(/^exec$/i);
    expect(commit, 'the turn\'s commit').toBeGreaterThan(-1);
    // The reply rides in the commit: its history append is inside the MULTI, before the EXEC.
    expect(at(/webchat:history/)).toBeLessThan(commit);
    for (const effect of [/\{bullmq:handoff\}/, /\{bullmq:sla\}/, /:desk:rows/]) {
      const first = at(effect);
      expect(first, String(effect)).toBeGreaterThan(commit);
    }
  }, 60_000);

  it(`a confirm writes to Redis at most ${CONFIRM_TO_COMMIT_MAX} times up to its commit: first, repeat, and about an order with a case`, async () => {
    const writes = new ClientWrites(Number(new URL(redis.url).port), () => [admin.stream.localPort ?? -1]);
    const [w, other] = [await widget(), await widget()];
    // The third is another consumer's complaint about the first one's order: that order's cases count in its triage.
    const toCommit = await confirmWritesToCommit(writes, [
      { send: w.send, order: 'A55550001' }, { send: w.send, order: 'B55550002' }, { send: other.send, order: 'A55550001' },
    ]);
    w.close();
    other.close();
    console.log(`widget confirm, writes up to its commit: first ${toCommit[0]}, repeat ${toCommit[1]}, order with a case ${toCommit[2]}`);
    for (const n of toCommit) expect(n).toBeLessThanOrEqual(CONFIRM_TO_COMMIT_MAX);
    // The order's cases are read beside the consumer's, not before them (none of them can be this consumer's to attach to).
    expect(toCommit[2], 'an order with a case costs what a repeat complaint costs').toBeLessThanOrEqual(toCommit[1]!);
    const cases = await t.app.core.complaints.store.listByOrder('A55550001');
    expect(cases.length, 'the third complaint was filed as a case of its own, not attached').toBe(2);
    const newest = cases.reduce((a, b) => (a.createdAt >= b.createdAt ? a : b));
    expect(newest.triage.reasons.join('\n')).toMatch(/other open complaint\(s\) about the same order/);
  }, 60_000);
});
