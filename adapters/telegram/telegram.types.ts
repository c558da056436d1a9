import type { Config } from '../../src/config/config.js';
import type { Logger } from '../../src/logging/logger.js';
import type { InboundHandler } from '../../src/messages/inbound-handler.port.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { RedisKeys } from '../../src/redis/redis-keys.js';
import type { FileStoragePort } from '../../src/storage/file-storage.port.js';

/** What the sending half needs (every role: workers deliver queued messages too). */
export interface TelegramSenderDeps {
  config: Config;
  redis: RedisClient;
  keys: RedisKeys;
  logger: Logger;
}

/** What `registerTelegram` needs (web role): the sender's deps plus the consumer-message entry point and photo storage. */
export interface TelegramDeps extends TelegramSenderDeps {
  inbound: InboundHandler;
  storage: FileStoragePort;
  /** The clock, injectable for tests. */
  now?: () => number;
}
