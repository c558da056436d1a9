import { systemClock } from '../clock.js';
import type { Logger } from '../logging/logger.js';
import { PollingLoop } from '../queues/polling-loop.js';
import type { DueChange, RedisChangeLog } from './change-log.js';
import type { ChangeProcessor } from './change-processor.js';

export interface ChangeWorkerOptions {
  /** How soon a worker that just found work looks again. */
  pollMs?: number;
  /** The longest an idle worker waits between looks (the wait doubles from `pollMs` while rounds come back empty). */
  idlePollMs?: number;
  /** How long a taken change is this worker's before another may take it (a dead worker's changes come back then). */
  leaseMs?: number;
  /** Changes taken per round. */
  batch?: number;
  now?: () => number;
}

/** How soon a change waiting for its predecessor is looked at again. */
const ORDER_RETRY_MS = 100;

/**
 * Finishes what writers could not: changes whose process died before their side effects ran, and side
 * effects that failed. Runs in every process with the worker role; any number of them share the outbox.
 * Changes of one case run in version order (a consumer never gets the reply before the claim notice);
 * different cases run in parallel.
 */
export class ChangeWorker {
  private readonly polling: PollingLoop;
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly now: () => number;

  constructor(
    private readonly log: RedisChangeLog,
    private readonly processor: ChangeProcessor,
    private readonly logger: Logger,
    opts: ChangeWorkerOptions = {},
  ) {
    this.polling = new PollingLoop(
      async () => { const taken = await this.round(); return taken >= this.batch ? 'full' : taken > 0 ? 'some' : 'none'; },
      { pollMs: opts.pollMs ?? 250, idleMs: opts.idlePollMs ?? 2000, onError: (err) => this.logger.warn({ err: (err as Error).message }, 'change worker: could not read the outbox') },
    );
    this.leaseMs = opts.leaseMs ?? 15_000;
    this.batch = opts.batch ?? 32;
    this.now = opts.now ?? systemClock;
  }

  start(): void {
    this.polling.start();
  }

  async stop(): Promise<void> {
    await this.polling.stop();
  }

  /** One round: take what is due and work it off. Returns how many changes were taken. */
  async round(): Promise<number> {
    const due = await this.log.claimDue(this.now(), this.leaseMs, this.batch);
    const byCase = new Map<string, DueChange[]>();
    for (const d of due) byCase.set(d.id, [...(byCase.get(d.id) ?? []), d]);
    await Promise.all([...byCase.values()].map((changes) => this.runCase(changes.sort((a, b) => a.version - b.version))));
    return due.length;
  }

  private async runCase(changes: DueChange[]): Promise<void> {
    let previousDone = false;
    for (const c of changes) {
      try {
        if (!c.notice) {
          await this.log.complete(c.id, c.version);
          previousDone = true;
          continue;
        }
        if (c.previousPending && !previousDone) {
          await this.log.retryAt(c.id, c.version, this.now() + ORDER_RETRY_MS, c.attempts, [...c.done]);
          previousDone = false;
          continue;
        }
        previousDone = (await this.processor.apply(c.notice, c.done, c.attempts)) === 'done';
      } catch (err) {
        // Redis trouble mid-way: the lease runs out and the change is taken again.
        this.logger.warn({ err: (err as Error).message, complaintId: c.id, version: c.version }, 'change worker: could not settle a change');
        return;
      }
    }
  }
}
