import type { Telegram } from 'telegraf';
import type { ChannelCapabilities, ChannelPort } from '../../src/channels/channel.port.js';
import { ChannelSendError } from '../../src/errors.js';
import type { ConversationAddress, OutboundMessage } from '../../src/messages/message.types.js';
import type { TelegramCallbacks } from './telegram-callbacks.js';
import { toSendError } from './telegram.errors.js';
import { TELEGRAM_CHANNEL, TELEGRAM_MAX_BUTTONS, TELEGRAM_MAX_TEXT, toSendMessage } from './telegram.mapper.js';

/** Telegram's limits; `perSecond` is TELEGRAM_SENDS_PER_SECOND (30 on the Bot API, more with paid broadcasts). */
function telegramCapabilities(perSecond: number): ChannelCapabilities {
  return {
    maxButtons: TELEGRAM_MAX_BUTTONS,
    maxTextLength: TELEGRAM_MAX_TEXT,
    // Telegram: about one message a second per chat (short bursts allowed).
    perConversationPerSecond: 1,
    perChannelPerSecond: perSecond,
  };
}

/**
 * Telegram as the core sees it: one `sendMessage` per outbound message. Needs nothing but the Bot API, so any
 * process (a worker with no webhook) can send. Throws `ChannelSendError` mapped from the API's answer.
 */
export class TelegramChannel implements ChannelPort {
  readonly id = TELEGRAM_CHANNEL;
  readonly capabilities: ChannelCapabilities;

  constructor(
    private readonly telegram: Telegram,
    private readonly callbacks: TelegramCallbacks,
    private readonly redact: (s: string) => string,
    /** TELEGRAM_SENDS_PER_SECOND. */
    sendsPerSecond: number,
  ) {
    this.capabilities = telegramCapabilities(sendsPerSecond);
  }

  async send(address: ConversationAddress, message: OutboundMessage): Promise<{ messageId: string }> {
    if (address.channel !== this.id) throw new ChannelSendError(`telegram cannot send to a "${address.channel}" address`, true);
    const params = toSendMessage(message);
    try {
      await this.callbacks.remember((message.choices ?? []).map((c) => c.value));
    } catch (err) {
      throw new ChannelSendError(`telegram: could not record long button values: ${(err as Error).message}`, false);
    }
    try {
      const sent = await this.telegram.sendMessage(address.conversationId, params.text, {
        ...(params.reply_markup ? { reply_markup: params.reply_markup } : {}),
        link_preview_options: { is_disabled: true },
      });
      return { messageId: `${sent.chat.id}:${sent.message_id}` };
    } catch (err) {
      throw toSendError(err, this.redact);
    }
  }
}
