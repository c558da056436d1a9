import type { Config } from '../../src/config/config.js';
import type { Logger } from '../../src/logging/logger.js';
import type { InboundHandler } from '../../src/messages/inbound-handler.port.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { RedisKeys } from '../../src/redis/redis-keys.js';
import type { FileStoragePort } from '../../src/storage/file-storage.port.js';

/** The settings the web chat adapter reads; the composition root hands it only these (configSection). */
export const WEBCHAT_SETTINGS = ['BOT_NAME', 'MESSAGE_MAX_CHARS', 'NODE_ENV', 'REDIS_KEY_PREFIX', 'REDIS_WAIT_MS', 'SLA_FIRST_RESPONSE_MINUTES', 'TIMEZONE', 'UPLOADS_IN_FLIGHT_MAX', 'UPLOAD_DIR', 'UPLOAD_MAX_BYTES', 'WEBCHAT_ALLOWED_ORIGINS', 'WEBCHAT_HISTORY_MAX', 'WEBCHAT_IDENTITY_SECRET', 'WEBCHAT_IP_PER_MINUTE', 'WEBCHAT_IP_UPLOADS_PER_HOUR', 'WEBCHAT_IP_UPLOAD_MB_PER_HOUR', 'WEBCHAT_MESSAGES_PER_MINUTE', 'WEBCHAT_SESSION_IDLE_DAYS', 'WEBCHAT_SESSION_SECRET', 'WEBCHAT_UPLOADS_IN_FLIGHT_PER_SESSION', 'WEBCHAT_UPLOADS_PER_HOUR', 'WEBCHAT_UPLOAD_IDLE_SECONDS', 'WEBCHAT_UPLOAD_MB_PER_HOUR'] as const satisfies readonly (keyof Config)[];
export type WebchatConfig = Pick<Config, (typeof WEBCHAT_SETTINGS)[number]>;

/** What `registerWebchat` needs; the composition root supplies every one. */
export interface WebchatDeps {
  /** A normal command client; the adapter duplicates it for SUBSCRIBE. */
  redis: RedisClient;
  keys: RedisKeys;
  inbound: InboundHandler;
  storage: FileStoragePort;
  config: WebchatConfig;
  logger: Logger;
  /** The clock, injectable so token expiry is testable. */
  now?: () => number;
}

/** Who is on the other end of a socket or upload request, as proven by a session token. */
export interface WebchatSession {
  sessionId: string;
  conversationId: string;
  /** `anon_<random>` or `shop:<platformUserId>`. */
  userId: string;
}

/** An uploaded photo waiting to be referenced by a message. */
export interface UploadRecord {
  attachmentId: string;
  storageKey: string;
  conversationId: string;
  mimeType: string;
  sizeBytes: number;
  url: string;
  /** Epoch ms of the upload (records written before this field existed lack it). */
  storedAt?: number;
}
