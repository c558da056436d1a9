import type { Clock } from '../clock.js';
import type { Logger } from '../logging/logger.js';
import { PollingLoop } from '../queues/polling-loop.js';
import type { CaseEvent } from './case-events.js';
import type { EventDeliveryLog } from './event-delivery-log.js';
import type { RedisEventOutbox } from './event-outbox.js';
import { postSigned } from './signed-request.js';

export interface EventDispatcherOptions {
  url: string;
  secret: string;
  /** One POST may take this long before it counts as failed. */
  timeoutMs: number;
  /** Attempts at one event before it is given up on and recorded on the case. */
  maxAttempts: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  pollMs?: number;
  /** How long a taken case is this dispatcher's (renewed before each POST); must exceed `timeoutMs`. */
  leaseMs?: number;
  now: Clock;
}

/** Called once for an event that failed every attempt: recorded where supervisors look. */
export type EventGaveUpHook = (event: CaseEvent, error: string, attempts: number) => Promise<void>;

/** Events sent for one case before it goes back to the due set, so one busy case cannot starve the others. */
const PER_CASE_ROUND = 50;
/** Cases worked at once by one dispatcher (each is one POST at a time). */
const MAX_IN_FLIGHT = 64;

/**
 * Delivers outgoing events (worker role; any number of dispatchers share the outbox). A case's events go one
 * at a time, the next only after the previous was answered 2xx (or given up on), so the receiver sees each
 * case's events in order; a dispatcher that dies mid-POST leaves the case to another after its lease, which
 * may send that event again: at least once, idempotent by the event's `id`. Different cases go in parallel.
 */
/** The longest an idle dispatcher waits between looks at the outbox (events of this process nudge it at once). */
const IDLE_POLL_MS = 1000;

export class EventDispatcher {
  private readonly polling: PollingLoop;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly leaseMs: number;

  constructor(
    private readonly outbox: RedisEventOutbox,
    private readonly log: EventDeliveryLog,
    private readonly gaveUp: EventGaveUpHook,
    private readonly logger: Logger,
    private readonly opts: EventDispatcherOptions,
  ) {
    this.backoffMs = opts.backoffMs ?? 1000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 300_000;
    // Any case taken: look again at once (a case worked off may leave room, and more may be due).
    this.polling = new PollingLoop(async () => ((await this.claim()) > 0 ? 'full' : 'none'), {
      pollMs: opts.pollMs ?? 250, idleMs: IDLE_POLL_MS, onError: (err) => this.logger.warn({ err: (err as Error).message }, 'events: could not read the outbox'),
    });
    this.leaseMs = Math.max(opts.leaseMs ?? 15_000, opts.timeoutMs + 1000);
  }

  start(): void {
    this.polling.start();
  }

  async stop(): Promise<void> {
    await this.polling.stop();
    await Promise.all(this.inFlight.values());
  }

  /** Something was queued in this process: look now instead of at the next poll (other processes poll). */
  nudge(): void {
    this.polling.nudge();
  }

  /**
   * Takes due cases up to the in-flight limit and starts working each (not waiting for them: a slow case does
   * not hold back the next claim). Returns how many cases were taken.
   */
  async claim(): Promise<number> {
    const free = MAX_IN_FLIGHT - this.inFlight.size;
    if (free <= 0) return 0;
    const perShard = Math.max(1, Math.floor(free / 16));
    const cases = (await this.outbox.claimDue(this.opts.now(), this.leaseMs, perShard)).filter((id) => !this.inFlight.has(id));
    for (const id of cases) {
      const work = this.runCase(id).finally(() => { this.inFlight.delete(id); this.polling.wake(); });
      this.inFlight.set(id, work);
    }
    return cases.length;
  }

  private async runCase(complaintId: string): Promise<void> {
    try {
      for (let sent = 0; sent < PER_CASE_ROUND && this.polling.running; sent++) {
        const head = await this.outbox.head(complaintId, this.opts.now() + this.leaseMs);
        if (!head) return;
        if (!(await this.deliver(complaintId, head.seq, head.event, head.attempts))) return;
      }
      // More left (or stopping): due again now, for whichever dispatcher comes first.
      await this.outbox.release(complaintId, this.opts.now());
    } catch (err) {
      // Redis trouble mid-way: the lease runs out and the case is taken again.
      this.logger.warn({ err: (err as Error).message, complaintId }, 'events: could not work a case off');
    }
  }

  /** Sends one event; true when it left the queue (delivered or given up), false when it is due again later. */
  private async deliver(complaintId: string, seq: number, event: CaseEvent, attempts: number): Promise<boolean> {
    const started = this.opts.now();
    let status: number | undefined;
    let error: string | undefined;
    try {
      status = (await postSigned({ url: this.opts.url, secret: this.opts.secret, body: JSON.stringify(event), timeoutMs: this.opts.timeoutMs, now: this.opts.now })).status;
      if (status < 200 || status > 299) error = `the receiver answered ${status}`;
    } catch (err) {
      error = (err as Error).name === 'TimeoutError' ? `no answer within ${this.opts.timeoutMs} ms` : `could not reach the receiver (${(err as Error).message})`;
    }
    const attempt = attempts + 1;
    const base = { eventId: event.id, type: event.type, complaintId, attempt, at: started, ms: this.opts.now() - started, ...(status !== undefined ? { status } : {}) };
    if (error === undefined) {
      await this.outbox.done(complaintId, event.id, seq);
      await this.record({ ...base, outcome: 'delivered' });
      return true;
    }
    if (attempt >= this.opts.maxAttempts) {
      await this.gaveUp(event, error, attempt);
      await this.outbox.done(complaintId, event.id, seq);
      await this.record({ ...base, outcome: 'failed', error });
      return true;
    }
    const delay = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** (attempt - 1));
    await this.outbox.retryAt(complaintId, event.id, seq, this.opts.now() + delay, attempt);
    await this.record({ ...base, outcome: 'retrying', error });
    this.logger.warn({ complaintId, eventId: event.id, attempt, error }, 'events: delivery failed; will retry');
    return false;
  }

  /** The log is for people: a failure to write it must not make a delivered event go again. */
  private async record(d: Parameters<EventDeliveryLog['record']>[0]): Promise<void> {
    await this.log.record(d).catch((err: unknown) => this.logger.warn({ err: (err as Error).message, eventId: d.eventId }, 'events: delivery log not written'));
  }
}
