import type { MessageFrame } from '../webchat.protocol.js';
import type { Persisted } from './persisted.js';

export interface Pending {
  frame: MessageFrame;
  /** What the consumer sees in their bubble (a button's label, the typed text). */
  display: string;
  ts: number;
  /** Local preview URLs of attached photos (not persisted: they die with the page). */
  previews?: string[];
}

/**
 * What the consumer sent that the server has not acked yet, persisted so a reload or a long offline spell loses
 * nothing. Entries leave only on ack (or a permanent error); the server's clientId dedupe makes resending safe.
 */
export class Outbox {
  private items: Pending[];

  constructor(private readonly store: Persisted) {
    this.items = store.get<Pending[]>('outbox', []);
  }

  add(item: Pending): void {
    this.items.push(item);
    this.save();
  }

  remove(clientId: string): Pending | undefined {
    const found = this.items.find((p) => p.frame.clientId === clientId);
    this.items = this.items.filter((p) => p.frame.clientId !== clientId);
    this.save();
    return found;
  }

  all(): Pending[] {
    return this.items.slice();
  }

  private save(): void {
    this.store.set('outbox', this.items.map(({ previews: _p, ...rest }) => rest));
  }
}

export function newClientId(): string {
  const rnd = Math.random().toString(36).slice(2, 10);
  return `c${Date.now().toString(36)}${rnd}`;
}
