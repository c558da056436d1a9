import { Cluster } from 'ioredis';
import type { Logger } from '../../src/logging/logger.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { LiveMessage } from './console.workspace.js';

/** One open event stream in this process. */
export interface LiveClient {
  agentId: string;
  supervisor: boolean;
  send(event: string, data: unknown): void;
}

/**
 * This process's side of the live channel: one SUBSCRIBE connection (a duplicate, since a subscribed
 * connection can run nothing else) relaying to the event streams this process holds. The set of streams
 * is local on purpose: other processes hold their own and get the same messages from Redis.
 */
export class ConsoleLiveHub {
  private readonly clients = new Set<LiveClient>();
  private subscriber: RedisClient | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    // The union's duplicate() signatures differ, so narrow first (a Cluster duplicates to a Cluster).
    const sub: RedisClient = this.redis instanceof Cluster ? this.redis.duplicate() : this.redis.duplicate();
    this.subscriber = sub;
    sub.on('error', (err: unknown) => this.logger.warn({ err }, 'console: live subscriber error'));
    sub.on('message', (channel: string, raw: string) => {
      if (channel === this.channel) this.relay(raw);
    });
    await sub.subscribe(this.channel);
  }

  add(client: LiveClient): () => void {
    this.clients.add(client);
    return () => this.clients.delete(client);
  }

  get size(): number {
    return this.clients.size;
  }

  async stop(): Promise<void> {
    this.clients.clear();
    const sub = this.subscriber;
    this.subscriber = undefined;
    if (sub) await sub.quit().catch(() => sub.disconnect());
  }

  private relay(raw: string): void {
    let message: LiveMessage;
    try {
      message = JSON.parse(raw) as LiveMessage;
    } catch {
      this.logger.warn('console: unreadable live message dropped');
      return;
    }
    for (const client of this.clients) {
      // Supervisor alerts are for supervisors only; case changes go to every agent's queue.
      if (message.kind === 'alert' && !client.supervisor) continue;
      try {
        client.send(message.kind, message);
      } catch (err) {
        this.logger.debug({ err, agentId: client.agentId }, 'console: live client write failed');
      }
    }
  }
}
