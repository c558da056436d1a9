import type { RedisKeys } from '../../src/redis/redis-keys.js';

const DAY = 86_400;

/**
 * Redis keys of the Telegram adapter.
 * - `P:telegram:cb:<hash>` → a button value longer than callback_data's 64 bytes (string, 30 days).
 * - `P:telegram:group-notice:<chatId>` → set once a group was told we work in private chats (string, 30 days).
 */
export function telegramKeys(keys: RedisKeys) {
  return {
    callback: (hash: string) => `${keys.prefix}:telegram:cb:${hash}`,
    groupNotice: (chatId: string) => `${keys.prefix}:telegram:group-notice:${chatId}`,
    ttlSeconds: 30 * DAY,
  };
}

export type TelegramKeys = ReturnType<typeof telegramKeys>;
