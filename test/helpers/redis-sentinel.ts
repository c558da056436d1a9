/**
 * A master, a replica and three Sentinels (`redis-server --sentinel`) on free loopback ports, each in its own
 * temp dir, for failover tests. Sentinels declare a master down after 1 s, so a switch takes a few seconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { killAndWait } from './process-exit.js';
import { freePort } from './redis-server.js';

interface Node {
  port: number;
  proc: ChildProcess;
}

export const SENTINEL_MASTER_NAME = 'redress';

export class TestSentinel {
  private readonly dir = mkdtempSync(join(tmpdir(), 'redress-sentinel-'));
  private readonly servers: Node[] = [];
  private readonly sentinels: Node[] = [];

  /** `host:port` of each Sentinel, as REDIS_SENTINELS wants them. */
  get sentinelAddresses(): string[] {
    return this.sentinels.map((s) => `127.0.0.1:${s.port}`);
  }

  async start(): Promise<void> {
    const master = await this.spawnServer([]);
    await this.spawnServer(['--replicaof', '127.0.0.1', String(master.port)]);
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const conf = join(this.dir, `sentinel-${port}.conf`);
      writeFileSync(conf, [
        `port ${port}`, 'bind 127.0.0.1', `dir ${this.dir}`,
        `sentinel monitor ${SENTINEL_MASTER_NAME} 127.0.0.1 ${master.port} 2`,
        `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} 1000`,
        `sentinel failover-timeout ${SENTINEL_MASTER_NAME} 5000`,
        `sentinel parallel-syncs ${SENTINEL_MASTER_NAME} 1`, '',
      ].join('\n'));
      this.sentinels.push({ port, proc: spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' }) });
    }
    await this.until(async () => (await this.onlineReplicas(master.port)) === 1, 'the replica to sync');
    // SENTINEL failover answers NOGOODSLAVE until every Sentinel has seen the replica and the others.
    await this.until(async () => {
      const seen = await Promise.all(this.sentinels.map(async (s) => {
        const [peers, replicas] = await Promise.all([this.sentinelCall(s.port, 'sentinels'), this.sentinelCall(s.port, 'replicas')]);
        return peers.length === 2 && replicas.length === 1;
      }));
      return seen.every(Boolean);
    }, 'the sentinels to see each other and the replica', 20_000);
  }

  /** The port Sentinels currently name as master. */
  async masterPort(): Promise<number> {
    const [, port] = (await this.sentinelCall(this.sentinels[0]!.port, 'get-master-addr-by-name')) as [string, string];
    return Number(port);
  }

  /** `SENTINEL failover`; resolves on `+switch-master` with the old and new master ports. */
  async failover(): Promise<{ from: number; to: number }> {
    return this.switchAfter(async () => { await this.sentinelCall(this.sentinels[0]!.port, 'failover', true); });
  }

  /** kill -9 of the master; resolves on `+switch-master`. The dead master stays dead. */
  async killMaster(): Promise<{ from: number; to: number }> {
    const port = await this.masterPort();
    return this.switchAfter(async () => { this.servers.find((s) => s.port === port)?.proc.kill('SIGKILL'); });
  }

  /** Resolves once the old master `port` has re-synced as a replica of the current master. */
  async waitResynced(port: number): Promise<void> {
    await this.until(async () => {
      const info = await this.replicationOf(port);
      return info.includes('role:slave') && info.includes('master_link_status:up') && info.includes(`master_port:${await this.masterPort()}`);
    }, `${port} to re-sync as a replica`, 20_000);
  }

  /** A plain client on one server (not through Sentinel), for checking what a node holds. */
  client(port: number): Redis {
    const c = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1 });
    c.on('error', () => {});
    return c;
  }

  async destroy(): Promise<void> {
    await Promise.all([...this.sentinels, ...this.servers].map((n) => killAndWait(n.proc)));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async switchAfter(trigger: () => Promise<void>): Promise<{ from: number; to: number }> {
    const sub = new Redis({ port: this.sentinels[0]!.port, host: '127.0.0.1' });
    sub.on('error', () => {});
    try {
      await sub.subscribe('+switch-master');
      const switched = new Promise<{ from: number; to: number }>((resolve) => {
        sub.on('message', (_ch: string, msg: string) => {
          const [name, , from, , to] = msg.split(' ');
          if (name === SENTINEL_MASTER_NAME) resolve({ from: Number(from), to: Number(to) });
        });
      });
      await trigger();
      return await withTimeout(switched, 20_000, '+switch-master');
    } finally {
      sub.disconnect();
    }
  }

  private async spawnServer(extra: string[]): Promise<Node> {
    const port = await freePort();
    const dir = mkdtempSync(join(this.dir, `redis-${port}-`));
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no',
      '--protected-mode', 'no', '--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0', ...extra], { stdio: 'ignore' });
    const node = { port, proc };
    this.servers.push(node);
    await this.until(async () => (await this.replicationOf(port)) !== '', `redis-server on ${port}`);
    return node;
  }

  private async onlineReplicas(port: number): Promise<number> {
    return ((await this.replicationOf(port)).match(/^slave\d+:.*state=online/gm) ?? []).length;
  }

  /** INFO replication of one server, '' when it does not answer. */
  private async replicationOf(port: number): Promise<string> {
    const c = this.client(port);
    try {
      await c.connect();
      return await c.info('replication');
    } catch {
      return '';
    } finally {
      c.disconnect();
    }
  }

  /** `SENTINEL <sub> <master name>` on one Sentinel; [] when it does not answer, unless `strict`. */
  private async sentinelCall(port: number, sub: string, strict = false): Promise<unknown[]> {
    const c = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1 });
    c.on('error', () => {});
    try {
      await c.connect();
      const reply = await c.call('SENTINEL', sub, SENTINEL_MASTER_NAME);
      return Array.isArray(reply) ? reply : [reply];
    } catch (err) {
      if (strict) throw err;
      return [];
    } finally {
      c.disconnect();
    }
  }

  private async until(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms); });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
