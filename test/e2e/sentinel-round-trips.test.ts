/**
 * Issue 8 under Sentinel (master + replica + 3 sentinels): a widget confirm reaches its commit within 8 writes to
 * the master, replica proof included (its WAIT rides in the proof's pipeline: the `auto` count is kept fresh off the
 * turn), and closing Redress leaves no connection behind (ioredis's failover detector keeps its Sentinel
 * subscriptions open after quit(), #1362).
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { ClientWrites } from '../../bench/redis-trips.js';
import { SENTINEL_MASTER_NAME, TestSentinel } from '../helpers/redis-sentinel.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { CONFIRM_TO_COMMIT_MAX, confirmWritesToCommit, openWidget } from './round-trip-bounds.js';

const sentinel = new TestSentinel();
let t: TestApp | undefined;
let admin: Redis;
let masterPort: number;

beforeAll(async () => {
  await sentinel.start();
  masterPort = await sentinel.masterPort();
  admin = new Redis({ host: '127.0.0.1', port: masterPort });
  await admin.ping();
  t = await startTestApp(`redis://127.0.0.1:${masterPort}`, {
    REDIS_SENTINELS: sentinel.sentinelAddresses.join(','), REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME,
  }, { role: 'web' });
}, 60_000);
afterAll(async () => {
  admin?.disconnect();
  await t?.app.close();
  await sentinel.destroy();
});

/** The sockets of this process still open to a Sentinel. */
function sentinelSockets(): net.Socket[] {
  const ports = sentinel.sentinelAddresses.map((a) => Number(a.split(':')[1]));
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h): h is net.Socket => h instanceof net.Socket && !h.destroyed && ports.includes(h.remotePort ?? -1));
}

describe('under Sentinel', () => {
  it(`a widget confirm writes to the master at most ${CONFIRM_TO_COMMIT_MAX} times up to its commit, replica proof included`, async () => {
    const addr = t!.app.http.server.address();
    const wsUrl = `ws://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/webchat/ws`;
    const [w, other] = [await openWidget(wsUrl), await openWidget(wsUrl)];
    const writes = new ClientWrites(masterPort, () => [admin.stream.localPort ?? -1]);
    // The first confirm loads the scripts and reads the replica count on the turn; the next are what every confirm
    // costs: a repeat complaint, another, and another consumer's about the first one's order.
    const toCommit = await confirmWritesToCommit(writes, [
      { send: w.send, order: 'A66660001' }, { send: w.send, order: 'B66660002' }, { send: w.send, order: 'C66660003' }, { send: other.send, order: 'A66660001' },
    ]);
    w.close();
    other.close();
    console.log(`Sentinel: widget confirm, writes up to its commit: ${toCommit.join(', ')}`);
    for (const n of toCommit.slice(1)) expect(n).toBeLessThanOrEqual(CONFIRM_TO_COMMIT_MAX);
    // The proof was made: the replica has the confirmed cases.
    const replica = (await admin.info('replication')).match(/slave0:ip=([^,]+),port=(\d+)/);
    expect(replica, 'a replica attached').not.toBeNull();
  }, 90_000);

  it('closing Redress leaves no socket open to a Sentinel', async () => {
    expect(sentinelSockets().length, 'the failover detector is subscribed while running').toBeGreaterThan(0);
    await t!.app.close();
    t = undefined;
    await new Promise((r) => setTimeout(r, 300));
    expect(sentinelSockets()).toEqual([]);
  }, 30_000);
});
