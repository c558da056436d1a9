/**
 * Spawns a private Redis Cluster for one test file: 6 `redis-server --cluster-enabled yes` nodes on free loopback
 * ports (each with its own temp dir), joined by `redis-cli --cluster create … --cluster-replicas 1` into 3 masters
 * with a replica each. `killMaster` kill -9s a master and waits until its replica has taken over its slots.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { killAndWait } from './process-exit.js';

const run = promisify(execFile);

interface Node {
  port: number;
  dir: string;
  proc: ChildProcess | undefined;
}

export interface ClusterNodeInfo {
  id: string;
  port: number;
  master: boolean;
  failed: boolean;
  slots: number;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A free port whose cluster bus port (port + 10000) is free too. */
async function clusterPort(taken: Set<number>): Promise<number> {
  for (;;) {
    // Below the ephemeral range (32768+), bus ports included, so no outgoing socket takes one.
    const port = 10_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port) || taken.has(port + 10_000)) continue;
    if ((await portFree(port)) && (await portFree(port + 10_000))) {
      taken.add(port);
      taken.add(port + 10_000);
      return port;
    }
  }
}

/** Commands that are not the application's: topology, replication, connection and stats. */
const ADMIN = new Set(['cluster', 'info', 'replconf', 'psync', 'sync', 'ping', 'config', 'command', 'client', 'hello', 'readonly', 'select', 'auth', 'echo']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TestCluster {
  private readonly nodes: Node[] = [];

  constructor(private readonly size = 6, private readonly nodeTimeoutMs = 1000) {}

  /** `host:port,…` of every node, for REDIS_CLUSTER_NODES. */
  get nodeList(): string {
    return this.nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
  }

  async start(): Promise<void> {
    const taken = new Set<number>();
    for (let i = 0; i < this.size; i++) {
      const node: Node = { port: await clusterPort(taken), dir: mkdtempSync(join(tmpdir(), 'redress-cluster-')), proc: undefined };
      node.proc = spawn('redis-server', [
        '--port', String(node.port), '--bind', '127.0.0.1', '--protected-mode', 'no', '--dir', node.dir,
        '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', String(this.nodeTimeoutMs),
        '--appendonly', 'no', '--save', '', '--logfile', join(node.dir, 'redis.log'), '--repl-diskless-sync-delay', '0',
      ], { stdio: 'ignore' });
      this.nodes.push(node);
    }
    for (const n of this.nodes) await this.waitFor(() => this.answers(n.port), `node ${n.port} up`);
    await run('redis-cli', ['--cluster', 'create', ...this.nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '1', '--cluster-yes']);
    await this.waitFor(() => this.healthy(3), 'cluster_state:ok with 3 masters and their replicas', 30_000);
    // A replica that never finished its first sync cannot take over: wait until every link is up.
    await this.waitFor(async () => {
      const replicas = (await this.topology()).filter((n) => !n.master);
      const links = await Promise.all(replicas.map((n) => this.call(n.port, ['INFO', 'replication']).catch(() => '')));
      return links.every((l) => String(l).includes('master_link_status:up'));
    }, 'every replica in sync', 30_000);
  }

  /** The nodes as a live node sees them (CLUSTER NODES). */
  async topology(): Promise<ClusterNodeInfo[]> {
    for (const n of this.nodes) {
      if (!n.proc) continue;
      const text = await this.call(n.port, ['CLUSTER', 'NODES']).catch(() => null);
      if (typeof text !== 'string') continue;
      return text.trim().split('\n').map((line) => {
        const f = line.split(' ');
        const slots = f.slice(8).reduce((sum, r) => {
          if (r.startsWith('[')) return sum;
          const [a, b] = r.split('-').map(Number);
          return sum + (b === undefined ? 1 : b - a! + 1);
        }, 0);
        return { id: f[0]!, port: Number(f[1]!.split(':')[1]!.split('@')[0]), master: f[2]!.includes('master'), failed: f[2]!.includes('fail'), slots };
      });
    }
    throw new Error('no cluster node answers');
  }

  /** Ports of the masters that serve slots now. */
  async masters(): Promise<number[]> {
    return (await this.topology()).filter((n) => n.master && !n.failed && n.slots > 0).map((n) => n.port).sort((a, b) => a - b);
  }

  /** kill -9 of the master at `port` (default: the first); resolves once a replica has taken over and the cluster is ok. */
  async killMaster(port?: number): Promise<{ killed: number; promoted: number }> {
    const before = await this.masters();
    const killed = port ?? before[0]!;
    const node = this.nodes.find((n) => n.port === killed)!;
    const proc = node.proc!;
    node.proc = undefined;
    await killAndWait(proc);
    let promoted = 0;
    await this.waitFor(async () => {
      const now = await this.masters().catch((): number[] => []);
      const fresh = now.filter((p) => !before.includes(p));
      if (now.length !== 3 || now.includes(killed) || fresh.length !== 1) return false;
      promoted = fresh[0]!;
      return this.stateOk();
    }, `a replica of ${killed} promoted`, 30_000);
    return { killed, promoted };
  }

  /** Sum of `calls` over INFO commandstats of one node: the data commands clients sent (not cluster, replication or admin ones). */
  async commandCount(port: number): Promise<number> {
    const text = await this.commandStats(port);
    let sum = 0;
    for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) if (!ADMIN.has(m[1]!.split('|')[0]!)) sum += Number(m[2]);
    return sum;
  }

  /** One node's `INFO commandstats` text. */
  async commandStats(port: number): Promise<string> {
    return String(await this.call(port, ['INFO', 'commandstats']));
  }

  async resetStats(ports: number[]): Promise<void> {
    await Promise.all(ports.map((p) => this.call(p, ['CONFIG', 'RESETSTAT'])));
  }

  async destroy(): Promise<void> {
    await Promise.all(this.nodes.map(async (n) => {
      const proc = n.proc;
      n.proc = undefined;
      if (proc) await killAndWait(proc);
      rmSync(n.dir, { recursive: true, force: true });
    }));
  }

  private async healthy(masters: number): Promise<boolean> {
    if (!(await this.stateOk())) return false;
    const t = await this.topology().catch((): ClusterNodeInfo[] => []);
    return t.filter((n) => n.master && n.slots > 0).length === masters && t.filter((n) => !n.master).length === this.size - masters;
  }

  /** Every live node says cluster_state:ok. */
  private async stateOk(): Promise<boolean> {
    for (const n of this.nodes) {
      if (!n.proc) continue;
      const info = await this.call(n.port, ['CLUSTER', 'INFO']).catch(() => '');
      if (!String(info).includes('cluster_state:ok')) return false;
    }
    return true;
  }

  private async answers(port: number): Promise<boolean> {
    return (await this.call(port, ['PING']).catch(() => null)) === 'PONG';
  }

  /** One command on one node, over a short-lived plain connection. */
  private async call(port: number, args: string[]): Promise<unknown> {
    const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    r.on('error', () => undefined);
    try {
      await r.connect();
      return await r.call(args[0]!, ...args.slice(1));
    } finally {
      r.disconnect();
    }
  }

  private async waitFor(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`redis cluster: timed out waiting for ${what}`);
      await sleep(50);
    }
  }
}
