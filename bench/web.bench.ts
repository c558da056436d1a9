/**
 * npm run bench:web [-- --samples N --idle N --active N --active-seconds N --json]
 *
 * The web channel under measurement, all on 127.0.0.1 against a redis-server this bench spawns:
 *  1. Agent action → consumer's socket across two processes: process A (a full Redress) holds the widget
 *     socket, process B (another full Redress on the same Redis and key prefix) runs `agentOps.reply`; the
 *     clock starts in B just before the call and stops when this process's `ws` client gets the `msg` frame.
 *     Beside it, in the same run: a bare WebSocket echo round trip and a bare Redis PUBLISH→message, and the
 *     ratio of Redress's p50/p99 to (pub/sub + ws).
 *  2. Idle widget connections held by process A (hello → welcome, then silent): RSS and heap delta per
 *     connection (measured after GC in A), and a ping check that all of them still answer.
 *  3. Active connections: a subset sends a message every ~second through the real dialog bot; ack and bot-reply
 *     latency, and the agent→socket latency measured again under that load.
 * A and B are child processes (this file, forked with `--peer`), so the client sockets here don't count in A's memory.
 * Every loop is bounded in count and in time.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { WebSocket, WebSocketServer } from 'ws';
import type { ServerFrame } from '../adapters/webchat/webchat.protocol.js';

const HOST = '127.0.0.1';
const AGENT_ID = 'a-bench';
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------
// Peer: one Redress process (A or B), driven over IPC.
// ---------------------------------------------------------------------------------------------------------

type PeerRequest =
  | { op: 'mem' }
  | { op: 'setup'; conversations: Array<{ conversationId: string; userId: string }> }
  | { op: 'reply'; caseId: string; seq: number }
  | { op: 'close' };

async function runPeer(): Promise<void> {
  const { loadConfig } = await import('../src/config/config.js');
  const { createApp } = await import('../src/composition/create-app.js');
  const { silentLogger } = await import('../src/logging/logger.js');
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const app = await createApp(config, { logger: silentLogger, role: 'all' });
  const url = await app.start(0, HOST);
  const gc = (globalThis as { gc?: () => void }).gc;

  const handle = async (req: PeerRequest): Promise<unknown> => {
    switch (req.op) {
      case 'mem': {
        for (let i = 0; i < 3; i++) { gc?.(); await sleep(50); }
        const m = process.memoryUsage();
        return { rss: m.rss, heapUsed: m.heapUsed, external: m.external + m.arrayBuffers };
      }
      case 'setup': {
        const ids: string[] = [];
        for (const c of req.conversations) {
          const address = { channel: 'webchat', conversationId: c.conversationId, userId: c.userId };
          const { complaint } = await app.core.complaints.submit(address, `webchat:${c.userId}`, {
            category: 'damaged_in_transit', orderId: `MM-${randomBytes(4).toString('hex')}`, description: 'The teapot arrived broken.',
            evidence: [], desiredResolution: 'refund', locale: 'en', texts: ['My parcel arrived broken, the box was smashed.'],
          });
          await app.core.agentOps.claim(AGENT_ID, complaint.id);
          ids.push(complaint.id);
        }
        return ids;
      }
      case 'reply': {
        // The clock starts here, in process B, and travels in the text; the client stops it on receipt.
        const t0 = now();
        await app.core.agentOps.reply(AGENT_ID, req.caseId, `#bench:${req.seq}:${t0.toFixed(3)}`);
        return { t0, done: now() };
      }
      case 'close':
        await app.close();
        setImmediate(() => process.exit(0));
        return true;
    }
  };
  process.on('message', (m: { rid: number; req: PeerRequest }) => {
    handle(m.req).then((result) => process.send!({ rid: m.rid, result }), (err: Error) => process.send!({ rid: m.rid, error: err.message }));
  });
  process.send!({ ready: url });
}

class Peer {
  private rid = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private constructor(readonly proc: ChildProcess, readonly url: string) {
    proc.on('message', (m: { rid?: number; result?: unknown; error?: string }) => {
      const p = m.rid === undefined ? undefined : this.pending.get(m.rid);
      if (!p) return;
      this.pending.delete(m.rid!);
      if (m.error) p.reject(new Error(m.error));
      else p.resolve(m.result);
    });
  }

  static async start(name: string, env: Record<string, string>): Promise<Peer> {
    const proc = fork(fileURLToPath(import.meta.url), ['--peer', name], {
      env: { ...process.env, ...env }, execArgv: [...process.execArgv, '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`peer ${name} did not start in 30 s`)), 30_000);
      proc.once('message', (m: { ready?: string }) => { clearTimeout(t); if (m.ready) resolve(m.ready); else reject(new Error(`peer ${name}: ${JSON.stringify(m)}`)); });
      proc.once('exit', (code) => reject(new Error(`peer ${name} exited with ${code}`)));
    });
    return new Peer(proc, url);
  }

  call<T>(req: PeerRequest, timeoutMs = 30_000): Promise<T> {
    const rid = ++this.rid;
    return new Promise<T>((resolve, reject) => {
      const t = setTimeout(() => { this.pending.delete(rid); reject(new Error(`${req.op} timed out`)); }, timeoutMs);
      this.pending.set(rid, { resolve: (v) => { clearTimeout(t); resolve(v as T); }, reject: (e) => { clearTimeout(t); reject(e); } });
      this.proc.send({ rid, req });
    });
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
    await this.call({ op: 'close' }, 15_000).catch(() => this.proc.kill('SIGKILL'));
    await Promise.race([exited, sleep(5000).then(() => { this.proc.kill('SIGKILL'); })]);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The widget side: a real ws client speaking the wire protocol.
// ---------------------------------------------------------------------------------------------------------

class WidgetSocket {
  conversationId = '';
  userId = '';
  /** Called for every bot `msg` entry (text, receipt time). */
  onBot: ((text: string, at: number) => void) | undefined;
  onAck: ((clientId: string, at: number) => void) | undefined;
  private pongs: Array<() => void> = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const at = now();
      const f = JSON.parse(d.toString()) as ServerFrame;
      if (f.type === 'msg' && f.entry.from === 'bot') this.onBot?.(f.entry.text, at);
      else if (f.type === 'ack') this.onAck?.(f.clientId, at);
      else if (f.type === 'pong') this.pongs.shift()?.();
    });
  }

  static async connect(wsUrl: string, timeoutMs = 15_000): Promise<WidgetSocket> {
    const ws = new WebSocket(wsUrl, { origin: 'http://shop.bench', perMessageDeflate: false });
    const s = new WidgetSocket(ws);
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no welcome')), timeoutMs);
      ws.once('error', (e) => { clearTimeout(t); reject(e); });
      ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', locale: 'en' })));
      const onWelcome = (d: Buffer) => {
        const f = JSON.parse(d.toString()) as ServerFrame;
        if (f.type === 'welcome') {
          s.conversationId = f.conversationId;
          s.userId = f.userId;
          ws.off('message', onWelcome);
          clearTimeout(t);
          resolve();
        } else if (f.type === 'error') {
          clearTimeout(t);
          reject(new Error(`${f.code}: ${f.message}`));
        }
      };
      ws.on('message', onWelcome);
    });
    return s;
  }

  ping(timeoutMs = 10_000): Promise<boolean> {
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), timeoutMs);
      this.pongs.push(() => { clearTimeout(t); resolve(true); });
      this.ws.send('{"type":"ping"}');
    });
  }

  send(clientId: string, text: string): void {
    this.ws.send(JSON.stringify({ type: 'message', clientId, text }));
  }

  close(): void {
    this.ws.terminate();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Measurement helpers.
// ---------------------------------------------------------------------------------------------------------

interface Stats { n: number; p50: number; p99: number; max: number }

function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s.at(-1) ?? NaN };
}

