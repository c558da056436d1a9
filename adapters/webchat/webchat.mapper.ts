/**
 * Pure mapping between wire frames, history entries and the core's message types. No I/O here:
 * most of the channel's behaviour is tested through these functions.
 */
import { z } from 'zod';
import type { Attachment, ConversationAddress, InboundMessage, OutboundMessage } from '../../src/messages/message.types.js';
import { WebchatError } from './webchat.errors.js';
import type { ClientFrame, HistoryEntry, MessageFrame } from './webchat.protocol.js';
import type { UploadRecord, WebchatSession } from './webchat.types.js';

const clientId = z.string().regex(/^[\w-]{1,64}$/);
const frameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    token: z.string().max(4096).optional(),
    lastSeq: z.number().int().min(0).optional(),
    locale: z.string().max(35).optional(),
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
    throw new WebchatError('input.invalid', `That frame was not understood (field "${where}"). Expected {"type":"hello"|"message"|"ping", …}.`);
  }
  return parsed.data as ClientFrame;
}

/** Content rules a message must meet before anything is stored. */
export function checkMessage(frame: MessageFrame, maxChars: number): void {
  const text = frame.text?.trim() ?? '';
  if (!text && !frame.action && !frame.attachments?.length) {
    throw new WebchatError('input.invalid', 'The message is empty: type something, press a button or attach a photo.');
  }
  if ([...(frame.text ?? '')].length > maxChars) {
    throw new WebchatError('input.too_large', `Your message is longer than ${maxChars} characters. Please shorten it or send it in several parts.`);
  }
}

export function toAddress(session: WebchatSession): ConversationAddress {
  return { channel: 'webchat', conversationId: session.conversationId, userId: session.userId };
}

export function toAttachment(upload: UploadRecord): Attachment {
  return { kind: 'image', url: upload.url, mimeType: upload.mimeType, sizeBytes: upload.sizeBytes, fileId: upload.attachmentId };
}

/** A pressed button is an action (like a Telegram callback), not text the consumer typed; its label stays in history. */
export function toInboundMessage(frame: MessageFrame, session: WebchatSession, uploads: UploadRecord[], locale: string | undefined, now: number): InboundMessage {
  const text = frame.action ? undefined : frame.text?.trim() || undefined;
  return {
    id: `webchat-${session.conversationId}-${frame.clientId}`,
    address: toAddress(session),
    ...(text ? { text } : {}),
    ...(frame.action ? { action: frame.action } : {}),
    ...(uploads.length ? { attachments: uploads.map(toAttachment) } : {}),
    ...(locale ? { locale } : {}),
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
    text: message.text,
    ...(message.choices?.length ? { choices: message.choices.map(({ value, label }) => ({ value, label })) } : {}),
    ...(message.expects ? { expects: message.expects } : {}),
    ...(message.card ? { card: { ...message.card } } : {}),
    ...(message.complaintId ? { complaintId: message.complaintId } : {}),
  };
}
