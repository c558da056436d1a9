import { AsyncLocalStorage } from 'node:async_hooks';
import { systemClock } from '../clock.js';
import type { ComplaintChangeNotice, ComplaintEvents, EffectOutcome } from '../complaints/complaint-events.js';
import type { Logger } from '../logging/logger.js';
import type { RedisChangeLog } from './change-log.js';
import type { DeferredEffects } from './deferred-effects.js';

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
  /** Set inside `deferWithin`: changes committed there hold their side effects on it. */
  private readonly holder = new AsyncLocalStorage<DeferredEffects>();

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

  /**
   * Runs `fn`; the side effects of changes it commits wait on `held` until the caller runs it. A consumer's turn
   * uses it so that its reply and commit go out first: the change log holds each change durably meanwhile.
   */
  deferWithin<T>(held: DeferredEffects, fn: () => Promise<T>): Promise<T> {
    return this.holder.run(held, fn);
  }

  /** Work that goes with a change but is not one of its side effects (the consumer's profile): held inside `deferWithin`, else run now. */
  async beside(work: () => Promise<void>): Promise<void> {
    const held = this.holder.getStore();
    if (held) held.add(work);
    else await work();
  }

  /**
   * After a write: run its side effects now (or hold them, inside `deferWithin`), unless the previous change's are
   * still pending elsewhere (a worker keeps the order). A previous change held by the same holder runs first.
   */
  async afterCommit(notice: ComplaintChangeNotice, previousPending: boolean, done: ReadonlySet<string> = new Set()): Promise<void> {
    const held = this.holder.getStore();
    const { id, version } = notice.complaint;
    if (held && (!previousPending || held.holds(id, version - 1))) return held.addChange(id, version, () => this.settleNow(notice, done));
    if (previousPending) return;
    await this.settleNow(notice, done);
  }

  /** Whether the change was settled (done, or given up and recorded); false leaves it due again for a worker. */
  private async settleNow(notice: ComplaintChangeNotice, done: ReadonlySet<string>): Promise<boolean> {
    try {
      return (await this.apply(notice, done, 0)) === 'done';
    } catch (err) {
      // Redis went away while settling: the outbox entry is leased, so a worker takes the change over.
      this.logger.warn({ err: (err as Error).message, complaintId: notice.complaint.id, version: notice.complaint.version }, 'change: settle failed; a worker will finish it');
      return false;
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
