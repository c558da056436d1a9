import type { Config } from '../../src/config/config.js';
import type { Logger } from '../../src/logging/logger.js';
import type { InboundHandler } from '../../src/messages/inbound-handler.port.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { RedisKeys } from '../../src/redis/redis-keys.js';
import type { FileStoragePort } from '../../src/storage/file-storage.port.js';

/** What `registerWebchat` needs; the composition root supplies every one. */
export interface WebchatDeps {
  /** A normal command client; the adapter duplicates it for SUBSCRIBE. */
  redis: RedisClient;
  keys: RedisKeys;
  inbound: InboundHandler;
  storage: FileStoragePort;
  config: Config;
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
