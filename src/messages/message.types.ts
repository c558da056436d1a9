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
  /**
   * Key of our stored copy behind the storage port (`webchat/<conversation>/<id>.jpg`). The agent console and
   * signed links serve the file by this key, never by `url`, so an object store can replace the local directory.
   */
  storageKey?: string;
  /** When our copy was stored (epoch ms); the retention job counts `UPLOAD_RETENTION_DAYS` from here. */
  storedAt?: number;
  /** Set when the retention job deleted our copy: the timeline keeps that the file existed. */
  expired?: { at: number; afterDays: number };
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
  /** Locale hint from the channel (Telegram language_code, widget data-locale, else the browser's language). */
  locale?: string;
  /**
   * `locale` is only a guess (the widget's page set no data-locale, so it is the browser's language): the script of
   * what the consumer writes may then decide. Unset, the channel knows the language and one message does not flip it.
   */
  localeGuessed?: boolean;
  /** Display name, for agents only; never logged above debug. */
  displayName?: string;
  /** The consumer's IANA time zone (the widget sends the browser's); times in replies use it. Validated before use. */
  timeZone?: string;
  /**
   * Something the consumer sent that the dialog cannot take (a sticker, a voice message, an edit of an earlier
   * message…): the bot answers with what it can take instead of staying silent.
   */
  unsupported?: UnsupportedContent;
  receivedAt: number;
}

/** Kinds of inbound content a channel passes on only so the consumer gets an answer. */
export type UnsupportedContent = 'sticker' | 'voice' | 'audio' | 'video' | 'video_note' | 'location' | 'contact' | 'poll' | 'edit' | 'expired_button' | 'other';

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
  /**
   * The person who wrote it (an agent's reply), for a channel that shows the sender's name above the bubble (the
   * widget): it shows `from.name` as the label and `from.text`, what they wrote, as the bubble. `text` still names
   * them, worded by the catalogue ("Ling: …" / "Ling：…"), for every channel that shows text alone (Telegram).
   *
   * @example
   * { kind: 'agent_reply', text: 'Ling: A new vase ships today.', from: { name: 'Ling', text: 'A new vase ships today.' } }
   */
  from?: { name: string; text: string };
  /** Stable id for idempotent delivery (a retried job never sends twice). */
  idempotencyKey?: string;
}
