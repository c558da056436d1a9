/** What one look found: a full batch (look again at once), some work (look again soon) or nothing (wait longer). */
export type LookResult = 'full' | 'some' | 'none';

export interface PollingLoopOptions {
  /** The wait after a look that found some work, and where an idle wait starts doubling from. */
  pollMs: number;
  /** The longest wait between looks while they find nothing. */
  idleMs: number;
  onError: (err: unknown) => void;
}

/**
 * The loop of a worker that looks for due work in Redis (the change worker, the events dispatcher). Writers do
 * most work themselves, so looks usually find nothing: idle, the wait doubles from `pollMs` up to `idleMs` (each
 * look costs a script per shard on every worker), and drops back as soon as a look finds work.
 */
export class PollingLoop {
  private active = false;
  private loop: Promise<void> | undefined;
  private cutShort: (() => void) | undefined;
  private nudged = false;

  constructor(private readonly look: () => Promise<LookResult>, private readonly o: PollingLoopOptions) {}

  get running(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.active = false;
    this.cutShort?.();
    await this.loop;
  }

  /** Ends the current wait, if any (work finished that may free room for more). */
  wake(): void {
    this.cutShort?.();
  }

  /** New work is known: the next look comes now, even if a look is running at this moment. */
  nudge(): void {
    this.nudged = true;
    this.cutShort?.();
  }

  private async run(): Promise<void> {
    let wait = this.o.pollMs;
    while (this.active) {
      let found: LookResult = 'none';
      try {
        found = await this.look();
      } catch (err) {
        this.o.onError(err);
      }
      if (!this.active) break;
      if (found === 'full' || this.nudged) {
        this.nudged = false;
        wait = this.o.pollMs;
        continue;
      }
      wait = found === 'some' ? this.o.pollMs : Math.min(Math.max(this.o.pollMs, this.o.idleMs), wait * 2);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.cutShort = () => { clearTimeout(t); resolve(); };
      });
      this.cutShort = undefined;
      this.nudged = false;
    }
  }
}
