/**
 * npm run bench:abuse [-- --uploads 150 --mb 10 --sessions 1 --after 30 --json]
 *
 * Issue 13's upload flood, scaled to this machine and kept on 127.0.0.1: one real Redress process (src/main.ts
 * --role all, production settings and default limits) against a redis-server this bench spawns. Once idle, one
 * widget session (or `--sessions` of them, uploads shared out) fires `--uploads` parallel uploads of `--mb` MB
 * each through real sockets, while this process
 *  - samples the server's resident memory from /proc/<pid>/status every 100 ms (idle, peak, and `--after` s after),
 *  - asks `/healthz` every 250 ms on a fresh connection,
 *  - has another consumer send a widget message every 0.5 s and times the bot's reply.
 * Goal (issue 13): RSS within +400 MB of idle, back within +150 MB after 30 s, /healthz < 1 s, replies < 2 s.
 * Bounded: at most `--uploads` requests, each cut off after 60 s; the whole run takes about `--after` + 40 s.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import type { ServerFrame } from '../adapters/webchat/webchat.protocol.js';
import { RedressProcess } from '../test/helpers/redress-process.js';
import { startBenchRedis } from './bench-redis.js';

const { values: args } = parseArgs({
  options: {
    uploads: { type: 'string', default: '150' },
    mb: { type: 'string', default: '10' },
    sessions: { type: 'string', default: '1' },
    after: { type: 'string', default: '30' },
    json: { type: 'boolean', default: false },
  },
});
const UPLOADS = Number(args.uploads);
const FILE_BYTES = Math.round(Number(args.mb) * 1024 * 1024);
const SESSIONS = Number(args.sessions);
const AFTER_S = Number(args.after);
const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** A widget consumer: hello → welcome, then messages timed to the bot's first reply. */
class Consumer {
  token = '';
  private waiting: Array<(at: number) => void> = [];
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const f = JSON.parse(d.toString()) as ServerFrame;
      if (f.type === 'welcome') this.token = f.token;
      if (f.type === 'msg' && f.entry.from === 'bot') this.waiting.shift()?.(now());
    });
  }

  static async connect(wsUrl: string): Promise<Consumer> {
    const ws = new WebSocket(wsUrl, { origin: 'http://shop.bench', perMessageDeflate: false });
    const c = new Consumer(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', locale: 'en' })));
      const check = setInterval(() => { if (c.token) { clearInterval(check); resolve(); } }, 20);
    });
    return c;
  }

  /** Milliseconds from send to the bot's reply (NaN when none came in 10 s). */
  async turn(text: string): Promise<number> {
    const t0 = now();
    const got = new Promise<number>((resolve) => {
      const t = setTimeout(() => resolve(NaN), 10_000);
      this.waiting.push((at) => { clearTimeout(t); resolve(at - t0); });
    });
    this.ws.send(JSON.stringify({ type: 'message', clientId: `c${randomBytes(6).toString('hex')}`, text }));
    return got;
  }

  close(): void {
    this.ws.terminate();
  }
}

