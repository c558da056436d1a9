import { systemClock } from '../../src/clock.js';
import type { ChainableCommander } from 'ioredis';
import type { ChannelCapabilities, ChannelPort } from '../../src/channels/channel.port.js';
import { ChannelSendError } from '../../src/errors.js';
import { fitChoices } from '../../src/channels/fit-choices.js';
import type { ConversationAddress, OutboundMessage } from '../../src/messages/message.types.js';
import { botEntry } from './webchat.mapper.js';
import type { WebchatHistoryStore } from './webchat-history.store.js';

export const WEBCHAT_CAPABILITIES: ChannelCapabilities = {
  maxButtons: 10,
  maxTextLength: 4000,
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

  constructor(private readonly history: WebchatHistoryStore, private readonly now: () => number = systemClock) {}

  async send(address: ConversationAddress, given: OutboundMessage): Promise<{ messageId: string }> {
    // More choices than the widget shows as chips become a numbered list, never a refused send (issue 10, item 9).
    const message = fitChoices(given, this.capabilities);
    const problem = this.problem(address, message);
    if (problem) throw new ChannelSendError(problem, true);
    try {
      const { seq } = await this.history.append(address.conversationId, botEntry(message, this.now()), message.idempotencyKey);
      return { messageId: `${address.conversationId}:${seq}` };
    } catch (err) {
      // Redis down or failing over: the delivery queue retries.
      throw new ChannelSendError(`webchat history append failed: ${(err as Error).message}`, false);
    }
  }

  /** The append as a command of the caller's transaction (a turn's commit); only messages `send` would take, with a key. */
  prepareSend(address: ConversationAddress, given: OutboundMessage): ((multi: ChainableCommander) => void) | undefined {
    const message = fitChoices(given, this.capabilities);
    const key = message.idempotencyKey;
    if (!key || this.problem(address, message)) return undefined;
    const entry = botEntry(message, this.now());
    return (multi) => this.history.queueAppend(multi, address.conversationId, entry, key);
  }

  private problem(address: ConversationAddress, message: OutboundMessage): string | undefined {
    if (address.channel !== this.id) return `webchat cannot send to a "${address.channel}" address`;
    if (message.text.length > this.capabilities.maxTextLength) return `text is ${message.text.length} characters; webchat allows ${this.capabilities.maxTextLength}`;
    if ((message.choices?.length ?? 0) > this.capabilities.maxButtons) return `${message.choices?.length} choices; webchat shows at most ${this.capabilities.maxButtons}`;
    return undefined;
  }
}
