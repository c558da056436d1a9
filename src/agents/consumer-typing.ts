/**
 * The consumer typing in their chat, shown to the agents answering them ("Zelda is typing…" on the case page).
 * A channel that sees typing (the widget; Telegram tells bots nothing) publishes one signal on the console's live
 * channel (`P:console:events`, see adapters/console/console.keys.ts); nothing is stored, and a signal nobody is
 * looking at is simply gone. Each console process resolves it to the consumer's open case and relays it only to
 * the agents who may watch that consumer (`mayWatchConsumer`).
 *
 * @example
 * { kind: 'consumer_typing', channel: 'webchat', conversationId: 'wc_3kq…', userId: 'anon_9x…', on: true }
 */
import type { Complaint } from '../complaints/complaint.types.js';
import type { ConversationAddress } from '../messages/message.types.js';
import { consumerIdOf } from '../messages/consumer-id.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';

export interface ConsumerTypingSignal {
  kind: 'consumer_typing';
  channel: string;
  conversationId: string;
  userId: string;
  on: boolean;
}

/** What a case page receives (`consumer_typing` event): which case, and whether the consumer is typing now. */
export interface ConsumerTypingEvent {
  complaintId: string;
  on: boolean;
}

export async function publishConsumerTyping(redis: RedisClient, keys: Pick<RedisKeys, 'console'>, address: Pick<ConversationAddress, 'channel' | 'conversationId' | 'userId'>, on: boolean): Promise<void> {
  const signal: ConsumerTypingSignal = { kind: 'consumer_typing', channel: address.channel, conversationId: address.conversationId, userId: address.userId, on };
  await redis.publish(keys.console.events(), JSON.stringify(signal));
}

/**
 * The case the consumer's typing is about: their open case (where their free messages go), and only if it was
 * filed from this very conversation, so a signal can never light up someone else's case.
 */
export async function typingCase(
  activeCase: (consumerId: string) => Promise<Complaint | null>,
  s: ConsumerTypingSignal,
): Promise<Complaint | null> {
  const c = await activeCase(consumerIdOf(s));
  return c && c.address.channel === s.channel && c.address.conversationId === s.conversationId ? c : null;
}

/** A signal off the live channel, checked (it crossed Redis): undefined when it is not a well-formed one. */
export function readConsumerTyping(m: { kind?: unknown } & Record<string, unknown>): ConsumerTypingSignal | undefined {
  const ok = m.kind === 'consumer_typing' && typeof m.channel === 'string' && typeof m.conversationId === 'string' && typeof m.userId === 'string' && typeof m.on === 'boolean';
  return ok ? (m as unknown as ConsumerTypingSignal) : undefined;
}
