/**
 * The widget ⇄ server wire protocol: JSON text frames over one WebSocket (`/webchat/ws`).
 * Pure types with no imports, so the browser widget compiles against the very same file.
 *
 * Client → server: `hello` first (within 10 s), then `message` / `ping`.
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

export type ClientFrame = HelloFrame | MessageFrame | { type: 'ping' };

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
  | 'attachment.not_found'
  | 'server.error';

export type ServerFrame =
  | { type: 'welcome'; token: string; expiresAt: number; conversationId: string; userId: string; headSeq: number; resumed: boolean }
  | { type: 'token'; token: string; expiresAt: number }
  | { type: 'msg'; entry: HistoryEntry }
  // `seq` is absent when the clientId was already processed (a retry).
  | { type: 'ack'; clientId: string; seq?: number }
  | { type: 'error'; code: WebchatErrorCode; message: string; clientId?: string; retryAfterMs?: number }
  | { type: 'pong' };
