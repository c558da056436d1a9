/**
 * Pure mapping between Telegram Bot API payloads and Redress messages. No I/O: the transport
 * (`telegram.channel.ts`, `telegram.webhook.ts`) downloads photos and talks to the API.
 */
import { createHash } from 'node:crypto';
import type { CallbackQuery, InlineKeyboardMarkup, Message, Update } from 'telegraf/types';
import type { Attachment, ConversationAddress, InboundMessage, OutboundMessage } from '../../src/messages/message.types.js';

export const TELEGRAM_CHANNEL = 'telegram';
export const TELEGRAM_MAX_TEXT = 4096;
/** Telegram refuses callback_data longer than 64 bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;
/** Prefix of a callback_data that stands for a longer value (resolved through the callback store). */
export const HASHED_CALLBACK_PREFIX = '#';

/** What the transport should do with one update. */
export type MappedUpdate =
  | { kind: 'message'; message: InboundMessage; callbackQueryId?: string }
  /** A message in a group, supergroup or channel: this bot serves private chats only. */
  | { kind: 'group'; chatId: string; callbackQueryId?: string }
  | { kind: 'ignored'; reason: string; callbackQueryId?: string };

export function addressOf(chatId: number | string, userId: number | string): ConversationAddress {
  return { channel: TELEGRAM_CHANNEL, conversationId: String(chatId), userId: String(userId) };
}

/** Update → what to do with it. `now` is the receive time (Telegram's `date` has second precision only). */
export function mapUpdate(update: Update, now: number): MappedUpdate {
  if ('callback_query' in update && update.callback_query) return mapCallbackQuery(update.callback_query, now);
  if ('message' in update && update.message) return mapMessage(update.message, now);
  return { kind: 'ignored', reason: 'unsupported update type' };
}

function mapCallbackQuery(q: CallbackQuery, now: number): MappedUpdate {
  const chat = q.message?.chat;
  if (!chat) return { kind: 'ignored', reason: 'callback without a chat (inline message)', callbackQueryId: q.id };
  if (chat.type !== 'private') return { kind: 'group', chatId: String(chat.id), callbackQueryId: q.id };
  if (!('data' in q) || typeof q.data !== 'string') return { kind: 'ignored', reason: 'callback without data (game)', callbackQueryId: q.id };
  return {
    kind: 'message',
    callbackQueryId: q.id,
    message: {
      id: `tg-cb-${q.id}`,
      address: addressOf(chat.id, q.from.id),
      action: q.data,
      ...personOf(q.from),
      receivedAt: now,
    },
  };
}

function mapMessage(msg: Message, now: number): MappedUpdate {
  if (msg.chat.type !== 'private') return { kind: 'group', chatId: String(msg.chat.id) };
  if (!msg.from || msg.from.is_bot) return { kind: 'ignored', reason: 'not from a person' };
  const text = 'text' in msg ? msg.text : 'caption' in msg ? msg.caption : undefined;
  const attachments = attachmentsOf(msg);
  if (text === undefined && !attachments.length) return { kind: 'ignored', reason: 'unsupported message content' };
  return {
    kind: 'message',
    message: {
      id: `tg-${msg.chat.id}-${msg.message_id}`,
      address: addressOf(msg.chat.id, msg.from.id),
      ...(text !== undefined ? { text } : {}),
      ...(attachments.length ? { attachments } : {}),
      ...personOf(msg.from),
      receivedAt: now,
    },
  };
}

function personOf(from: { first_name: string; last_name?: string; language_code?: string }): Pick<InboundMessage, 'locale' | 'displayName'> {
  const displayName = [from.first_name, from.last_name].filter(Boolean).join(' ');
  return { ...(from.language_code ? { locale: from.language_code } : {}), ...(displayName ? { displayName } : {}) };
}

/** Photos: the largest size Telegram offers. Documents: images keep their type; anything else is a `file` the dialog refuses politely. */
export function attachmentsOf(msg: Message): Attachment[] {
  if ('photo' in msg && msg.photo.length) {
    const largest = msg.photo.reduce((a, b) => ((b.file_size ?? b.width * b.height) > (a.file_size ?? a.width * a.height) ? b : a));
    return [{ kind: 'image', fileId: largest.file_id, mimeType: 'image/jpeg', ...(largest.file_size !== undefined ? { sizeBytes: largest.file_size } : {}) }];
  }
  if ('document' in msg) {
    const d = msg.document;
    const mimeType = d.mime_type ?? 'application/octet-stream';
    return [{
      kind: mimeType.startsWith('image/') ? 'image' : 'file',
      fileId: d.file_id,
      mimeType,
      ...(d.file_size !== undefined ? { sizeBytes: d.file_size } : {}),
      ...(d.file_name ? { name: d.file_name } : {}),
    }];
  }
  return [];
}

/** What `sendMessage` gets besides the chat id. Plain text, no parse_mode: nothing to escape, nothing to inject. */
export interface SendMessageParams {
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

/** OutboundMessage → sendMessage parameters: one button per row, a status line for a card, text cut at 4096. */
export function toSendMessage(message: OutboundMessage, maxButtons = 8): SendMessageParams {
  let text = message.text;
  if (message.card) text += `\n\n${message.card.complaintId} · ${message.card.statusLabel}`;
  const params: SendMessageParams = { text: truncate(text, TELEGRAM_MAX_TEXT) };
  const choices = (message.choices ?? []).slice(0, maxButtons);
  if (choices.length) {
    params.reply_markup = {
      inline_keyboard: choices.map((c) => [{ text: truncate(c.label, 64) || c.value, callback_data: callbackDataFor(c.value) }]),
    };
  }
  return params;
}

/** A value that fits callback_data stays as it is; a longer one becomes `#<hash>` (the transport records the mapping). */
export function callbackDataFor(value: string): string {
  if (Buffer.byteLength(value, 'utf8') <= CALLBACK_DATA_MAX_BYTES && !value.startsWith(HASHED_CALLBACK_PREFIX)) return value;
  return HASHED_CALLBACK_PREFIX + createHash('sha256').update(value).digest('base64url').slice(0, 40);
}

/** Cuts to at most `max` UTF-16 units (how Telegram counts) with an ellipsis, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + '…';
}
