import type { RiskTier } from '../triage/triage.types.js';
import type { Complaint, ComplaintStatus, TimelineEvent } from './complaint.types.js';

/** What a side effect needs of the value before the change (the whole old complaint is not kept). */
export interface PreviousState {
  status: ComplaintStatus;
  triage: { tier: RiskTier };
}

/**
 * One committed change, as stored in the change log: the complaint at that version, what it was before
 * (null for a new complaint) and the timeline events that explain it.
 */
export interface ComplaintChangeNotice {
  complaint: Complaint;
  previous: PreviousState | null;
  events: TimelineEvent[];
}

export type ComplaintListener = (notice: ComplaintChangeNotice) => Promise<void>;

/** A named side effect of a change. The name marks it done, so a re-run change never repeats it. */
export interface ChangeEffect {
  readonly name: string;
  run: ComplaintListener;
}

export interface EffectOutcome {
  name: string;
  error?: unknown;
}

/**
 * The side effects every committed change has (progress updates, handoff, SLA timers, workspaces, alerts).
 * The change log runs them — right after the commit in the writing process, and again from a worker for any
 * that failed or whose process died — so each must be idempotent by (complaint, version).
 */
export class ComplaintEvents {
  private readonly effects: Array<() => ChangeEffect[]> = [];
  private anonymous = 0;

  /** A fixed side effect; unnamed ones are numbered in registration order (every process registers the same). */
  on(listener: ComplaintListener): void;
  on(name: string, listener: ComplaintListener): void;
  on(a: string | ComplaintListener, b?: ComplaintListener): void {
    const effect: ChangeEffect = typeof a === 'string' ? { name: a, run: b as ComplaintListener } : { name: `listener-${++this.anonymous}`, run: a };
    this.effects.push(() => [effect]);
  }

  /** Side effects that depend on what is registered later (one per agent workspace). */
  onEach(effects: () => ChangeEffect[]): void {
    this.effects.push(effects);
  }

  list(): ChangeEffect[] {
    return this.effects.flatMap((e) => e());
  }

  /** Runs every side effect not already `done`, together; reports each outcome and never throws. */
  async run(notice: ComplaintChangeNotice, done: ReadonlySet<string> = new Set()): Promise<EffectOutcome[]> {
    const todo = this.list().filter((e) => !done.has(e.name));
    const results = await Promise.allSettled(todo.map((e) => e.run(notice)));
    return results.map((r, i) => ({ name: todo[i]!.name, ...(r.status === 'rejected' ? { error: r.reason as unknown } : {}) }));
  }
}
