/**
 * Pure mapping between wire frames, history entries and the core's message types. No I/O here:
 * most of the channel's behaviour is tested through these functions.
 */
import { z } from 'zod';
import type { Attachment, ConversationAddress, InboundMessage, OutboundMessage } from '../../src/messages/message.types.js';
import { t, validTimeZone } from '../../src/i18n/catalog.js';
import { cleanConsumerText, onlyUnsafeText } from '../../src/messages/consumer-text.js';
import { consumerLocale, WebchatError } from './webchat.errors.js';
import type { ClientFrame, HistoryEntry, MessageFrame } from './webchat.protocol.js';
import type { UploadRecord, WebchatSession } from './webchat.types.js';

const clientId = z.string().regex(/^[\w-]{1,64}$/);
const frameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    token: z.string().max(4096).optional(),
    lastSeq: z.number().int().min(0).optional(),
    locale: z.string().max(35).optional(),
    localeGuessed: z.boolean().optional().catch(undefined),
    // A browser setting, not the consumer's input: a bad one is dropped, never a reason to refuse the hello.
    timeZone: z.string().max(64).optional().catch(undefined),
    userId: z.string().max(256).optional(),
    userSignature: z.string().max(4096).optional(),
  }),
  z.object({
    type: z.literal('message'),
    clientId,
    text: z.string().optional(),
    action: z.string().max(256).optional(),
    attachments: z.array(z.string().regex(/^[\w.-]{1,80}$/)).max(10).optional(),
  }),
  z.object({ type: z.literal('typing'), on: z.boolean() }),
  z.object({ type: z.literal('ping') }),
]);

/** Parses one text frame; a WebchatError says what was wrong. Text length is checked by `checkMessage`. */
export function parseClientFrame(raw: string): ClientFrame {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new WebchatError('input.invalid', 'That frame was not valid JSON. Send one JSON object per frame, e.g. {"type":"message","clientId":"c1","text":"hi"}.');
  }
  const parsed = frameSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'type';
    throw new WebchatError('input.invalid', `That frame was not understood (field "${where}"). Expected {"type":"hello"|"message"|"typing"|"ping", …}.`);
  }
  return parsed.data as ClientFrame;
}

/**
 * Content rules a message must meet before anything is stored; returns the frame with its text cleaned of control and
 * bidi-override characters (src/messages/consumer-text.ts), which is what gets stored, shown and handled.
 */
export function checkMessage(frame: MessageFrame, maxChars: number, locale?: string): MessageFrame {
  const lang = consumerLocale(locale);
  // A quick reply's value is the sender's text too (a hand-made frame can put anything there): the same rule.
  const action = frame.action === undefined ? undefined : cleanConsumerText(frame.action).text.trim() || undefined;
  const noOtherContent = !action && !frame.attachments?.length;
  if (noOtherContent && (onlyUnsafeText(frame.text) || onlyUnsafeText(frame.action))) throw new WebchatError('input.invalid', t(lang, 'input.unreadable'));
  const clean: MessageFrame = { ...frame, ...(frame.text !== undefined ? { text: cleanConsumerText(frame.text).text } : {}) };
  if (action === undefined) delete clean.action;
  else clean.action = action;
  const text = clean.text?.trim() ?? '';
  if (!text && noOtherContent) throw new WebchatError('input.invalid', t(lang, 'dialog.empty'));
  const length = [...(clean.text ?? '')].length;
  if (length > maxChars) throw new WebchatError('input.too_large', t(lang, 'dialog.too_long', { length, max: maxChars }));
  return clean;
}

/**
 * The browser's time zone if this runtime knows it as an IANA zone ("Asia/Shanghai"); anything else is dropped
 * (the dialog then uses TIMEZONE) rather than refusing the chat over a browser setting.
 */
export function browserTimeZone(raw: string | undefined): string | undefined {
  if (!raw || !/^[A-Za-z][\w+-]*(\/[\w+-]+){0,2}$/.test(raw)) return undefined;
  return validTimeZone(raw);
}

export function toAddress(session: WebchatSession): ConversationAddress {
  return { channel: 'webchat', conversationId: session.conversationId, userId: session.userId };
}

export function toAttachment(upload: UploadRecord): Attachment {
  return {
    kind: 'image', url: upload.url, mimeType: upload.mimeType, sizeBytes: upload.sizeBytes, fileId: upload.attachmentId,
    storageKey: upload.storageKey, ...(upload.storedAt ? { storedAt: upload.storedAt } : {}),
  };
}

/** A pressed button is an action (like a Telegram callback), not text the consumer typed; its label stays in history. */
export function toInboundMessage(frame: MessageFrame, session: WebchatSession, uploads: UploadRecord[], locale: string | undefined, now: number, hints: { timeZone?: string; localeGuessed?: boolean; displayName?: string } = {}): InboundMessage {
  const { timeZone, localeGuessed, displayName } = hints;
  const text = frame.action ? undefined : frame.text?.trim() || undefined;
  return {
    id: `webchat-${session.conversationId}-${frame.clientId}`,
    address: toAddress(session),
    ...(text ? { text } : {}),
    ...(frame.action ? { action: frame.action } : {}),
    ...(uploads.length ? { attachments: uploads.map(toAttachment) } : {}),
    ...(locale ? { locale } : {}),
    ...(locale && localeGuessed ? { localeGuessed } : {}),
    ...(timeZone ? { timeZone } : {}),
    ...(displayName ? { displayName } : {}),
    receivedAt: now,
  };
}

type NewEntry = Omit<HistoryEntry, 'seq'>;

export function userEntry(frame: MessageFrame, uploads: UploadRecord[], now: number): NewEntry {
  return {
    ts: now,
    from: 'user',
    clientId: frame.clientId,
    text: frame.text?.trim() ?? '',
    ...(frame.action ? { action: frame.action } : {}),
    ...(uploads.length ? { attachments: uploads.map((u) => ({ id: u.attachmentId, mimeType: u.mimeType, sizeBytes: u.sizeBytes })) } : {}),
  };
}

export function botEntry(message: OutboundMessage, now: number): NewEntry {
  return {
    ts: now,
    from: 'bot',
    kind: message.kind,
    // The widget labels the bubble with the author's name, so it takes what they wrote without the "Ling: " of `text`.
    ...(message.from ? { author: message.from.name, text: message.from.text } : { text: message.text }),
    ...(message.choices?.length ? { choices: message.choices.map(({ value, label }) => ({ value, label })) } : {}),
    ...(message.expects ? { expects: message.expects } : {}),
    ...(message.card ? { card: { ...message.card } } : {}),
    ...(message.complaintId ? { complaintId: message.complaintId } : {}),
  };
}
