/**
 * The subscriber connection after a reconnect: channels come back, and a shutdown while their SUBSCRIBE still waits
 * (as during a Sentinel switch-over) rejects nothing unhandled. A TCP proxy in front of a real redis-server cuts the
 * connection and, for the second test, holds back the SUBSCRIBE the reconnected client sends.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createRedis } from '../../src/redis/redis-connection.js';
import { RedisSubscriber } from '../../src/redis/redis-subscriber.js';
import { TestRedis } from '../helpers/redis-server.js';
import { eventually } from '../helpers/test-app.js';

/** Forwards to redis; `cut()` drops every connection; while `holdSubscribe` is set, a chunk with SUBSCRIBE is kept back. */
class CuttingProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  holdSubscribe = false;
  heldSubscribes = 0;
  port = 0;

  constructor(private readonly target: number) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = createConnection({ host: '127.0.0.1', port: this.target });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.on('data', (chunk: Buffer) => {
        if (this.holdSubscribe && /subscribe/i.test(chunk.toString('latin1'))) {
          this.heldSubscribes++;
          return;
        }
        upstream.write(chunk);
      });
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server!.address() as { port: number }).port;
  }

  cut(): void {
    for (const s of this.sockets) s.destroy();
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }
}

const redis = new TestRedis();
let proxy: CuttingProxy;
let publisher: Redis;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => { unhandled.push(e); };

beforeAll(async () => {
  await redis.start();
  proxy = new CuttingProxy(redis.port);
  await proxy.start();
  publisher = new Redis(redis.url);
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => { proxy.holdSubscribe = false; });
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  publisher.disconnect();
  await proxy.stop();
  await redis.destroy();
});

it('subscribes its channels again after the connection is cut, then says so', async () => {
  const shared = createRedis({ url: `redis://127.0.0.1:${proxy.port}` });
  shared.on('error', () => undefined);
  const got: string[] = [];
  let resubscribed = 0;
  const sub = new RedisSubscriber(shared, { onMessage: (_c, raw) => got.push(raw), onResubscribed: () => { resubscribed++; }, onError: () => undefined });
  try {
    await sub.subscribe('a');
    await sub.subscribe('b');
    proxy.cut();
    await eventually(async () => resubscribed === 1, 'the subscriber to come back', 10_000);
    await publisher.publish('a', 'one');
    await publisher.publish('b', 'two');
    await eventually(async () => got.length === 2, 'both channels to deliver again', 5_000);
    expect(got).toEqual(['one', 'two']);
  } finally {
    sub.close();
    shared.disconnect();
  }
}, 20_000);

it('a close while the resubscribe still waits rejects nothing unhandled and reports no error', async () => {
  const shared = createRedis({ url: `redis://127.0.0.1:${proxy.port}` });
  shared.on('error', () => undefined);
  const errors: Error[] = [];
  const sub = new RedisSubscriber(shared, { onMessage: () => undefined, onError: (e) => errors.push(e) });
  await sub.subscribe('c');
  proxy.holdSubscribe = true;
  proxy.cut();
  // The reconnected client has sent its SUBSCRIBE, which the proxy keeps: it waits for an answer that never comes.
  await eventually(async () => proxy.heldSubscribes > 0, 'the resubscribe to be sent', 10_000);
  sub.close();
  shared.disconnect();
  await new Promise((r) => setTimeout(r, 200));
  expect(unhandled).toEqual([]);
  expect(errors.filter((e) => /closed/i.test(e.message))).toEqual([]);
}, 20_000);
