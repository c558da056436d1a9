import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from './redis-connection.js';

export interface RedisSubscriberOptions {
  onMessage(channel: string, raw: string): void;
  /** The connection came back and its channels are subscribed again: what was published meanwhile was missed. */
  onResubscribed?(): void;
  onError(err: Error): void;
}

/**
 * One SUBSCRIBE connection (a duplicate of `redis`, since a subscribed connection can run nothing else) that
 * restores its own channels after a reconnect.
 *
 * ioredis's auto-resubscribe sends SUBSCRIBE from its ready handler without a rejection handler (redis/ioredis#2187,
 * fixed after 6.0.0): a connection closed while that SUBSCRIBE still waits (a shutdown during a Sentinel switch-over)
 * rejects it unhandled, which ends a Node process. So here it is off and the channels are sent again with a handler.
 * A Cluster's own subscriber already resubscribes with one, so a Cluster keeps it.
 */
export class RedisSubscriber {
  private readonly conn: RedisClient;
  private readonly channels = new Set<string>();
  private connectedOnce = false;
  private closed = false;

  constructor(redis: RedisClient, private readonly o: RedisSubscriberOptions) {
    this.conn = redis instanceof Cluster ? redis.duplicate() : (redis as Redis).duplicate({ autoResubscribe: false });
    this.conn.on('error', (err: Error) => o.onError(err));
    this.conn.on('message', (channel: string, raw: string) => o.onMessage(channel, raw));
    this.conn.on('ready', () => {
      if (this.connectedOnce) this.resubscribe();
      this.connectedOnce = true;
    });
  }

  /** Resolves once Redis has confirmed the subscription, so a read after it cannot miss a publish. */
  async subscribe(channel: string): Promise<void> {
    this.channels.add(channel);
    await this.conn.subscribe(channel);
  }

  async unsubscribe(channel: string): Promise<void> {
    this.channels.delete(channel);
    await this.conn.unsubscribe(channel);
  }

  /** Nothing is buffered on a subscriber: disconnect at once, and what waits on it (a resubscribe) fails handled. */
  close(): void {
    this.closed = true;
    this.channels.clear();
    this.conn.disconnect();
  }

  private resubscribe(): void {
    const channels = [...this.channels];
    if (this.conn instanceof Cluster || channels.length === 0) {
      this.o.onResubscribed?.();
      return;
    }
    this.conn.subscribe(...channels).then(
      () => this.o.onResubscribed?.(),
      (err: unknown) => { if (!this.closed) this.o.onError(err as Error); },
    );
  }
}
