import { Redis } from 'ioredis';

export interface SentinelAddress {
  host: string;
  port: number;
}

const ASK_TIMEOUT_MS = 500;

/**
 * Whether a client is connected to the master the Sentinels name now. Right after a switch-over a client that has
 * not followed yet still talks to the old master, which may take writes the switch will throw away: `/readyz`
 * fails then, so a load balancer routes to processes that have followed.
 */
export class SentinelMasterCheck {
  private readonly sentinels: Redis[];

  constructor(addresses: SentinelAddress[], private readonly name: string) {
    this.sentinels = addresses.map((a) => {
      const c = new Redis({ host: a.host, port: a.port, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => 1000 });
      c.on('error', () => undefined);
      return c;
    });
  }

  /** Null when `client` is on the master the first answering Sentinel names; otherwise a fixed reason. */
  async problem(client: { stream?: { remoteAddress?: string; remotePort?: number } }): Promise<string | null> {
    const master = await this.masterAddress();
    if (!master) return 'no sentinel answers';
    const s = client.stream;
    if (!s || s.remotePort !== master.port || normalise(s.remoteAddress) !== normalise(master.host)) {
      return 'the sentinels name another master; this process has not followed yet';
    }
    return null;
  }

  async masterAddress(): Promise<SentinelAddress | null> {
    for (const s of this.sentinels) {
      try {
        if (s.status === 'wait') await s.connect();
        const answer = await Promise.race([
          s.call('SENTINEL', 'get-master-addr-by-name', this.name) as Promise<[string, string] | null>,
          new Promise<null>((r) => setTimeout(() => r(null), ASK_TIMEOUT_MS).unref()),
        ]);
        if (answer) return { host: answer[0], port: Number(answer[1]) };
      } catch {
        // The next Sentinel may answer.
      }
    }
    return null;
  }

  close(): void {
    for (const s of this.sentinels) s.disconnect();
  }
}

function normalise(host: string | undefined): string {
  const h = (host ?? '').replace(/^::ffff:/, '');
  return h === 'localhost' || h === '::1' ? '127.0.0.1' : h;
}
