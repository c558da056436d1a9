/**
 * Spawns a private redis-server on a free port for one test file, so fault tests can stop and restart it.
 * Data lives in a temp dir with appendonly on, so a restart keeps what was written (as production's would).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { killAndWait } from './process-exit.js';

/**
 * A free port below Linux's ephemeral range (32768–60999). Servers that tests stop and restart on the same
 * port must not lose it meanwhile, and ports from bind(0) come from the range every outgoing connection
 * also draws its local port from: one client socket landing on it makes the restart fail ("port taken").
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (reserve(port) && (await canBind(port))) return port;
  }
  throw new Error('no free port found between 20000 and 32000');
}

/**
 * A port handed out stays this test process's until it exits (a file naming our pid, shared by every test process):
 * a server a test has stopped for a while, to restart on the same port, leaves it free to bind, and another test
 * file's freePort() must not take it meanwhile.
 */
const RESERVED = join(tmpdir(), 'redress-test-ports');
function reserve(port: number): boolean {
  mkdirSync(RESERVED, { recursive: true });
  const file = join(RESERVED, String(port));
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    const holder = Number(readFileSync(file, 'utf8'));
    if (holder === process.pid || alive(holder)) return false;
    rmSync(file, { force: true });
    return reserve(port);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export class TestRedis {
  private proc: ChildProcess | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'redress-redis-'));
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /**
   * Starts (or restarts on the same port and data dir). A freshly chosen port can be taken by another test
   * process between `freePort()` and redis-server's bind: when the server exits before answering, a first
   * start retries on a new port, a restart retries the same port.
   */
  async start(): Promise<void> {
    const fixedPort = this.port !== 0;
    for (let attempt = 1; ; attempt++) {
      if (!fixedPort || !this.port) this.port = await freePort();
      const proc = spawn(
        'redis-server',
        ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes',
          '--appendfsync', 'always', '--save', '', '--protected-mode', 'no'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      this.proc = proc;
      let output = '';
      const keep = (d: Buffer) => { output = (output + d.toString()).slice(-2000); };
      proc.stdout?.on('data', keep);
      proc.stderr?.on('data', keep);
      let exited = false;
      proc.once('exit', () => { exited = true; });
      try {
        await this.waitUntil(true, () => exited, proc.pid);
        return;
      } catch (err) {
        proc.kill('SIGKILL');
        this.proc = undefined;
        if (attempt >= 5) throw new Error(`${(err as Error).message}\n${output}`);
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  }

  /** Stops abruptly (SIGKILL) unless `graceful`; appendfsync always means acknowledged writes survive. */
  async stop(graceful = false): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.proc = undefined;
    await killAndWait(proc, graceful ? 'SIGTERM' : 'SIGKILL');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * Waits until our own server answers. While this one was stopped, another test file may have bound its
   * port: a PONG from that server must not count, so the answer's process_id has to be our child's.
   */
  private async waitUntil(up: boolean, gaveUp: () => boolean = () => false, pid?: number): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !gaveUp()) {
      const ok = await this.answeringPid().then((p) => p !== undefined && (pid === undefined || p === pid));
      if (ok === up) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`redis-server on ${this.port} did not become ${up ? 'ready' : 'stopped'}${gaveUp() ? ' (it exited: port taken?)' : ''}`);
  }

  private async answeringPid(): Promise<number | undefined> {
    const c = new Redis(this.port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500 });
    c.on('error', () => {});
    try {
      await c.connect();
      const m = /process_id:(\d+)/.exec(await c.info('server'));
      return m ? Number(m[1]) : undefined;
    } catch {
      return undefined;
    } finally {
      c.disconnect();
    }
  }
}

/** A random plain key prefix per test, so tests never see each other's keys (each key adds its own hash tag). */
export function randomPrefix(): string {
  return `t${randomBytes(4).toString('hex')}`;
}
