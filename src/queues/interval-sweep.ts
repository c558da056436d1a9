/**
 * A sweep that runs now and then every `intervalMs` in the worker role (evidence retention, archive eviction): never
 * two at once in this process, a failure reported to `onError` and retried at the next interval, and `stop` waits
 * for a sweep in progress. Across processes each sweep takes its own Redis lease.
 *
 * @example
 * const every = new IntervalSweep(() => retention.sweep().then(report), 3_600_000, (err) => logger.error(...));
 * every.start(); … await every.stop();
 */
export class IntervalSweep {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly sweep: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    if (this.timer) return;
    const run = () => {
      if (this.running) return;
      this.running = this.sweep().catch(this.onError).finally(() => { this.running = undefined; });
    };
    this.timer = setInterval(run, this.intervalMs);
    this.timer.unref?.();
    run();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
