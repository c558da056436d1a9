import type { Clock } from '../clock.js';

/**
 * The order look-up's small cache of the platform's answers: the order step and the submit ask about the same
 * order (or the same consumer's recent orders) within a minute. Bounded: insertion order is age, so when it is full
 * the oldest answer goes.
 */
export class AnswerCache<T> {
  private readonly entries = new Map<string, { at: number; value: T }>();

  constructor(private readonly ttlMs: number, private readonly size: number, private readonly now: Clock) {}

  get(key: string): T | undefined {
    const hit = this.entries.get(key);
    return hit && this.now() - hit.at < this.ttlMs ? hit.value : undefined;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), value });
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }
}
