import type { Persisted } from './persisted.js';

/**
 * What the consumer has seen: the highest history seq shown while they were looking (persisted, so a reload
 * knows what is new) and how many bot messages came since (the launcher's badge). Per conversation: a new
 * conversation starts with nothing read.
 */
export class ReadState {
  private seq: number;
  private count = 0;

  constructor(private readonly store: Persisted) {
    this.seq = store.get('read', 0);
  }

  /** Called on every welcome: what was read in another conversation does not count in this one. */
  joined(conversationId: string): void {
    if (this.store.get('readConversation', conversationId) !== conversationId) this.seq = 0;
    this.store.set('readConversation', conversationId);
  }

  isNew(seq: number): boolean {
    return seq > this.seq;
  }

  /** One more unread bot message; returns the new count. */
  arrived(): number {
    return ++this.count;
  }

  /** Everything up to `seq` has been seen. */
  readUpTo(seq: number): void {
    this.seq = Math.max(this.seq, seq);
    this.store.set('read', this.seq);
    this.count = 0;
  }
}
