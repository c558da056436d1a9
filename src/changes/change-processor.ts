import { systemClock } from '../clock.js';
import type { ComplaintChangeNotice, ComplaintEvents, EffectOutcome } from '../complaints/complaint-events.js';
import type { Logger } from '../logging/logger.js';
import type { RedisChangeLog } from './change-log.js';

/** Called once when a change's side effects have failed every attempt: record it where agents look. */
export type GaveUpHook = (notice: ComplaintChangeNotice, failed: Array<{ name: string; error: string }>) => Promise<void>;

export interface ChangeProcessorOptions {
  /** Attempts before a failing side effect is given up on and recorded (default 10, about 3 minutes). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to a minute. */
  backoffMs?: number;
  now?: () => number;
}

const MAX_BACKOFF_MS = 60_000;

/**
 * Runs a committed change's side effects and settles it in the change log. The writer calls `afterCommit`
 * right after its write (the fast path: no extra hop for the consumer's update); a ChangeWorker calls `apply`
 * for changes whose writer died or whose side effects failed. Failures never reach the writer's caller: the
 * change is committed, so a failed side effect is retried with backoff, and finally recorded on the case.
 */
export class ChangeProcessor {
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly now: () => number;

  constructor(
    private readonly log: RedisChangeLog,
    private readonly effects: ComplaintEvents,
    private readonly gaveUp: GaveUpHook,
    private readonly logger: Logger,
    opts: ChangeProcessorOptions = {},
  ) {
    this.maxAttempts = opts.maxAttempts ?? 10;
    this.backoffMs = opts.backoffMs ?? 500;
    this.now = opts.now ?? systemClock;
  }

  /** After a write: run its side effects now, unless the previous change's are still pending (a worker keeps the order). */
  async afterCommit(notice: ComplaintChangeNotice, previousPending: boolean, done: ReadonlySet<string> = new Set()): Promise<void> {
    if (previousPending) return;
    try {
      await this.apply(notice, done, 0);
    } catch (err) {
      // Redis went away while settling: the outbox entry is leased, so a worker takes the change over.
      this.logger.warn({ err: (err as Error).message, complaintId: notice.complaint.id, version: notice.complaint.version }, 'change: settle failed; a worker will finish it');
    }
  }

  /** Runs the side effects not yet done and settles the change: done, due again with backoff, or given up and recorded. */
  async apply(notice: ComplaintChangeNotice, done: ReadonlySet<string>, attempts: number): Promise<'done' | 'retry'> {
    const { id, version } = notice.complaint;
    const outcomes = await this.effects.run(notice, done);
    const failed = outcomes.filter((o) => o.error !== undefined);
    if (!failed.length) {
      await this.log.complete(id, version);
      return 'done';
    }
    const tries = attempts + 1;
    const reasons = failed.map((o) => ({ name: o.name, error: messageOf(o) }));
    this.logger.warn({ complaintId: id, version, attempt: tries, failed: reasons }, 'change: side effects failed');
    // A failure the side effect calls permanent (a channel Slack says the bot is not in) cannot succeed on retry.
    const hopeless = tries >= this.maxAttempts ? failed : failed.filter((o) => (o.error as { permanent?: unknown }).permanent === true);
    if (hopeless.length) await this.gaveUp(notice, hopeless.map((o) => ({ name: o.name, error: messageOf(o) })));
    if (hopeless.length === failed.length) {
      await this.log.complete(id, version);
      return 'done';
    }
    const ok = [...done, ...outcomes.filter((o) => o.error === undefined || hopeless.includes(o)).map((o) => o.name)];
    await this.log.retryAt(id, version, this.now() + Math.min(MAX_BACKOFF_MS, this.backoffMs * 2 ** (tries - 1)), tries, ok);
    return 'retry';
  }
}

function messageOf(o: EffectOutcome): string {
  const e = o.error as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? `${e.code}: ` : '';
  return `${code}${typeof e?.message === 'string' ? e.message : String(o.error)}`.slice(0, 500);
}