const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function startRedis(): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  // In-memory only: the bench measures the web path, not disk fsync.
  const proc = spawn('redis-server', ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const c = new Redis(port, HOST, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    c.on('error', () => {});
    const ok = await c.connect().then(() => c.ping()).then((p) => p === 'PONG', () => false);
    c.disconnect();
    if (ok) return { url: `redis://${HOST}:${port}`, proc };
    await sleep(50);
  }
  proc.kill('SIGKILL');
  throw new Error('redis-server did not start (apt-get install -y redis-server)');
}

/** Bare ws round trip: a ws server that echoes, and one client; nothing else. */
async function wsEcho(samples: number): Promise<Stats> {
  const wss = new WebSocketServer({ host: HOST, port: 0, perMessageDeflate: false });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  wss.on('connection', (s) => s.on('message', (d) => s.send(d.toString())));
  const ws = new WebSocket(`ws://${HOST}:${(wss.address() as { port: number }).port}`, { perMessageDeflate: false });
  await new Promise<void>((r) => ws.once('open', () => r()));
  const out: number[] = [];
  for (let i = 0; i < samples + 20; i++) {
    const t0 = now();
    await new Promise<void>((r) => { ws.once('message', () => r()); ws.send(JSON.stringify({ type: 'msg', entry: { seq: i, text: 'x'.repeat(120) } })); });
    if (i >= 20) out.push(now() - t0);
  }
  ws.close();
  await new Promise<void>((r) => wss.close(() => r()));
  return stats(out);
}

