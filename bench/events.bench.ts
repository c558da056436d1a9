/**
 * npx tsx bench/events.bench.ts [-- --cases N --concurrency C]
 *
 * Signed events out, end to end in one process (every role) against a redis-server this bench spawns: N cases
 * are filed and claimed (4 events each) through ComplaintService and AgentOperations, C at a time, while the
 * dispatcher POSTs every event to a local node:http receiver that verifies each signature. Reports events/s
 * delivered (bounded here by how fast the same process files the cases) and the latency from the write's commit to the receiver's arrival (p50/p90/p99).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createApp } from '../src/composition/create-app.js';
import { loadConfig } from '../src/config/config.js';
import type { CaseEvent } from '../src/events/case-events.js';
import { verifySignature } from '../src/events/signed-request.js';
import { silentLogger } from '../src/logging/logger.js';
import { LastMessageChannel, percentiles, pool } from './bench-fixtures.js';
import { startBenchRedis } from './bench-redis.js';

const { values } = parseArgs({ options: { cases: { type: 'string' }, concurrency: { type: 'string' } } });
const CASES = Number(values.cases ?? 300);
const CONCURRENCY = Number(values.concurrency ?? 20);
const SECRET = 'bench-events-secret-0123';

const arrived = new Map<string, number>();
let bad = 0;
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => { body += c.toString(); }).on('end', () => {
    if (!verifySignature(SECRET, req.headers, body, Date.now)) { bad++; res.writeHead(401).end(); return; }
    const e = JSON.parse(body) as CaseEvent;
    if (!arrived.has(e.id)) arrived.set(e.id, performance.now());
    res.writeHead(200).end();
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const redis = await startBenchRedis();
const config = loadConfig({
  REDIS_URL: redis.url, LOG_LEVEL: 'silent', NODE_ENV: 'test',
  EVENTS_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`, EVENTS_WEBHOOK_SECRET: SECRET,
});
const app = await createApp(config, { logger: silentLogger, channels: [new LastMessageChannel('test')], webAdapters: false });
await app.start(0, '127.0.0.1');
await app.core.agents.upsert({ id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500 });
const committed = new Map<string, number>();
const started = performance.now();
await pool(CONCURRENCY, CASES, async (i) => {
  const address = { channel: 'test', conversationId: `b-${i}`, userId: `b-${i}` };
  const { complaint } = await app.core.complaints.submit(address, `test:b-${i}`, {
    category: 'late_delivery', orderId: `ORD-${i}`, description: 'Not arrived.', evidence: [], desiredResolution: 'refund', locale: 'en', texts: ['My parcel has not arrived.'],
  });
  committed.set(`${complaint.id}:1`, performance.now());
  await app.core.agentOps.claim('a-ling', complaint.id);
  committed.set(`${complaint.id}:2`, performance.now());
});
const filed = performance.now() - started;
const total = CASES * 4;
while (arrived.size < total) await new Promise((r) => setTimeout(r, 20));
const elapsed = performance.now() - started;
const latency = [...arrived].map(([id, at]) => at - committed.get(id.split(':').slice(0, 2).join(':'))!);
const p = percentiles(latency);
console.log(`${CASES} cases, ${total} events, ${CONCURRENCY} at a time: ${Math.round(total / (elapsed / 1000))} events/s delivered (filing and claiming took ${(filed / 1000).toFixed(2)} s, the last event arrived ${((elapsed - filed)).toFixed(0)} ms after); commit → receiver p50 ${p.p50.toFixed(1)} ms, p90 ${p.p90.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms; bad signatures ${bad}`);
await app.close();
receiver.close();
await redis.stop();
