/**
 * Pure mapping between Telegram Bot API payloads and Redress messages. No I/O: the transport
 * (`telegram.channel.ts`, `telegram.webhook.ts`) downloads photos and talks to the API.
 */
import { createHash } from 'node:crypto';
import type { CallbackQuery, InlineKeyboardMarkup, Message, Update } from 'telegraf/types';
import { fitChoices } from '../../src/channels/fit-choices.js';
import { cleanConsumerText } from '../../src/messages/consumer-text.js';
import type { Attachment, ConversationAddress, InboundMessage, OutboundMessage, UnsupportedContent } from '../../src/messages/message.types.js';

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
  if ('edited_message' in update && update.edited_message) return mapEdit(update.edited_message, now);
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
  const raw = 'text' in msg ? msg.text : 'caption' in msg ? msg.caption : undefined;
  // Control and bidi-override characters never get past the edge; a text of nothing else arrives empty, and the
  // dialog answers it in the consumer's language (dialog.empty).
  const text = raw === undefined ? undefined : cleanConsumerText(raw).text;
  const attachments = attachmentsOf(msg);
  if (text === undefined && !attachments.length) {
    const unsupported = unsupportedKind(msg);
    // Service messages (a pin, write access granted…) need no answer.
    if (!unsupported) return { kind: 'ignored', reason: 'service message' };
    // A sticker, voice message, location…: the dialog says what it can take instead of staying silent.
    return { kind: 'message', message: { id: `tg-${msg.chat.id}-${msg.message_id}`, address: addressOf(msg.chat.id, msg.from.id), unsupported, ...personOf(msg.from), receivedAt: now } };
  }
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

/**
 * An edited message. Edits cannot be carried into a draft or a case after the fact (the dialog has moved on), so
 * the consumer is asked to send the correction as a new message. Each edit has its own id, so a redelivery of the
 * same edit is answered once.
 */
function mapEdit(msg: Message, now: number): MappedUpdate {
  if (msg.chat.type !== 'private') return { kind: 'ignored', reason: 'edit in a group' };
  if (!msg.from || msg.from.is_bot) return { kind: 'ignored', reason: 'not from a person' };
  const editedAt = 'edit_date' in msg ? msg.edit_date : now;
  return { kind: 'message', message: { id: `tg-edit-${msg.chat.id}-${msg.message_id}-${editedAt}`, address: addressOf(msg.chat.id, msg.from.id), unsupported: 'edit', ...personOf(msg.from), receivedAt: now } };
}

const UNSUPPORTED_FIELDS: Array<[string, UnsupportedContent]> = [
  ['sticker', 'sticker'], ['voice', 'voice'], ['audio', 'audio'], ['video_note', 'video_note'], ['video', 'video'], ['animation', 'video'],
  ['location', 'location'], ['venue', 'location'], ['contact', 'contact'], ['poll', 'poll'], ['dice', 'other'], ['game', 'other'], ['story', 'other'],
];

function unsupportedKind(msg: Message): UnsupportedContent | undefined {
  return UNSUPPORTED_FIELDS.find(([field]) => field in msg)?.[1];
}

function personOf(from: { first_name: string; last_name?: string; language_code?: string }): Pick<InboundMessage, 'locale' | 'displayName'> {
  // Names are the sender's own text too, shown to agents: the same rule as messages (a U+202E in a name reverses it).
  const displayName = cleanConsumerText([from.first_name, from.last_name].filter(Boolean).join(' ')).text.trim();
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

/** Telegram takes up to 100 inline buttons per message (Bot API); more are listed in the text by fitChoices. */
export const TELEGRAM_MAX_BUTTONS = 100;
/** More choices than this are laid out two to a row (the ten categories fit one screen); fewer, one per row. */
const ONE_COLUMN_MAX = 4;
/** Labels longer than this would be cut with "…" on a phone in a two-column row: such a keyboard keeps one column. */
const TWO_COLUMN_LABEL_MAX = 24;

/**
 * OutboundMessage → sendMessage parameters: choices fitted to Telegram (all of them, two columns when there are
 * many), a status line for a card. The text is cut at 4096 only as a last resort: dialogs keep their messages
 * inside it (the summary shortens the description, never its question).
 */
export function toSendMessage(message: OutboundMessage): SendMessageParams {
  const fitted = fitChoices(message, { maxButtons: TELEGRAM_MAX_BUTTONS, maxTextLength: TELEGRAM_MAX_TEXT, perConversationPerSecond: 1 });
  let text = fitted.text;
  if (fitted.card) text += `\n\n${fitted.card.complaintId} · ${fitted.card.statusLabel}`;
  const params: SendMessageParams = { text: truncate(text, TELEGRAM_MAX_TEXT) };
  const buttons = (fitted.choices ?? []).map((c) => ({ text: truncate(c.label, 64) || c.value, callback_data: callbackDataFor(c.value) }));
  if (buttons.length) params.reply_markup = { inline_keyboard: rowsOf(buttons) };
  return params;
}

function rowsOf<T extends { text: string }>(buttons: T[]): T[][] {
  const columns = buttons.length > ONE_COLUMN_MAX && buttons.every((b) => b.text.length <= TWO_COLUMN_LABEL_MAX) ? 2 : 1;
  const rows: T[][] = [];
  for (let i = 0; i < buttons.length; i += columns) rows.push(buttons.slice(i, i + columns));
  return rows;
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
