/**
 * Spawns a private redis-server on a free port for one test file, so fault tests can stop and restart it.
 * Data lives in a temp dir with appendonly on, so a restart keeps what was written (as production's would).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { redisAnswers } from '../../src/redis/local-redis.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
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
        { stdio: 'ignore' },
      );
      this.proc = proc;
      let exited = false;
      proc.once('exit', () => { exited = true; });
      try {
        await this.waitUntil(true, () => exited);
        return;
      } catch (err) {
        proc.kill('SIGKILL');
        this.proc = undefined;
        if (attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  }

  /** Stops abruptly (SIGKILL) unless `graceful`; appendfsync always means acknowledged writes survive. */
  async stop(graceful = false): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.proc = undefined;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill(graceful ? 'SIGTERM' : 'SIGKILL');
    await exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async waitUntil(up: boolean, gaveUp: () => boolean = () => false): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !gaveUp()) {
      const ok = await this.ping();
      if (ok === up) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`redis-server on ${this.port} did not become ${up ? 'ready' : 'stopped'}${gaveUp() ? ' (it exited: port taken?)' : ''}`);
  }

  private ping(): Promise<boolean> {
    return redisAnswers(this.url);
  }
}

/** A random hash-tagged key prefix per test, so tests never see each other's keys (and it is Cluster-safe). */
export function randomPrefix(): string {
  return `{t${randomBytes(4).toString('hex')}}`;
}
