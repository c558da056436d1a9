/** A start at most this often while keys are pressed: the agent's page hides "typing…" 8 s after the last one. */
const START_EVERY_MS = 3000;
/** This long without a key counts as stopped. */
const IDLE_MS = 5000;

/**
 * Tells the agents on the case that the consumer is typing (`typing` frames): a start while they type, throttled,
 * and a stop when they send, leave the box, empty it or pause. Nothing is queued: a signal sent offline is dropped.
 */
export class TypingNotifier {
  private sentAt = 0;
  private idle: number | undefined;

  constructor(private readonly send: (on: boolean) => void) {}

  /** On every edit of the text box; `empty` when nothing is left in it. */
  edited(empty: boolean): void {
    if (empty) return this.stop();
    window.clearTimeout(this.idle);
    this.idle = window.setTimeout(() => this.stop(), IDLE_MS);
    if (Date.now() - this.sentAt < START_EVERY_MS) return;
    this.sentAt = Date.now();
    this.send(true);
  }

  stop(): void {
    window.clearTimeout(this.idle);
    if (!this.sentAt) return;
    this.sentAt = 0;
    this.send(false);
  }
}
