import { mayWatchConsumer } from '../../src/agents/case-authority.js';
import { readConsumerTyping, type ConsumerTypingEvent, type ConsumerTypingSignal } from '../../src/agents/consumer-typing.js';
import type { Complaint } from '../../src/complaints/complaint.types.js';
import type { Logger } from '../../src/logging/logger.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import { RedisSubscriber } from '../../src/redis/redis-subscriber.js';
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
  private subscriber: RedisSubscriber | undefined;
  /** Typing signals of one conversation resolve one after another, so a stop can never overtake its start. */
  private readonly typingChains = new Map<string, Promise<void>>();

  constructor(
    private readonly redis: RedisClient,
    private readonly channel: string,
    private readonly logger: Logger,
    /** The case a consumer's typing is about (`typingCase`); without it, typing signals are not relayed. */
    private readonly typingCase?: (s: ConsumerTypingSignal) => Promise<Complaint | null>,
  ) {}

  async start(): Promise<void> {
    const sub = new RedisSubscriber(this.redis, {
      onMessage: (channel, raw) => { if (channel === this.channel) this.relay(raw); },
      onError: (err) => this.logger.warn({ err: err.message }, 'console: live subscriber error'),
    });
    this.subscriber = sub;
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
    sub?.close();
  }

  private relay(raw: string): void {
    let message: LiveMessage;
    try {
      message = JSON.parse(raw) as LiveMessage;
    } catch {
      this.logger.warn('console: unreadable live message dropped');
      return;
    }
    if (message.kind === 'consumer_typing') return this.relayTyping(message);
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

  /** One read of the consumer's open case per signal, and only while this process holds a stream at all. */
  private relayTyping(message: ConsumerTypingSignal): void {
    const signal = readConsumerTyping(message as unknown as Record<string, unknown>);
    if (!signal || !this.typingCase || this.clients.size === 0) return;
    const key = `${signal.channel}:${signal.conversationId}`;
    const next = (this.typingChains.get(key) ?? Promise.resolve())
      .then(async () => this.sendTyping(signal, await this.typingCase!(signal)))
      .catch((err: unknown) => this.logger.debug({ err }, 'console: consumer typing not relayed'))
      .finally(() => { if (this.typingChains.get(key) === next) this.typingChains.delete(key); });
    this.typingChains.set(key, next);
  }

  private sendTyping(signal: ConsumerTypingSignal, c: Complaint | null): void {
    if (!c) return;
    const event: ConsumerTypingEvent = { complaintId: c.id, on: signal.on };
    for (const client of this.clients) {
      if (!mayWatchConsumer({ id: client.agentId, role: client.supervisor ? 'supervisor' : 'agent' }, c)) continue;
      try {
        client.send('consumer_typing', event);
      } catch (err) {
        this.logger.debug({ err, agentId: client.agentId }, 'console: live client write failed');
      }
    }
  }
}