/** Bare Redis pub/sub: PUBLISH on one connection → message on a subscribed one. */
async function pubsub(url: string, samples: number): Promise<Stats> {
  const pub = new Redis(url);
  const sub = new Redis(url);
  await sub.subscribe('bench:ch');
  const out: number[] = [];
  for (let i = 0; i < samples + 20; i++) {
    const t0 = now();
    await new Promise<void>((r) => { sub.once('message', () => r()); void pub.publish('bench:ch', JSON.stringify({ seq: i, text: 'x'.repeat(120) })); });
    if (i >= 20) out.push(now() - t0);
  }
  pub.disconnect();
  sub.disconnect();
  return stats(out);
}

type AgentLatency = Stats & { lost: number; call: Stats; after: Stats };

/**
 * Agent reply on B → the widget socket on A: one at a time, each waited for (bounded). Split into `call` (B's
 * `agentOps.reply` until it resolves: commit, events, enqueue) and `after` (from then until the frame arrives).
 */
async function agentToSocket(b: Peer, targets: Array<{ sock: WidgetSocket; caseId: string }>, samples: number, gapMs: number, deadlineMs: number): Promise<AgentLatency> {
  const out: number[] = [];
  const call: number[] = [];
  const after: number[] = [];
  let lost = 0;
  const deadline = Date.now() + deadlineMs;
  for (let i = 0; i < samples && Date.now() < deadline; i++) {
    const { sock, caseId } = targets[i % targets.length]!;
    const seq = i + 1_000_000 * Math.floor(Math.random() * 1000);
    const got = new Promise<number | null>((resolve) => {
      const t = setTimeout(() => resolve(null), 10_000);
      sock.onBot = (text, at) => {
        const m = /#bench:(\d+):([\d.]+)/.exec(text);
        if (m && Number(m[1]) === seq) { clearTimeout(t); resolve(at - Number(m[2])); }
      };
    });
    const { t0, done } = await b.call<{ t0: number; done: number }>({ op: 'reply', caseId, seq });
    const ms = await got;
    sock.onBot = undefined;
    if (ms === null) lost++;
    else if (i >= Math.min(10, samples / 10)) {
      out.push(ms);
      call.push(done - t0);
      after.push(Math.max(0, t0 + ms - done));
    }
    if (gapMs) await sleep(gapMs);
  }
  return { ...stats(out), lost, call: stats(call), after: stats(after) };
}

