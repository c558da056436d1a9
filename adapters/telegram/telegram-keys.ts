import type { RedisKeys } from '../../src/redis/redis-keys.js';

const DAY = 86_400;

/**
 * Redis keys of the Telegram adapter, defined in the key registry (src/redis/redis-keys.ts):
 * - `P:{tc:<hash>}:telegram:cb` → a button value longer than callback_data's 64 bytes (string, 30 days). Tagged by
 *   the hash, not the chat: a press brings only the hash.
 * - `P:{v:telegram:<chatId>}:telegram:group-notice` → set once a group was told we work in private chats (string, 30 days).
 * - `P:{v:telegram:<chatId>}:telegram:rl:<epoch minute>` → the chat's updates in that minute (INCR, 2 minutes):
 *   TELEGRAM_MESSAGES_PER_MINUTE, held across processes.
 */
export function telegramKeys(keys: Pick<RedisKeys, 'telegram'>) {
  return { ...keys.telegram, ttlSeconds: 30 * DAY };
}

export type TelegramKeys = ReturnType<typeof telegramKeys>;
