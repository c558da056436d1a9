/**
 * Spawns a private PostgreSQL for one test file: initdb into a temp dir, a free port below the ephemeral
 * range, its unix socket in the same dir, trust auth on loopback. PostgreSQL refuses to run as root (tests
 * and CI do), so as root initdb and postgres run as the `postgres` system user Debian's package creates.
 * Never the machine's own server on 5432.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { hasExited, killAndWait } from './process-exit.js';
import { freePort } from './redis-server.js';

/** Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/<major>/bin; the newest wins. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (majors.length) return join(root, majors[0]!, 'bin');
  const found = execFileSync('sh', ['-c', 'command -v postgres || true'], { encoding: 'utf8' }).trim();
  if (!found) throw new Error('PostgreSQL server binaries not found: apt-get install postgresql (or run .ci/run)');
  return join(found, '..');
}

/** As root: the uid/gid of `postgres` to run the server as; otherwise null (run as ourselves). */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const [uid, gid] = ['-u', '-g'].map((f) => Number(execFileSync('id', [f, 'postgres'], { encoding: 'utf8' }).trim()));
    return { uid: uid!, gid: gid! };
  } catch {
    throw new Error('running as root, and there is no `postgres` user to run PostgreSQL as: apt-get install postgresql creates it');
  }
}

export class TestPostgres {
  port = 0;
  private proc?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'redress-pg-'));
  private readonly bin = postgresBinDir();
  private readonly user = serverUser();

  /** `settings`: extra server settings (`-c name=value`), e.g. more `work_mem` for a benchmark. */
  constructor(private readonly settings: Record<string, string> = {}) {}

  /** postgres:// URL of database `db` (default: the server's own `postgres` database). */
  url(db = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${db}`;
  }

  /** Starts the server; after `stop({ keepData: true })`, starts it again on the same port with the same data. */
  async start(): Promise<void> {
    const data = join(this.dir, 'data');
    const restart = existsSync(data);
    if (!restart) {
      if (this.user) chownSync(this.dir, this.user.uid, this.user.gid);
      this.run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    }
    for (let attempt = 1; ; attempt++) {
      if (!restart || !this.port) this.port = await freePort();
      // Test data: durability settings off for speed; the socket stays in the temp dir.
      const proc = this.spawnAs('postgres', ['-D', data, '-p', String(this.port), '-k', this.dir, '-c', 'listen_addresses=127.0.0.1',
        '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=50',
        ...Object.entries(this.settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])]);
      this.proc = proc;
      let output = '';
      proc.stderr?.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-2000); });
      if (await this.waitReady(proc)) return;
      await killAndWait(proc);
      if (attempt >= 3) throw new Error(`postgres did not start on port ${this.port}: ${output}`);
    }
  }

  /** A fresh empty database on this server; returns its URL. */
  async createDatabase(name = `t${randomBytes(4).toString('hex')}`): Promise<string> {
    const c = new pg.Client({ connectionString: this.url() });
    await c.connect();
    try {
      await c.query(`CREATE DATABASE ${name}`);
    } finally {
      await c.end();
    }
    return this.url(name);
  }

  /**
   * CPU time (ms, user + system) the server's processes have used so far, from /proc (Linux): the postmaster and
   * its backends. A benchmark's difference of two readings does not depend on how busy the machine is.
   */
  cpuMs(): number {
    const pid = this.proc?.pid;
    if (!pid) return 0;
    let ticks = 0;
    for (const entry of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const f = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
        if (Number(entry) === pid || Number(f[1]) === pid) ticks += Number(f[11]) + Number(f[12]);
      } catch { /* the process ended meanwhile */ }
    }
    return ticks * 10; // USER_HZ is 100 on Linux
  }

  /** `keepData`: an outage, not the end: `start()` brings the same server back. */
  async stop(opts: { keepData?: boolean } = {}): Promise<void> {
    // SIGINT is PostgreSQL's "fast" shutdown: sessions are ended, no waiting for clients to leave.
    if (this.proc && !hasExited(this.proc)) await killAndWait(this.proc, 'SIGINT');
    if (!opts.keepData) rmSync(this.dir, { recursive: true, force: true });
  }

  private run(cmd: string, args: string[]): void {
    const [file, argv] = this.asUser(cmd, args);
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  }

  private spawnAs(cmd: string, args: string[]): ChildProcess {
    const [file, argv] = this.asUser(cmd, args);
    return spawn(file, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  }

  /** setpriv execs the server in place (no wrapper process), so our signals reach postgres itself. */
  private asUser(cmd: string, args: string[]): [string, string[]] {
    const path = join(this.bin, cmd);
    if (!this.user) return [path, args];
    return ['setpriv', [`--reuid=${this.user.uid}`, `--regid=${this.user.gid}`, '--clear-groups', '--', path, ...args]];
  }

  private async waitReady(proc: ChildProcess): Promise<boolean> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !hasExited(proc)) {
      const c = new pg.Client({ connectionString: this.url(), connectionTimeoutMillis: 1000 });
      try {
        await c.connect();
        await c.end();
        return true;
      } catch {
        await c.end().catch(() => {});
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return false;
  }
}
