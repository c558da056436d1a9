import type { Logger } from '../logging/logger.js';

interface Held {
  /** The case of a change; its later changes after one that did not settle are left to a worker. Unset: other work. */
  complaintId?: string;
  version?: number;
  /** Runs the work; false when the change was not settled (its side effects are due again, in a worker's hands). */
  run: () => Promise<boolean>;
}

/**
 * Side effects a consumer's turn holds back until its reply and commit are out (ChangeProcessor.deferWithin).
 * The change log already holds each change durably, so holding them costs no guarantee: a process that dies
 * before `run` leaves them to a worker, as one that dies right after its write does.
 */
export class DeferredEffects {
  private readonly held: Held[] = [];
  /** Cases whose earlier change this holder ran and could not settle: their later changes keep the order through a worker. */
  private readonly unsettled = new Set<string>();

  constructor(private readonly logger: Logger) {}

  /** Whether this holder has that change of the case (the next one may follow it here instead of waiting for a worker). */
  holds(complaintId: string, version: number): boolean {
    return this.held.some((h) => h.complaintId === complaintId && h.version === version);
  }

  /** A committed change's side effects; `run` resolves false when the change did not settle. */
  addChange(complaintId: string, version: number, run: () => Promise<boolean>): void {
    this.held.push({ complaintId, version, run });
  }

  /** Work beside the changes that is not in the change log (the consumer's profile): run once, failures logged. */
  add(run: () => Promise<void>): void {
    this.held.push({ run: async () => { await run(); return true; } });
  }

  /** Runs the held changes in the order they were committed, the other work beside them; never throws. */
  async run(): Promise<void> {
    const held = this.held.splice(0);
    await Promise.all([
      (async () => {
        for (const h of held.filter((x) => x.complaintId !== undefined)) {
          if (!this.unsettled.has(h.complaintId!) && !(await this.settle(h))) this.unsettled.add(h.complaintId!);
        }
      })(),
      ...held.filter((x) => x.complaintId === undefined).map((h) => this.settle(h)),
    ]);
  }

  private async settle(h: Held): Promise<boolean> {
    return h.run().catch((err: unknown) => {
      const id = h.complaintId;
      this.logger.warn({ err: (err as Error).message, complaintId: id }, id ? 'change: held side effects failed; a worker will finish them' : 'held work after a change failed');
      return false;
    });
  }
}
