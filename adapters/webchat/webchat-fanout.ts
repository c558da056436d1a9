import type { Logger } from '../../src/logging/logger.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import { RedisSubscriber } from '../../src/redis/redis-subscriber.js';
import type { WebchatKeys } from './webchat-keys.js';

export interface FanoutListener {
  /** A raw HistoryEntry JSON published for this conversation (by any process). */
  onEntry(raw: string): void;
  /** The subscriber reconnected: anything published meanwhile was missed, so replay from history. */
  onResync(): void;
}

/**
 * One SUBSCRIBE connection per process, shared by every socket it holds. A conversation's channel is
 * subscribed while at least one local socket listens to it, so a process only hears about its own consumers.
 */
export class WebchatFanout {
  private readonly sub: RedisSubscriber;
  private readonly listeners = new Map<string, Set<FanoutListener>>();
  private readonly pending = new Map<string, Promise<unknown>>();

  constructor(redis: RedisClient, private readonly keys: WebchatKeys, private readonly logger: Logger) {
    this.sub = new RedisSubscriber(redis, {
      onMessage: (channel, raw) => this.dispatch(channel, raw),
      onResubscribed: () => this.resyncAll(),
      onError: (err) => this.logger.warn({ err: err.message }, 'webchat subscriber error'),
    });
  }

  /** Resolves once the channel is subscribed, so a history read after it cannot miss a publish. */
  async listen(conversationId: string, listener: FanoutListener): Promise<void> {
    const channel = this.keys.channel(conversationId);
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      this.pending.set(channel, this.sub.subscribe(channel));
    }
    set.add(listener);
    await this.pending.get(channel);
  }

  unlisten(conversationId: string, listener: FanoutListener): void {
    const channel = this.keys.channel(conversationId);
    const set = this.listeners.get(channel);
    if (!set?.delete(listener) || set.size > 0) return;
    this.listeners.delete(channel);
    this.pending.delete(channel);
    this.sub.unsubscribe(channel).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.sub.close();
  }

  private dispatch(channel: string, raw: string): void {
    for (const l of this.listeners.get(channel) ?? []) l.onEntry(raw);
  }

  private resyncAll(): void {
    this.logger.info({ conversations: this.listeners.size }, 'webchat subscriber reconnected; replaying history to open sockets');
    for (const set of this.listeners.values()) for (const l of set) l.onResync();
  }
}
