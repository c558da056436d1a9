/**
 * The Telegram channel: a webhook on the shared fastify server (web role) and a sender (every role).
 *
 * @example
 * channels.register(await registerTelegram(http, { config, redis, keys, inbound, storage, logger }));
 * channels.register(createTelegramChannel({ config, redis, keys, logger }));   // worker: send only
 */
import { systemClock } from '../../src/clock.js';
import type { FastifyInstance } from 'fastify';
import { Telegraf } from 'telegraf';
import { whenRedisReady } from '../../src/redis/redis-availability.js';
import { TelegramCallbacks } from './telegram-callbacks.js';
import { registerCommands } from './telegram-commands.js';
import { telegramKeys } from './telegram-keys.js';
import { TelegramPhotos } from './telegram-photos.js';
import { TelegramRateLimit } from './telegram-rate-limit.js';
import { installUpdateHandler } from './telegram-updates.js';
import { TelegramChannel } from './telegram.channel.js';
import { tokenRedactor } from './telegram.errors.js';
import type { TelegramDeps, TelegramSenderDeps } from './telegram.types.js';
import { registerWebhookRoute, TELEGRAM_WEBHOOK_PATH } from './telegram.webhook.js';

export { TelegramChannel } from './telegram.channel.js';
export { TELEGRAM_WEBHOOK_PATH } from './telegram.webhook.js';
export type { TelegramDeps, TelegramSenderDeps } from './telegram.types.js';

function requireSecrets(deps: TelegramSenderDeps): { token: string; secret: string } {
  const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_SECRET: secret } = deps.config;
  if (!token || !secret) throw new Error('Telegram needs TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET');
  return { token, secret };
}

function createBot(deps: TelegramSenderDeps, token: string): Telegraf {
  const bot = new Telegraf(token, { telegram: { apiRoot: deps.config.TELEGRAM_API_ROOT, webhookReply: false } });
  const username = deps.config.TELEGRAM_BOT_USERNAME;
  if (username) {
    // The token starts with the bot's id: with the username we know everything getMe would tell us.
    bot.botInfo = {
      id: Number(token.split(':')[0]), is_bot: true, first_name: username, username,
      can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false,
    };
  }
  return bot;
}

/** The sending half only: for worker processes, which deliver queued messages but mount no webhook. */
export function createTelegramChannel(deps: TelegramSenderDeps): TelegramChannel {
  const { token } = requireSecrets(deps);
  return new TelegramChannel(createBot(deps, token).telegram, new TelegramCallbacks(deps.redis, telegramKeys(deps.keys)), tokenRedactor(token), deps.config.TELEGRAM_SENDS_PER_SECOND);
}

/** Mounts `POST /telegram/webhook` and returns the channel. With an https PUBLIC_URL, points Telegram's webhook at it on start-up. */
export async function registerTelegram(http: FastifyInstance, deps: TelegramDeps): Promise<TelegramChannel> {
  const { token, secret } = requireSecrets(deps);
  const { config, logger } = deps;
  const keys = telegramKeys(deps.keys);
  const bot = createBot(deps, token);
  const callbacks = new TelegramCallbacks(deps.redis, keys);
  const photos = new TelegramPhotos(bot.telegram, deps.storage, { apiRoot: config.TELEGRAM_API_ROOT, token, maxBytes: config.UPLOAD_MAX_BYTES, logger, now: deps.now });
  const rateLimit = new TelegramRateLimit(deps.redis, keys, config.TELEGRAM_MESSAGES_PER_MINUTE);
  installUpdateHandler(bot, { inbound: deps.inbound, photos, callbacks, redis: deps.redis, keys, rateLimit, logger, now: deps.now ?? systemClock });
  registerWebhookRoute(http, bot, secret, token, logger, { redisReady: () => whenRedisReady(deps.redis, config.REDIS_WAIT_MS), now: deps.now ?? systemClock });
  // Not awaited either: the command menu is a convenience, start-up does not wait on Telegram for it.
  http.addHook('onReady', async () => void registerCommands(bot.telegram, logger, tokenRedactor(token)));
  const publicUrl = config.PUBLIC_URL;
  if (publicUrl?.startsWith('https://')) {
    const url = `${publicUrl.replace(/\/+$/, '')}${TELEGRAM_WEBHOOK_PATH}`;
    // Not awaited: start-up must not hang on Telegram; each web process setting the same URL is harmless.
    http.addHook('onReady', async () => {
      bot.telegram.setWebhook(url, { secret_token: secret, allowed_updates: ['message', 'edited_message', 'callback_query'] })
        .then(() => logger.info({ channel: 'telegram', url }, 'telegram: webhook set'))
        .catch((err: unknown) => logger.error({ channel: 'telegram', err: tokenRedactor(token)((err as Error).message) }, 'telegram: setWebhook failed; set it by hand (see README)'));
    });
  }
  return new TelegramChannel(bot.telegram, callbacks, tokenRedactor(token), config.TELEGRAM_SENDS_PER_SECOND);
}
