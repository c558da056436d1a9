/**
 * A real Redress process (`src/main.ts --role …` under tsx), the way an operator runs one: its own port, its
 * own Redis connections, its own workers. Tests start several on one Redis, kill -9 them and restart them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './redis-server.js';
import { killAndWait } from './process-exit.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** A role starts in about 6 s on a quiet 2-core machine; under the whole suite's load (three such processes at once,
 * vitest importing on both cores) one took over 30 s in CI, so the deadline leaves room for that. */
const START_DEADLINE_MS = 75_000;

export class RedressProcess {
  private proc: ChildProcess | undefined;
  private output = '';
  port = 0;

  constructor(readonly role: 'all' | 'web' | 'worker', private readonly env: Record<string, string>) {}

  /** The process id while it runs (the abuse bench reads its resident memory from /proc). */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The last lines it printed (for a failing test's message; logs carry no personal data). */
  get log(): string {
    return this.output.slice(-4000);
  }

  /** Starts (or restarts on the same port) and resolves once `/readyz` answers 200. */
  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    // tsx as a loader inside one node process: the tsx CLI would run the app in a child that outlives a kill -9.
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--role', this.role], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(this.port), REDIS_AUTOSTART: 'false', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    const keep = (d: Buffer) => { this.output = (this.output + d.toString()).slice(-20_000); };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    let exited = false;
    proc.once('exit', () => { exited = true; });
    const deadline = Date.now() + START_DEADLINE_MS;
    for (;;) {
      if (exited) throw new Error(`redress --role ${this.role} exited while starting:\n${this.log}`);
      const ok = await fetch(`${this.url}/readyz`).then((r) => r.ok, () => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`redress --role ${this.role} not ready after ${START_DEADLINE_MS / 1000} s:\n${this.log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** kill -9 (a crash: no graceful shutdown, nothing flushed) unless `graceful`. */
  async stop(graceful = false): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.proc = undefined;
    await killAndWait(proc, graceful ? 'SIGTERM' : 'SIGKILL');
  }
}