/** One upload of `bytes` (a PNG signature, then filler) over its own connection; resolves with the HTTP status or the error code. */
function upload(base: string, token: string, body: Buffer): Promise<{ status: number | string; ms: number }> {
  const t0 = now();
  return new Promise((resolve) => {
    const boundary = 'bench-boundary';
    const req = request(`${base}/webchat/upload`, {
      method: 'POST', agent: false, timeout: 60_000,
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    let status: number | string = 0;
    const done = (s: number | string) => { status = status || s; resolve({ status, ms: now() - t0 }); };
    req.on('response', (res) => { res.resume(); res.on('end', () => done(res.statusCode ?? 0)); });
    // A refusal answered while we were still sending can surface as a reset instead: counted by its error code.
    req.on('error', (err: NodeJS.ErrnoException) => done(err.code ?? 'error'));
    req.on('timeout', () => req.destroy());
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="flood.png"\r\nContent-Type: image/png\r\n\r\n`);
    req.write(body);
    req.end(`\r\n--${boundary}--\r\n`);
  });
}

async function healthz(base: string): Promise<number> {
  const t0 = now();
  const ok = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.ok, () => false);
  return ok ? now() - t0 : 10_000;
}

const max = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), 0);
const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(q * xs.length) - 1)] ?? NaN;
const dirBytes = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).map((f) => statSync(join(dir, f))).filter((s) => s.isFile()).reduce((a, s) => a + s.size, 0);

async function main(): Promise<void> {
  const redis = await startBenchRedis();
  const uploadDir = mkdtempSync(join(tmpdir(), 'redress-abuse-'));
  const server = new RedressProcess('all', {
    NODE_ENV: 'production', LOG_LEVEL: 'error', REDIS_URL: redis.url, REDIS_KEY_PREFIX: `abuse${randomBytes(3).toString('hex')}`,
    WEBCHAT_SESSION_SECRET: randomBytes(24).toString('hex'), CONSOLE_SESSION_SECRET: randomBytes(24).toString('hex'),
    UPLOAD_DIR: uploadDir, UPLOAD_MAX_BYTES: String(Math.max(FILE_BYTES + MB, 10 * MB)),
  });
  const consumers: Consumer[] = [];
  try {
    await server.start();
    const pid = server.pid!;
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/webchat/ws`;
    const other = await Consumer.connect(wsUrl);
    consumers.push(other);
    await other.turn('Hello, my parcel arrived broken.');
    await sleep(2000);
    const idle = rssOf(pid);

    const floodSessions: Consumer[] = [];
    for (let i = 0; i < SESSIONS; i++) floodSessions.push(await Consumer.connect(wsUrl));
    consumers.push(...floodSessions);
    const body = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(FILE_BYTES - 8)]);

    let peak = idle;
    let sampling = true;
    const sampler = (async () => { while (sampling) { peak = Math.max(peak, rssOf(pid)); await sleep(100); } })();
    const health: number[] = [];
    const replies: number[] = [];
    let flooding = true;
    const prober = (async () => { while (flooding) { health.push(await healthz(server.url)); await sleep(250); } })();
    const talker = (async () => { while (flooding) { replies.push(await other.turn('It is still broken, please help.')); await sleep(500); } })();

    const t0 = now();
    const results = await Promise.all(Array.from({ length: UPLOADS }, (_, i) => upload(server.url, floodSessions[i % SESSIONS]!.token, body)));
    const floodMs = now() - t0;
    // Keep probing a few seconds past the flood: a backlog shows up here.
    await sleep(3000);
    flooding = false;
    await Promise.all([prober, talker]);
    const peakDuring = peak;
    await sleep(AFTER_S * 1000);
    const after = rssOf(pid);
    sampling = false;
    await sampler;

    const byStatus: Record<string, number> = {};
    for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    const report = {
      flood: { uploads: UPLOADS, mbEach: Number(args.mb), sessions: SESSIONS, seconds: +(floodMs / 1000).toFixed(1), byStatus, storedMb: +(dirBytes(uploadDir) / MB).toFixed(1) },
      rssMb: { idle: +(idle / MB).toFixed(0), peak: +(peakDuring / MB).toFixed(0), [`after${AFTER_S}s`]: +(after / MB).toFixed(0), peakOverIdle: +((peakDuring - idle) / MB).toFixed(0), afterOverIdle: +((after - idle) / MB).toFixed(0) },
      healthzMs: { n: health.length, p50: +p(health, 0.5).toFixed(1), max: +max(health).toFixed(1) },
      otherConsumerReplyMs: { n: replies.length, p50: +p(replies, 0.5).toFixed(0), max: +max(replies.map((x) => (Number.isNaN(x) ? 10_000 : x))).toFixed(0) },
      goal: {
        rssWithin400MbOfIdle: peakDuring - idle <= 400 * MB,
        backWithin150MbAfter30s: after - idle <= 150 * MB,
        healthzUnder1s: max(health) < 1000,
        repliesUnder2s: replies.every((x) => x < 2000),
      },
    };
    if (args.json) console.log(JSON.stringify(report));
    else console.log(JSON.stringify(report, null, 2));
  } finally {
    for (const c of consumers) c.close();
    await server.stop(true);
    await redis.stop();
    rmSync(uploadDir, { recursive: true, force: true });
  }
}

await main();
