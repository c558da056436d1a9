/**
 * Issue 8: a Sentinel switch-over during a paced load of 200 complaints. Every number a consumer was given
 * must be on the new master once the old one has re-synced, no number may be issued twice, and a consumer
 * whose confirm failed during the switch retries (as the dialog asks them to) and succeeds soon after.
 */
import { redisKeys } from '../../src/redis/redis-keys.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { ComplaintDraft } from '../../src/complaints/complaint.types.js';
import { createApp, type RedressApp } from '../../src/composition/create-app.js';
import { loadConfig } from '../../src/config/config.js';
import { silentLogger } from '../../src/logging/logger.js';
import { randomPrefix } from '../helpers/redis-server.js';
import { SENTINEL_MASTER_NAME, TestSentinel } from '../helpers/redis-sentinel.js';

const COMPLAINTS = 200;
const PACE_MS = 20;
const SWITCH_AT = 60;
const RETRY_MS = 250;
const MAX_DELAY_MS = 15_000;

interface Filed {
  consumerId: string;
  id: string;
  failures: number;
  delayMs: number;
}

let sentinel: TestSentinel | undefined;
let app: RedressApp | undefined;
afterEach(async () => {
  await app?.close();
  await sentinel?.destroy();
});

async function setUp(): Promise<{ s: TestSentinel; a: RedressApp; prefix: string }> {
  const s = (sentinel = new TestSentinel());
  await s.start();
  const prefix = randomPrefix();
  const config = loadConfig({
    REDIS_SENTINELS: s.sentinelAddresses.join(','), REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME, REDIS_KEY_PREFIX: prefix,
    REDIS_WAIT_TIMEOUT_MS: '500', LOG_LEVEL: 'silent', NODE_ENV: 'test',
  });
  const a = (app = await createApp(config, { logger: silentLogger }));
  return { s, a, prefix };
}

/** One consumer confirming a new complaint, retrying a failed confirm every 250 ms like a person would. */
async function file(a: RedressApp, i: number): Promise<Filed> {
  const consumerId = `test:sentinel-${i}`;
  const address = { channel: 'test', conversationId: `c-sentinel-${i}`, userId: `sentinel-${i}` };
  const draft: ComplaintDraft = {
    category: 'quality_defect', orderId: null, description: `Lamp ${i} arrived cracked.`, evidence: [],
    desiredResolution: 'refund', locale: 'en', texts: [`The lamp base ${i} arrived cracked`],
  };
  const started = Date.now();
  for (let failures = 0; ; failures++) {
    try {
      const { complaint } = await a.core.complaints.submit(address, consumerId, draft);
      return { consumerId, id: complaint.id, failures, delayMs: Date.now() - started };
    } catch (err) {
      if (Date.now() - started > MAX_DELAY_MS) throw err;
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }
}

/** The paced load with `trigger` fired once SWITCH_AT complaints are under way. */
async function loadWith(a: RedressApp, trigger: () => Promise<{ from: number; to: number }>) {
  const filing: Promise<Filed>[] = [];
  let switched: Promise<{ from: number; to: number }> | undefined;
  for (let i = 0; i < COMPLAINTS; i++) {
    if (i === SWITCH_AT) switched = trigger();
    filing.push(file(a, i));
    await new Promise((r) => setTimeout(r, PACE_MS));
  }
  return { filed: await Promise.all(filing), switch: await switched! };
}

/** What the master holds for every number handed out: the consumer it was handed to, or missing. */
async function onMaster(s: TestSentinel, prefix: string, filed: Filed[]): Promise<Array<string | null>> {
  const master = s.client(await s.masterPort());
  await master.connect();
  try {
    // One GET per key: complaints live in different shards (an MGET across them is refused on Cluster, and fine here).
    const keys = redisKeys(prefix);
    const raws = await Promise.all(filed.map((f) => master.get(keys.complaint(f.id))));
    return raws.map((r) => (r ? (JSON.parse(r) as { consumerId: string }).consumerId : null));
  } finally {
    master.disconnect();
  }
}

function expectNothingLost(filed: Filed[], owners: Array<string | null>): void {
  const lost = filed.filter((f, i) => owners[i] === null).map((f) => f.id);
  const overwritten = filed.filter((f, i) => owners[i] !== null && owners[i] !== f.consumerId).map((f) => f.id);
  expect(filed).toHaveLength(COMPLAINTS);
  expect(lost, 'confirmed complaints missing on the new master').toEqual([]);
  expect(overwritten, 'numbers now holding another consumer\'s complaint').toEqual([]);
  expect(new Set(filed.map((f) => f.id)).size, 'numbers issued twice').toBe(COMPLAINTS);
  expect(Math.max(...filed.map((f) => f.delayMs))).toBeLessThan(MAX_DELAY_MS);
}

function summary(filed: Filed[]): string {
  const delays = filed.map((f) => f.delayMs).sort((x, y) => x - y);
  const retried = filed.filter((f) => f.failures > 0);
  return `${retried.length} consumers retried (${retried.reduce((n, f) => n + f.failures, 0)} failed confirms); delay p50 ${delays[COMPLAINTS >> 1]} ms, max ${delays.at(-1)} ms`;
}

describe('Sentinel failover under a paced load of 200 complaints', () => {
  it('SENTINEL failover: 0 confirmed complaints lost after the old master re-syncs, 0 numbers issued twice', async () => {
    const { s, a, prefix } = await setUp();
    const { filed, switch: sw } = await loadWith(a, () => s.failover());
    await s.waitResynced(sw.from);
    expectNothingLost(filed, await onMaster(s, prefix, filed));
    console.info(`failover ${sw.from} → ${sw.to}: ${summary(filed)}`);
  }, 60_000);

  it('kill -9 of the master: 0 confirmed complaints lost, 0 numbers issued twice, failed confirms retried', async () => {
    const { s, a, prefix } = await setUp();
    const { filed, switch: sw } = await loadWith(a, () => s.killMaster());
    expect(await s.masterPort()).toBe(sw.to);
    expectNothingLost(filed, await onMaster(s, prefix, filed));
    console.info(`kill -9 ${sw.from} → ${sw.to}: ${summary(filed)}`);
  }, 60_000);
});
