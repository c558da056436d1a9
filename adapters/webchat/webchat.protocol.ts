/**
 * The widget ⇄ server wire protocol: JSON text frames over one WebSocket (`/webchat/ws`).
 * Pure types with no imports, so the browser widget compiles against the very same file.
 *
 * Client → server: `hello` first (within 10 s), then `message` / `typing` / `ping`.
 * Server → client: `welcome` answers `hello` and is followed by the replay of history newer than
 * `lastSeq`; then live `msg` frames, `ack` for each `message`, `token` rotations and `error` frames.
 */

export interface HelloFrame {
  type: 'hello';
  /** Session token from an earlier `welcome`/`token` frame; absent on first visit. */
  token?: string;
  /** Highest history `seq` the widget has shown; the server replays everything newer. */
  lastSeq?: number;
  locale?: string;
  /** `locale` is the browser's language, not the page's `data-locale`: what the consumer writes may change it. */
  localeGuessed?: boolean;
  /** The browser's IANA time zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`): promised times are written in it. */
  timeZone?: string;
  /** Optional platform identity: the shop's user id and its HS256 JWT signed with WEBCHAT_IDENTITY_SECRET. */
  userId?: string;
  userSignature?: string;
}

export interface MessageFrame {
  type: 'message';
  /** Widget-generated id; the widget retries until acked and the server processes each id once. */
  clientId: string;
  text?: string;
  /** A pressed quick reply's `value`. */
  action?: string;
  /** Attachment ids returned by `POST /webchat/upload`. */
  attachments?: string[];
}

/**
 * `GET /webchat/config`: what the server knows that the widget shows before connecting. Open to every origin
 * (`Access-Control-Allow-Origin: *`) so that a page whose origin is not allowed still learns why, instead of a
 * socket refused without a reason the browser would let it read.
 */
export interface WidgetServerConfig {
  /** False when the asking page's origin is not in WEBCHAT_ALLOWED_ORIGINS: the widget says the chat is not available. */
  allowed: boolean;
  /** For the shop owner (browser console), when `allowed` is false. */
  reason?: string;
  /** BOT_NAME, when set; `data-bot-name` on the tag overrides it. */
  botName?: string;
  /** The shop's zone (TIMEZONE): business hours are in it unless the tag names another. */
  timeZone: string;
  /** SLA_FIRST_RESPONSE_MINUTES: how long a person usually takes to reply, said in the greeting. */
  firstResponseMinutes: number;
}

/**
 * The consumer is typing (`on: true`, at most one every 2 s while keys are pressed) or stopped (sent, left the box,
 * or idle). For the agents on their case only; never stored, never answered. Always about this socket's own
 * conversation: the frame names none, so it cannot be aimed at another.
 */
export interface TypingFrame {
  type: 'typing';
  on: boolean;
}

export type ClientFrame = HelloFrame | MessageFrame | TypingFrame | { type: 'ping' };

export interface WireChoice {
  value: string;
  label: string;
}

export interface WireCard {
  complaintId: string;
  status: string;
  statusLabel: string;
  category: string;
  updatedAt: number;
}

export interface WireAttachment {
  /** Fetch it at `GET /webchat/files/<id>` with the session token. */
  id: string;
  mimeType: string;
  sizeBytes: number;
}

/** One line of a conversation, as stored in Redis and sent to the widget. `seq` increases by one per entry. */
export interface HistoryEntry {
  seq: number;
  /** Epoch milliseconds. */
  ts: number;
  from: 'bot' | 'user';
  /** On the consumer's own entries: the `clientId` they were sent with (lets every tab reconcile). */
  clientId?: string;
  kind?: 'dialog' | 'progress' | 'agent_reply' | 'system' | 'error';
  /** On an agent's reply: their display name, shown as the bubble's label; `text` is then what they wrote, alone. */
  author?: string;
  text: string;
  action?: string;
  choices?: WireChoice[];
  expects?: 'text' | 'photo' | 'choice' | 'rating';
  card?: WireCard;
  complaintId?: string;
  attachments?: WireAttachment[];
}

export type WebchatErrorCode =
  | 'input.invalid'
  | 'input.too_large'
  | 'session.invalid'
  | 'session.expired'
  | 'identity.invalid'
  | 'origin.not_allowed'
  | 'rate.limited'
  | 'upload.too_large'
  | 'upload.unsupported_type'
  // The upload store reached UPLOAD_DISK_QUOTA_MB (HTTP 507).
  | 'upload.store_full'
  | 'attachment.not_found'
  | 'server.error'
  // Redis is full or gone: nothing of the message was taken; resend it after `retryAfterMs` (the outbox does).
  | 'server.unavailable';

export type ServerFrame =
  | { type: 'welcome'; token: string; expiresAt: number; conversationId: string; userId: string; headSeq: number; resumed: boolean }
  | { type: 'token'; token: string; expiresAt: number }
  | { type: 'msg'; entry: HistoryEntry }
  // `seq` is absent when the clientId was already processed (a retry).
  | { type: 'ack'; clientId: string; seq?: number }
  | { type: 'error'; code: WebchatErrorCode; message: string; clientId?: string; retryAfterMs?: number }
  // The bot's turn for this socket's message started (`on: true`) or ended: the widget shows "typing…" only between.
  | { type: 'typing'; on: boolean }
  // An agent is typing a reply in the console (`on: true`, refreshed every few seconds while they type) or stopped:
  // the widget shows "{name} is typing…" and hides it on a stop, on the agent's reply, after 8 s without a refresh.
  | { type: 'agent_typing'; on: boolean; name: string }
  | { type: 'pong' };
