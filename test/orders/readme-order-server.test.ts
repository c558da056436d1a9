/**
 * The README's sample order server, run as written (only its port changed), answers Redress's look-up and the
 * recent-orders question: so the documented contract and the code that speaks it cannot drift apart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpOrderLookup } from '../../src/orders/http-order-lookup.js';
import { eventually } from '../helpers/test-app.js';
import { freePort } from '../helpers/redis-server.js';

const SECRET = 'readme-orders-secret-0123';
const dir = mkdtempSync(join(tmpdir(), 'redress-readme-orders-'));
let child: ChildProcess;
let url = '';

function sampleServer(port: number): string {
  const readme = readFileSync('README.md', 'utf8');
  const at = readme.indexOf('A sample order server');
  const code = /```js\n([\s\S]*?)```/.exec(readme.slice(at))?.[1];
  if (at < 0 || !code?.includes('.listen(8081)')) throw new Error('the README\'s sample order server is not where this test looks');
  return code.replace('.listen(8081)', `.listen(${port}, '127.0.0.1')`);
}

beforeAll(async () => {
  const port = await freePort();
  writeFileSync(join(dir, 'order-server.mjs'), sampleServer(port));
  child = spawn(process.execPath, [join(dir, 'order-server.mjs')], { env: { ORDER_LOOKUP_SECRET: SECRET }, stdio: 'ignore' });
  url = `http://127.0.0.1:${port}/`;
  await eventually(() => fetch(url, { method: 'POST', body: '{}' }).then(() => true, () => false), 'the sample order server');
});
afterAll(() => {
  child?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('the README\'s sample order server', () => {
  it('answers a signed look-up and the signed recent-orders question in the contract\'s shape; refuses a wrong signature', async () => {
    const lookup = new HttpOrderLookup({ url, secret: SECRET, timeoutMs: 2000, now: Date.now });
    expect(await lookup.find('SHOP-1001', 'alice')).toMatchObject({ kind: 'found', facts: { orderId: 'SHOP-1001', merchant: { id: 'm-lumen' } } });
    expect(await lookup.find('SHOP-0000', 'alice')).toEqual({ kind: 'not_found' });
    expect((await lookup.recent('alice', 5)).map((o) => o.orderId)).toEqual(['SHOP-1001']);
    expect(await lookup.recent('bob', 5)).toEqual([]);
    const forged = new HttpOrderLookup({ url, secret: 'another-secret-0123456', timeoutMs: 2000, now: Date.now });
    expect(await forged.find('SHOP-1001', 'alice')).toEqual({ kind: 'unavailable', reason: 'the order system answered 401' });
  });
});
