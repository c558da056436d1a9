import type { ChainableCommander } from 'ioredis';
import type { ConversationAddress, OutboundMessage } from '../messages/message.types.js';

/** What a channel accepts; the delivery queue and the senders check messages against it. */
export interface ChannelCapabilities {
  maxButtons: number;
  maxTextLength: number;
  /** Messages per second the platform allows per conversation (delivery queue respects it); 0 = no limit (our own widget). */
  perConversationPerSecond: number;
  /** Messages per second the platform allows for the whole bot (Telegram: 30); unset = no channel-wide limit. */
  perChannelPerSecond?: number;
}

/**
 * A channel as the core sees it: send (and update where the channel can edit).
 * Implementations throw `ChannelSendError` so the delivery queue knows whether to retry.
 *
 * @example
 * class TestChannel implements ChannelPort { id = 'test'; capabilities = {...}; async send(a, m) { this.outbox.push(m); return { messageId: '1' }; } }
 */
export interface ChannelPort {
  readonly id: string;
  readonly capabilities: ChannelCapabilities;
  send(address: ConversationAddress, message: OutboundMessage): Promise<{ messageId: string }>;
  update?(address: ConversationAddress, messageId: string, message: OutboundMessage): Promise<void>;
  /**
   * Channels whose send is a Redis write in the conversation's slot (webchat): the send as a command to queue on a
   * transaction the caller executes (a turn's commit), or undefined when this message cannot go that way (the
   * caller sends it). Queued with the same idempotency key as `send`, so a later `send` of it appends nothing.
   */
  prepareSend?(address: ConversationAddress, message: OutboundMessage): ((multi: ChainableCommander) => void) | undefined;
}

/** Channel id → port. The composition root registers each enabled adapter. */
export class ChannelRegistry {
  private readonly channels = new Map<string, ChannelPort>();

  register(channel: ChannelPort): void {
    this.channels.set(channel.id, channel);
  }

  get(id: string): ChannelPort | undefined {
    return this.channels.get(id);
  }

  ids(): string[] {
    return [...this.channels.keys()];
  }
}
