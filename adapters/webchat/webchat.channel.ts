import type { ChannelCapabilities, ChannelPort } from '../../src/channels/channel.port.js';
import { ChannelSendError } from '../../src/errors.js';
import type { ConversationAddress, OutboundMessage } from '../../src/messages/message.types.js';
import { botEntry } from './webchat.mapper.js';
import type { WebchatHistoryStore } from './webchat-history.store.js';

export const WEBCHAT_CAPABILITIES: ChannelCapabilities = {
  buttons: true,
  maxButtons: 10,
  editing: false,
  maxTextLength: 4000,
  attachments: true,
  // Our own socket: no platform rate to respect (inbound floods are limited per session and IP instead).
  perConversationPerSecond: 0,
};

/**
 * The web widget as the core sees it. `send` never touches a socket: it appends to the conversation's history
 * and publishes, and whichever process holds the consumer's socket (if any) pushes it; an offline consumer gets
 * it on reconnect. So any process — a worker with no sockets at all — can send.
 */
export class WebchatChannel implements ChannelPort {
  readonly id = 'webchat';
  readonly capabilities = WEBCHAT_CAPABILITIES;

  constructor(private readonly history: WebchatHistoryStore, private readonly now: () => number = Date.now) {}

  async send(address: ConversationAddress, message: OutboundMessage): Promise<{ messageId: string }> {
    if (address.channel !== this.id) throw new ChannelSendError(`webchat cannot send to a "${address.channel}" address`, true);
    if (message.text.length > this.capabilities.maxTextLength) {
      throw new ChannelSendError(`text is ${message.text.length} characters; webchat allows ${this.capabilities.maxTextLength}`, true);
    }
    if ((message.choices?.length ?? 0) > this.capabilities.maxButtons) {
      throw new ChannelSendError(`${message.choices?.length} choices; webchat shows at most ${this.capabilities.maxButtons}`, true);
    }
    try {
      const { seq } = await this.history.append(address.conversationId, botEntry(message, this.now()), message.idempotencyKey);
      return { messageId: `${address.conversationId}:${seq}` };
    } catch (err) {
      // Redis down or failing over: the delivery queue retries.
      throw new ChannelSendError(`webchat history append failed: ${(err as Error).message}`, false);
    }
  }
}
