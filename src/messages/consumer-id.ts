import type { ConversationAddress } from './message.types.js';

/** The consumer a conversation belongs to, as complaints name them: `<channel>:<userId>` (e.g. `webchat:anon_x1`). */
export function consumerIdOf(address: Pick<ConversationAddress, 'channel' | 'userId'>): string {
  return `${address.channel}:${address.userId}`;
}
