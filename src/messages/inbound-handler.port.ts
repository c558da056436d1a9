import type { InboundMessage } from './message.types.js';

/**
 * What an adapter calls with each consumer message once it has verified and mapped it.
 * The composition root supplies the implementation (the dialog bot); adapters never know what runs behind it.
 * Replies do not come back from `handle`: they go out through the channel's `ChannelPort.send`.
 *
 * @example
 * await inbound.handle({ id: 'w-1', address, text: 'hello', receivedAt: Date.now() });
 */
export interface InboundHandler {
  handle(message: InboundMessage): Promise<void>;
}
