/**
 * The one inbound and one outbound message type that cross every adapter boundary.
 * Adapters map native payloads to and from these; the core never sees a Telegram update or a Slack event.
 */

/**
 * Where a consumer can be reached, now or days later, from any process.
 * JSON-serialisable; stored on the complaint.
 *
 * @example
 * const address: ConversationAddress = { channel: 'telegram', conversationId: '123456', userId: '123456' };
 */
export interface ConversationAddress {
  /** Adapter id: 'telegram' | 'webchat' | 'test' | … */
  channel: string;
  /** Chat / session the consumer talks in. */
  conversationId: string;
  /** The consumer's id on that channel. */
  userId: string;
  /** Opaque to the core: only the owning adapter reads it. Must be JSON-serialisable. */
  channelData?: Record<string, unknown>;
}

/** A file the consumer sent (photo evidence) or that we send. */
export interface Attachment {
  kind: 'image' | 'file';
  /** Where the stored copy can be fetched (storage port URL). */
  url?: string;
  /** Channel-native file id (e.g. Telegram file_id). */
  fileId?: string;
  mimeType?: string;
  sizeBytes?: number;
  name?: string;
}

/**
 * A consumer's message as the core sees it.
 *
 * @example
 * { id: 'tg-42', address, text: 'my parcel arrived broken', receivedAt: Date.now() }
 */
export interface InboundMessage {
  /** Channel message id; used to drop duplicate deliveries of one webhook. */
  id: string;
  address: ConversationAddress;
  text?: string;
  /** Value of a button the consumer pressed (quick reply / callback data). */
  action?: string;
  attachments?: Attachment[];
  /** Locale hint from the channel (Telegram language_code, widget data-locale). */
  locale?: string;
  /** Display name, for agents only; never logged above debug. */
  displayName?: string;
  receivedAt: number;
}

/** A button: `value` comes back as `InboundMessage.action`. */
export interface Choice {
  value: string;
  label: string;
}

export type MessageKind = 'dialog' | 'progress' | 'agent_reply' | 'system' | 'error';

/** The complaint status card a channel may render richly. */
export interface ComplaintCard {
  complaintId: string;
  status: string;
  statusLabel: string;
  category: string;
  updatedAt: number;
}

/**
 * What the core wants shown to the consumer; adapters render it natively
 * (inline keyboard, quick replies, Block Kit) or fall back to numbered text.
 *
 * @example
 * { kind: 'dialog', text: 'What went wrong?', choices: [{ value: 'late_delivery', label: 'Late delivery' }] }
 */
export interface OutboundMessage {
  kind: MessageKind;
  text: string;
  choices?: Choice[];
  /** What the dialog waits for next; lets a widget open the file picker or show stars. */
  expects?: 'text' | 'photo' | 'choice' | 'rating';
  card?: ComplaintCard;
  complaintId?: string;
  /** Stable id for idempotent delivery (a retried job never sends twice). */
  idempotencyKey?: string;
}
