// The retention job against a real redis-server and the real storage port, with an injected clock: files go
// UPLOAD_RETENTION_DAYS after upload, never before; the case keeps that they existed.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../adapters/console/console.mapper.js';
import type { TimelineEntry } from '../../adapters/console/console-timeline.mapper.js';
import type { Attachment } from '../../src/messages/message.types.js';
import { silentLogger } from '../../src/logging/logger.js';
import { MerchantAnswers } from '../../src/merchants/merchant-answers.js';
import { EvidenceRetention } from '../../src/retention/evidence-retention.js';
import { TrackedFileStorage } from '../../src/retention/tracked-file.storage.js';
import { tinyPng } from '../adapters/webchat/png.fixture.js';
import { AgentClient } from '../adapters/console/console-client.js';
import { address, draft, startWorld, type World } from '../adapters/console/console-fixture.js';
import { TestRedis } from '../helpers/redis-server.js';

const DAY = 86_400_000;
const T0 = Date.now();
const server = new TestRedis();
let w: World;
let clock = T0;

beforeAll(async () => { await server.start(); });
beforeEach(async () => {
  w = await startWorld(server.url);
  clock = T0;
});
afterEach(async () => { await w.close(); });
afterAll(async () => { await server.destroy(); });

function retention(days = 365): EvidenceRetention {
  return new EvidenceRetention({ complaints: w.complaints, storage: w.storage, redis: w.redis, keys: w.keys, retentionDays: days, logger: silentLogger, now: () => clock, batchSize: 2 });
}

async function photo(key: string, storedAt: number): Promise<Attachment> {
  const { url, sizeBytes } = await w.storage.put(key, tinyPng(4), 'image/png');
  return { kind: 'image', url, mimeType: 'image/png', sizeBytes, storageKey: key, storedAt };
}

const exists = async (key: string) => (await w.storage.get(key)) !== null;

