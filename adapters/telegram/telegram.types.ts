import type { Config } from '../../src/config/config.js';
import type { Logger } from '../../src/logging/logger.js';
import type { InboundHandler } from '../../src/messages/inbound-handler.port.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { RedisKeys } from '../../src/redis/redis-keys.js';
import type { FileStoragePort } from '../../src/storage/file-storage.port.js';

/** The settings the Telegram adapter reads; the composition root hands it only these (configSection). */
export const TELEGRAM_SETTINGS = ['PUBLIC_URL', 'REDIS_WAIT_MS', 'TELEGRAM_API_ROOT', 'TELEGRAM_BOT_USERNAME', 'TELEGRAM_MESSAGES_PER_MINUTE', 'TELEGRAM_SENDS_PER_SECOND', 'UPLOAD_MAX_BYTES', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET'] as const satisfies readonly (keyof Config)[];
export type TelegramConfig = Pick<Config, (typeof TELEGRAM_SETTINGS)[number]>;

/** What the sending half needs (every role: workers deliver queued messages too). */
export interface TelegramSenderDeps {
  config: TelegramConfig;
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