async function connectMany(wsUrl: string, n: number, concurrency: number, deadlineMs: number): Promise<{ socks: WidgetSocket[]; failed: number; ms: number }> {
  const socks: WidgetSocket[] = [];
  let failed = 0;
  let next = 0;
  const t0 = performance.now();
  const deadline = Date.now() + deadlineMs;
  const worker = async () => {
    while (next < n && Date.now() < deadline) {
      next++;
      try { socks.push(await WidgetSocket.connect(wsUrl)); } catch { failed++; }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { socks, failed, ms: performance.now() - t0 };
}

// ---------------------------------------------------------------------------------------------------------
// The run.
// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { samples: { type: 'string' }, idle: { type: 'string' }, active: { type: 'string' }, 'active-seconds': { type: 'string' }, json: { type: 'boolean' } },
  });
  const SAMPLES = Math.min(2000, Number(values.samples ?? 300));
  const IDLE = Math.min(10_000, Number(values.idle ?? 2000));
  const ACTIVE = Math.min(IDLE, Number(values.active ?? 200));
  const ACTIVE_SECONDS = Math.min(60, Number(values['active-seconds'] ?? 20));
  const started = performance.now();

  const redis = await startRedis();
  const peers: Peer[] = [];
  const socks: WidgetSocket[] = [];
  const cleanup = async () => {
    for (const s of socks) s.close();
    await Promise.all(peers.map((p) => p.close()));
    redis.proc.kill('SIGKILL');
  };
  process.once('SIGINT', () => { void cleanup().then(() => process.exit(130)); });

  try {
    const env = {
      NODE_ENV: 'production', REDIS_URL: redis.url, REDIS_KEY_PREFIX: `bench${randomBytes(3).toString('hex')}`, REDIS_AUTOSTART: 'false',
      AGENTS: JSON.stringify([{ id: AGENT_ID, name: 'Ling', role: 'agent', compensationLimit: 500 }]),
      WEBCHAT_SESSION_SECRET: randomBytes(24).toString('hex'), CONSOLE_SESSION_SECRET: randomBytes(24).toString('hex'),
      // One client IP opens thousands of sockets here; the per-IP and per-session limits would (rightly) stop it.
      WEBCHAT_IP_PER_MINUTE: '10000000', WEBCHAT_MESSAGES_PER_MINUTE: '100000', UPLOAD_DIR: '/tmp/redress-bench-uploads',
    };
    const [a, b] = await Promise.all([Peer.start('A', env), Peer.start('B', env)]);
    peers.push(a, b);
    const wsUrl = `${a.url.replace(/^http/, 'ws')}/webchat/ws`;

    // 1. Latency, side by side.
    const targets: Array<{ sock: WidgetSocket; caseId: string }> = [];
    for (let i = 0; i < 8; i++) socks.push(await WidgetSocket.connect(wsUrl));
    const caseIds = await b.call<string[]>({ op: 'setup', conversations: socks.map((s) => ({ conversationId: s.conversationId, userId: s.userId })) });
    socks.forEach((sock, i) => targets.push({ sock, caseId: caseIds[i]! }));
    await agentToSocket(b, targets, 30, 0, 15_000); // warm-up: JIT, BullMQ worker, subscriptions
    const ws = await wsEcho(SAMPLES);
    const ps = await pubsub(redis.url, SAMPLES);
    const redress = await agentToSocket(b, targets, SAMPLES, 2, 60_000);

    // 2. Idle connections on A.
    const mem0 = await a.call<{ rss: number; heapUsed: number; external: number }>({ op: 'mem' });
    const idle = await connectMany(wsUrl, IDLE, 50, 60_000);
    socks.push(...idle.socks);
    await sleep(500);
    const mem1 = await a.call<{ rss: number; heapUsed: number; external: number }>({ op: 'mem' });
    const held = idle.socks.length;
    const pingSample = idle.socks.filter((_, i) => i % Math.max(1, Math.floor(held / 200)) === 0);
    const pongs = (await Promise.all(pingSample.map((s) => s.ping()))).filter(Boolean).length;
    const idleLatency = await agentToSocket(b, targets, 100, 5, 20_000);

    // 3. Active connections: ACTIVE of the idle sockets send a message every ~second through the dialog bot.
    const active = idle.socks.slice(0, ACTIVE);
    const ackMs: number[] = [];
    const botMs: number[] = [];
    let sent = 0;
    let errors = 0;
    const texts = ['Hi, I have a problem with my order', 'hello?', 'is anyone there', 'my parcel is late', 'ok'];
    const stopAt = Date.now() + ACTIVE_SECONDS * 1000;
    const timers: NodeJS.Timeout[] = [];
    for (const [i, s] of active.entries()) {
      const outstanding = new Map<string, number>();
      let awaitingBot: number | undefined;
      s.onAck = (clientId, at) => {
        const t0 = outstanding.get(clientId);
        if (t0 !== undefined) { ackMs.push(at - t0); outstanding.delete(clientId); }
      };
      s.onBot = (_text, at) => {
        if (awaitingBot !== undefined) { botMs.push(at - awaitingBot); awaitingBot = undefined; }
      };
      s.ws.on('message', (d) => { if (d.toString().includes('"type":"error"')) errors++; });
      let n = 0;
      const tick = () => {
        if (Date.now() >= stopAt) return;
        const clientId = `b${i}-${++n}`;
        const t0 = now();
        outstanding.set(clientId, t0);
        awaitingBot ??= t0;
        s.send(clientId, texts[n % texts.length]!);
        sent++;
        timers.push(setTimeout(tick, 800 + Math.random() * 400));
      };
      timers.push(setTimeout(tick, Math.random() * 1000));
    }
    await sleep(Math.min(3000, ACTIVE_SECONDS * 300));
    const loaded = await agentToSocket(b, targets, 150, 50, Math.max(1000, stopAt - Date.now() - 500));
    const memActive = await a.call<{ rss: number; heapUsed: number; external: number }>({ op: 'mem' });
    await sleep(Math.max(0, stopAt - Date.now()));
    for (const t of timers) clearTimeout(t);
    await sleep(2000); // let the last replies land
    const ack = stats(ackMs);
    const bot = stats(botMs);

    const base50 = ps.p50 + ws.p50;
    const base99 = ps.p99 + ws.p99;
    const result = {
      samples: SAMPLES,
      latencyMs: { redress, wsEcho: ws, redisPubSub: ps, ratioP50: redress.p50 / base50, ratioP99: redress.p99 / base99 },
      idle: {
        requested: IDLE, held, failed: idle.failed, connectSeconds: idle.ms / 1000, pingsAnswered: `${pongs}/${pingSample.length}`,
        rssPerConnKB: (mem1.rss - mem0.rss) / held / 1024, heapPerConnKB: (mem1.heapUsed - mem0.heapUsed) / held / 1024,
        externalPerConnKB: (mem1.external - mem0.external) / held / 1024, rssBeforeMB: mem0.rss / 1048576, rssAfterMB: mem1.rss / 1048576,
        agentToSocket: idleLatency,
      },
      active: {
        connections: active.length, seconds: ACTIVE_SECONDS, messagesSent: sent, messagesPerSecond: sent / ACTIVE_SECONDS, errors,
        ack, botReply: bot, agentToSocket: loaded, rssMB: memActive.rss / 1048576,
      },
      totalSeconds: (performance.now() - started) / 1000,
    };

    if (values.json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      const row = (name: string, s: Stats, extra = '') => `  ${name.padEnd(46)} ${String(s.n).padStart(5)} ${f2(s.p50).padStart(9)} ${f2(s.p99).padStart(9)} ${f2(s.max).padStart(9)}  ${extra}`;
      const head = `  ${'latency (ms)'.padEnd(46)} ${'n'.padStart(5)} ${'p50'.padStart(9)} ${'p99'.padStart(9)} ${'max'.padStart(9)}`;
      console.log(`\nRedress web channel bench — node ${process.version}, 127.0.0.1, redis-server spawned on ${redis.url}\n`);
      console.log('1. Agent action on process B → widget socket on process A (idle system)');
      console.log(head);
      console.log(row('Redress: agentOps.reply (B) → ws msg (A)', redress, redress.lost ? `lost ${redress.lost}` : ''));
      console.log(row('  of which: agentOps.reply call in B', redress.call));
      console.log(row('  of which: queue → worker → publish → ws', redress.after));
      console.log(row('bare ws echo round trip', ws));
      console.log(row('bare Redis PUBLISH → message', ps));
      console.log(`  ${'pub/sub + ws'.padEnd(46)} ${''.padStart(5)} ${f2(base50).padStart(9)} ${f2(base99).padStart(9)}`);
      console.log(`  ratio Redress / (pub/sub + ws): p50 ${f2(result.latencyMs.ratioP50)}×, p99 ${f2(result.latencyMs.ratioP99)}×\n`);
      console.log(`2. Idle widget connections on process A (hello → welcome, then silent)`);
      console.log(`  held ${held}/${IDLE} (failed ${idle.failed}) in ${f2(idle.ms / 1000)} s; pings answered ${pongs}/${pingSample.length}`);
      console.log(`  process A RSS ${mb(mem0.rss)} → ${mb(mem1.rss)} MB; per connection: RSS ${f2(result.idle.rssPerConnKB)} kB, heap ${f2(result.idle.heapPerConnKB)} kB, external ${f2(result.idle.externalPerConnKB)} kB (after GC)`);
      console.log(head);
      console.log(row(`agent → socket with ${held} idle sockets open`, idleLatency, idleLatency.lost ? `lost ${idleLatency.lost}` : ''));
      console.log(`\n3. Active connections: ${active.length} sockets, one message each ~1 s for ${ACTIVE_SECONDS} s through the dialog bot (${f2(result.active.messagesPerSecond)} msg/s, ${errors} error frames)`);
      console.log(`  process A RSS under load ${mb(memActive.rss)} MB`);
      console.log(head);
      console.log(row('consumer message → ack', ack));
      console.log(row('consumer message → first bot reply', bot));
      console.log(row('agent → socket under that load', loaded, loaded.lost ? `lost ${loaded.lost}` : ''));
      console.log(row('  of which: agentOps.reply call in B', loaded.call));
      console.log(`\n  total ${f2(result.totalSeconds)} s (baseline frames carry a 120-character text, about the size of an agent reply frame)`);
    }
  } finally {
    await cleanup();
  }
}

if (process.argv[2] === '--peer') await runPeer();
else await main();