describe('evidence retention', () => {
  it('deletes each file after UPLOAD_RETENTION_DAYS from its own upload, marks it expired and keeps a timeline entry', async () => {
    const job = retention();
    w.events.on(job.track);
    // The one-off backfill runs now, on an empty store: from here on only `track` can learn of new files.
    expect(await job.sweep()).toMatchObject({ filesRemoved: 0 });
    const first = await photo('webchat/conv-r/att_first.png', T0);
    const c = (await w.complaints.submit(address('c-r'), 'c-r', draft({ evidence: [first] }))).complaint;
    const later = await photo('webchat/conv-r/att_later.png', T0 + 200 * DAY);
    await w.complaints.consumerMessage('c-r', c.id, 'one more photo', [later], 'webchat');

    clock = T0 + 364 * DAY;
    expect(await job.sweep()).toEqual({ skipped: false, filesRemoved: 0, complaints: 0, unreferenced: 0 });
    expect(await exists(first.storageKey!)).toBe(true);

    clock = T0 + 366 * DAY;
    expect(await job.sweep()).toEqual({ skipped: false, filesRemoved: 1, complaints: 1, unreferenced: 0 });
    expect(await exists(first.storageKey!)).toBe(false);
    expect(await exists(later.storageKey!)).toBe(true);
    const after = await w.store.require(c.id);
    expect(after.evidence[0]).toMatchObject({ kind: 'image', storageKey: first.storageKey, expired: { at: clock, afterDays: 365 } });
    expect(after.evidence[1]?.expired).toBeUndefined();
    const expiredEvents = (await w.store.timeline(c.id)).filter((e) => e.type === 'evidence_expired');
    expect(expiredEvents).toEqual([expect.objectContaining({ actor: { kind: 'system', id: 'retention' }, data: { count: 1, indexes: [0], retentionDays: 365 } })]);

    // What the agent sees: the removed photo as such, the later one still viewable.
    const ling = await AgentClient.login(w.baseUrl, 'a-ling', 'ling-pass');
    const view = await ling.get<{ case: CaseDetail; timeline: TimelineEntry[] }>(`/console/api/cases/${c.id}`);
    expect(view.body.case.evidence.map((e) => [e.url, e.removedAfterDays])).toEqual([[null, 365], [`/console/evidence/${c.id}/1`, null]]);
    expect(view.body.timeline.map((t) => t.summary)).toContain('Evidence removed: 1 file deleted after 365 days (retention)');
    expect((await fetch(`${w.baseUrl}/console/evidence/${c.id}/1`, { headers: { cookie: ling.cookie } })).status).toBe(200);

    // Nothing more is due until the later photo's own 365 days are up; then it goes too, once.
    expect((await job.sweep()).filesRemoved).toBe(0);
    clock = T0 + 566 * DAY;
    expect(await job.sweep()).toMatchObject({ filesRemoved: 1 });
    expect(await exists(later.storageKey!)).toBe(false);
    expect(await job.sweep()).toMatchObject({ filesRemoved: 0 });
    expect((await w.store.timeline(c.id)).filter((e) => e.type === 'evidence_expired')).toHaveLength(2);
  });

  it('complaints filed before the job ran are found once (backfill) and follow the same rule', async () => {
    const cases = [];
    for (let i = 0; i < 5; i++) {
      const p = await photo(`telegram/100${i}/old${i}.jpg`, T0 - (i % 2 ? 400 : 10) * DAY);
      cases.push((await w.complaints.submit(address(`c-old${i}`), `c-old${i}`, draft({ evidence: [p] }))).complaint);
    }
    // No track listener was registered: only the backfill can know about these.
    const result = await retention().sweep();
    expect(result).toMatchObject({ skipped: false, filesRemoved: 2, complaints: 2 });
    const after = await w.store.getMany(cases.map((c) => c.id));
    expect(after.map((c) => !!c.evidence[0]?.expired)).toEqual([false, true, false, true, false]);
  });

  it('one process sweeps at a time', async () => {
    const p = await photo('webchat/conv-l/att_l.png', T0 - 400 * DAY);
    await w.complaints.submit(address('c-l'), 'c-l', draft({ evidence: [p] }));
    const results = await Promise.all([retention().sweep(), retention().sweep()]);
    expect(results.map((r) => r.skipped).sort()).toEqual([false, true]);
    expect(results.reduce((n, r) => n + r.filesRemoved, 0)).toBe(1);
  });

  it('start() sweeps at once and on its interval; stop() waits for the sweep in progress', async () => {
    const p = await photo('webchat/conv-s/att_s.png', T0 - 400 * DAY);
    await w.complaints.submit(address('c-s'), 'c-s', draft({ evidence: [p] }));
    const job = new EvidenceRetention({ complaints: w.complaints, storage: w.storage, redis: w.redis, keys: w.keys, retentionDays: 365, logger: silentLogger, now: () => clock, intervalMs: 50 });
    job.start();
    await expect.poll(() => exists(p.storageKey!), { timeout: 5000 }).toBe(false);
    await job.stop();
  });

  it('a file the merchant sent goes after the same number of days from its answer; the agent sees it was removed', async () => {
    const job = retention(30);
    w.events.on(job.track);
    await job.sweep();
    const c = (await w.complaints.submit(address('c-m'), 'c-m', draft())).complaint;
    await w.agentOps.claim('a-ling', c.id);
    const asked = await w.agentOps.askMerchant('a-ling', c.id, { question: 'A photo of the parcel as packed, please.', hours: '24' });
    const requestId = asked.merchantRequests![0]!.id;
    const answers = new MerchantAnswers(w.complaints, w.storage, { graceMs: 0, maxBytes: 1_000_000, now: () => clock });
    clock = T0 + DAY / 2;
    const answered = await answers.answer(requestId, { text: 'Packed as shown.', files: [{ name: 'packed.png', bytes: tinyPng(4) }], via: 'page' });
    const key = answered.answer!.files[0]!.storageKey;
    const ling = await AgentClient.login(w.baseUrl, 'a-ling', 'ling-pass');
    const fileUrl = `${w.baseUrl}/console/merchant-files/${c.id}/${encodeURIComponent(requestId)}/0`;
    expect((await fetch(fileUrl, { headers: { cookie: ling.cookie } })).status).toBe(200);

    clock = T0 + 30 * DAY;
    expect(await job.sweep()).toMatchObject({ filesRemoved: 0 });
    clock = T0 + 31 * DAY;
    expect(await job.sweep()).toMatchObject({ filesRemoved: 1, complaints: 1 });
    expect(await exists(key)).toBe(false);
    const after = await w.store.require(c.id);
    expect(after.merchantRequests![0]!.answer!.files[0]).toMatchObject({ name: 'packed.png', expired: { at: clock, afterDays: 30 } });
    expect(after.merchantRequests![0]!.answer!.text).toBe('Packed as shown.');
    const event = (await w.store.timeline(c.id)).find((e) => e.type === 'evidence_expired');
    expect(event?.data).toEqual({ count: 1, indexes: [], merchantFiles: 1, retentionDays: 30 });

    const view = await ling.get<{ merchant: { requests: Array<{ answer: { files: Array<{ url: string | null; removedAfterDays: number | null }> } }> }; timeline: TimelineEntry[] }>(`/console/api/cases/${c.id}`);
    expect(view.body.merchant.requests[0]!.answer.files).toEqual([expect.objectContaining({ url: null, removedAfterDays: 30 })]);
    expect(view.body.timeline.map((t) => t.summary)).toContain('Evidence removed: 1 file deleted after 30 days (retention), 1 of them the merchant\'s');
    const gone = await fetch(fileUrl, { headers: { cookie: ling.cookie } });
    expect(gone.status).toBe(404);
    expect(JSON.stringify(await gone.json())).toContain('removed after 30 days');
    expect((await job.sweep()).filesRemoved).toBe(0);
  });

  it('with a TrackedFileStorage, uploads no complaint references are deleted too, after the same number of days', async () => {
    const tracked = new TrackedFileStorage(w.storage, w.redis, w.keys, () => clock);
    const job = new EvidenceRetention({ complaints: w.complaints, storage: tracked, redis: w.redis, keys: w.keys, retentionDays: 30, logger: silentLogger, now: () => clock });
    w.events.on(job.track);
    await tracked.put('webchat/conv-o/att_abandoned.png', tinyPng(4), 'image/png');
    const { url, sizeBytes } = await tracked.put('webchat/conv-o/att_filed.png', tinyPng(4), 'image/png');
    const filed = { kind: 'image' as const, url, sizeBytes, mimeType: 'image/png', storageKey: 'webchat/conv-o/att_filed.png', storedAt: clock };
    const c = (await w.complaints.submit(address('c-o'), 'c-o', draft({ evidence: [filed] }))).complaint;

    clock = T0 + 29 * DAY;
    expect(await job.sweep()).toMatchObject({ filesRemoved: 0, unreferenced: 0 });
    clock = T0 + 31 * DAY;
    expect(await job.sweep()).toMatchObject({ filesRemoved: 1, complaints: 1, unreferenced: 1 });
    expect(await exists('webchat/conv-o/att_abandoned.png')).toBe(false);
    expect(await exists('webchat/conv-o/att_filed.png')).toBe(false);
    expect((await w.store.require(c.id)).evidence[0]?.expired).toEqual({ at: clock, afterDays: 30 });
    expect(await w.redis.zcard(w.keys.retention.stored())).toBe(0);
  });
});
