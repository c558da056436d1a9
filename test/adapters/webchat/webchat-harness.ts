/**
 * Starts real fastify servers with the web channel on port 0 against a real redis-server, plus a tiny bot on the
 * other side of the InboundHandler port (a test double for the dialog engine, which is not ours to stub).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { WebSocket } from 'ws';
import { registerWebchat, type ServerFrame, type WebchatChannel } from '../../../adapters/webchat/index.js';
import { loadConfig } from '../../../src/config/config.js';
import { createHttpServer } from '../../../src/http/http-server.js';
import { silentLogger } from '../../../src/logging/logger.js';
import type { InboundMessage } from '../../../src/messages/message.types.js';
import { redisKeys } from '../../../src/redis/redis-keys.js';
import { LocalFileStorage } from '../../../src/storage/local-file.storage.js';
import { QuotaFileStorage } from '../../../src/storage/quota-file.storage.js';

export const SECRET = 'test-session-secret-0123456789abcdef';
export const IDENTITY_SECRET = 'test-identity-secret-0123456789abcdef';

/** Replies like a small complaint bot, so the widget has every message shape to render. */
export class TinyBot {
  channel: WebchatChannel | undefined;
  readonly received: InboundMessage[] = [];

  async handle(m: InboundMessage): Promise<void> {
    this.received.push(m);
    const send = (msg: Parameters<WebchatChannel['send']>[1]) => this.channel!.send(m.address, msg);
    if (m.attachments?.length) return void (await send({ kind: 'dialog', text: `Thanks, got your photo (${m.attachments[0]!.mimeType}).`, expects: 'rating' }));
    if (m.action) return void (await send({ kind: 'dialog', text: `You chose: ${m.action}`, expects: 'photo' }));
    if (m.text === 'xss') return void (await send({ kind: 'dialog', text: '<img src=x onerror=alert(1)>' }));
    if (m.text === 'boom') throw new Error('bot crashed');
    // A turn that takes a while, so "typing…" can be seen while it runs.
    if (m.text === 'slow') await sleep(1500);
    if (m.text === 'card') {
      return void (await send({ kind: 'progress', text: 'Update on your complaint', card: { complaintId: 'C-20251125-0042', status: 'investigating', statusLabel: 'Investigating', category: 'fulfilment', updatedAt: Date.now() } }));
    }
    await send({ kind: 'dialog', text: `You said: ${m.text}. What went wrong?`, choices: [{ value: 'late', label: 'Late delivery' }, { value: 'damaged', label: 'Damaged item' }] });
  }
}

export interface Started {
  app: FastifyInstance;
  channel: WebchatChannel;
  bot: TinyBot;
  redis: Redis;
  /** UPLOAD_DIR and the other limits the server runs with. */
  config: ReturnType<typeof loadConfig>;
  base: string;
  ws: string;
  close(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Listen here instead of a random port (a "restarted" server). */
  port?: number;
  /** Extra routes a test needs on the same origin (e.g. a hostile host page). */
  routes?: (app: FastifyInstance) => void;
}

export async function startServer(redisUrl: string, prefix: string, opts: StartOptions = {}): Promise<Started> {
  const { env = {}, port = 0 } = opts;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const config = loadConfig({
    NODE_ENV: 'test', WEBCHAT_SESSION_SECRET: SECRET, WEBCHAT_IDENTITY_SECRET: IDENTITY_SECRET,
    UPLOAD_DIR: mkdtempSync(join(tmpdir(), 'redress-up-')), ...env,
  });
  const app = createHttpServer({ redis, trustProxy: config.TRUST_PROXY });
  const bot = new TinyBot();
  // The same stack as production's upload store (create-app.ts), quota included.
  const storage = new QuotaFileStorage(new LocalFileStorage({ dir: config.UPLOAD_DIR }), redis, redisKeys(prefix), Math.round(config.UPLOAD_DISK_QUOTA_MB * 1024 * 1024));
  const channel = await registerWebchat(app, { redis, keys: redisKeys(prefix), inbound: bot, storage, config, logger: silentLogger }, { demoPage: true });
  bot.channel = channel;
  opts.routes?.(app);
  const addr = await app.listen({ port, host: '127.0.0.1' });
  return {
    app, channel, bot, redis, config, base: addr, ws: `${addr.replace('http', 'ws')}/webchat/ws`,
    close: async () => { await app.close(); redis.disconnect(); },
  };
}

/** A real ws client that records frames and waits for the one a test expects. */
export class Client {
  readonly frames: ServerFrame[] = [];
  private waiters: { pred: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  private turns = 0;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const f = JSON.parse(d.toString()) as ServerFrame;
      this.frames.push(f);
      this.waiters = this.waiters.filter((w) => (w.pred(f) ? (w.resolve(f), false) : true));
    });
  }

  static async open(url: string, origin = 'http://shop.test'): Promise<Client> {
    const ws = new WebSocket(url, { origin });
    const c = new Client(ws);
    await new Promise<void>((res, rej) => { ws.once('open', () => res()); ws.once('error', rej); });
    return c;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Resolves with the first frame (already received or future) matching `pred`. */
  next<T extends ServerFrame['type']>(type: T, pred: (f: Extract<ServerFrame, { type: T }>) => boolean = () => true, timeoutMs = 5000): Promise<Extract<ServerFrame, { type: T }>> {
    const match = (f: ServerFrame) => f.type === type && pred(f as Extract<ServerFrame, { type: T }>);
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen as Extract<ServerFrame, { type: T }>);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no ${type} frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.map((f) => f.type))}`)), timeoutMs);
      this.waiters.push({ pred: match, resolve: (f) => { clearTimeout(t); resolve(f as Extract<ServerFrame, { type: T }>); } });
    });
  }

  msgs(): Extract<ServerFrame, { type: 'msg' }>['entry'][] {
    return this.frames.filter((f): f is Extract<ServerFrame, { type: 'msg' }> => f.type === 'msg').map((f) => f.entry);
  }

  /**
   * One consumer turn as the widget's outbox sends it: the message with `clientId`, its ack, then the bot's
   * entries after it, once at least one came and none more for `settleMs` (the turn's commit done).
   */
  async turn(content: { text?: string; action?: string }, o: { clientId?: string; settleMs?: number; timeoutMs?: number } = {}): Promise<Extract<ServerFrame, { type: 'msg' }>['entry'][]> {
    const clientId = o.clientId ?? `t${++this.turns}-${Date.now()}`;
    this.send({ type: 'message', clientId, ...content });
    const ack = await this.next('ack', (f) => f.clientId === clientId, o.timeoutMs ?? 10_000);
    const after = () => this.msgs().filter((e) => e.from === 'bot' && e.seq > (ack.seq ?? 0));
    const deadline = Date.now() + (o.timeoutMs ?? 10_000);
    while (!after().length && Date.now() < deadline) await sleep(10);
    for (let seen = -1; seen !== after().length;) {
      seen = after().length;
      await sleep(o.settleMs ?? 0);
    }
    return after();
  }

  async hello(extra: Record<string, unknown> = {}): Promise<Extract<ServerFrame, { type: 'welcome' }>> {
    this.send({ type: 'hello', ...extra });
    return this.next('welcome');
  }

  close(): void {
    this.ws.close();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
