import type { Context, Telegraf } from 'telegraf';
import type { Logger } from '../../src/logging/logger.js';
import type { InboundHandler } from '../../src/messages/inbound-handler.port.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { TelegramCallbacks } from './telegram-callbacks.js';
import type { TelegramKeys } from './telegram-keys.js';
import { mapUpdate } from './telegram.mapper.js';
import type { TelegramPhotos } from './telegram-photos.js';
import type { TelegramRateLimit } from './telegram-rate-limit.js';
import { whileTyping } from './telegram-typing.js';
import { t } from '../../src/i18n/catalog.js';

export interface UpdateHandlerDeps {
  inbound: InboundHandler;
  photos: TelegramPhotos;
  callbacks: TelegramCallbacks;
  redis: RedisClient;
  keys: TelegramKeys;
  rateLimit: TelegramRateLimit;
  logger: Logger;
  now: () => number;
}

const GROUP_NOTICE = 'I handle complaints in a private chat only, so your details stay private. Please message me directly.\n投诉请私聊我处理，以保护您的个人信息。';

/**
 * The one middleware: map the update, answer a button press (so the client stops its spinner), fetch photos, and
 * hand the message to the core, showing "typing…" while a slow turn runs. No business logic here.
 */
export function installUpdateHandler(bot: Telegraf, d: UpdateHandlerDeps): void {
  bot.use(async (ctx) => {
    const mapped = mapUpdate(ctx.update, d.now());
    if (mapped.callbackQueryId) await answerButton(ctx, d.logger);
    if (mapped.kind === 'ignored') return void d.logger.debug({ channel: 'telegram', reason: mapped.reason }, 'telegram: update ignored');
    if (mapped.kind === 'group') return tellGroupOnce(ctx, mapped.chatId, d);
    let message = mapped.message;
    const verdict = await d.rateLimit.check(message.address.conversationId, d.now());
    if (verdict !== 'ok') return tellSlowDown(ctx, message.address.conversationId, message.locale, verdict, d.logger);
    if (message.action !== undefined) {
      const action = await d.callbacks.resolve(message.action);
      // An expired long value: the press carries no meaning any more; the dialog says so and asks again.
      message = action === undefined ? { ...message, action: undefined, unsupported: 'expired_button' } : { ...message, action };
    }
    const ready = message;
    await whileTyping(ctx.telegram, ready.address.conversationId, d.logger, async () => d.inbound.handle(await d.photos.store(ready)));
  });
  // Telegraf's default handler prints the whole update (personal data) and sets process.exitCode: rethrow instead,
  // so the webhook answers 500 and Telegram delivers the update again.
  bot.catch((err) => {
    throw err;
  });
}

async function answerButton(ctx: Context, logger: Logger): Promise<void> {
  try {
    await ctx.answerCbQuery();
  } catch (err) {
    logger.debug({ channel: 'telegram', err: (err as { description?: string }).description }, 'telegram: answerCallbackQuery failed');
  }
}

async function tellSlowDown(ctx: Context, chatId: string, locale: string | undefined, verdict: 'tell' | 'drop', logger: Logger): Promise<void> {
  logger.warn({ channel: 'telegram', conversation: chatId, verdict }, 'telegram: chat over its inbound rate limit; update not handled');
  if (verdict === 'drop') return;
  // The dialog state is not read for this (that is what the limit saves): the language is Telegram's language_code.
  await ctx.telegram.sendMessage(chatId, t(locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en', 'telegram.rate_limited'))
    .catch((err: unknown) => logger.debug({ channel: 'telegram', err: (err as { description?: string }).description }, 'telegram: slow-down notice not sent'));
}

async function tellGroupOnce(ctx: Context, chatId: string, d: UpdateHandlerDeps): Promise<void> {
  const first = await d.redis.set(d.keys.groupNotice(chatId), '1', 'EX', d.keys.ttlSeconds, 'NX');
  if (first !== 'OK') return;
  const link = ctx.botInfo?.username ? `\nhttps://t.me/${ctx.botInfo.username}` : '';
  try {
    await ctx.telegram.sendMessage(chatId, GROUP_NOTICE + link, { link_preview_options: { is_disabled: true } });
  } catch (err) {
    d.logger.debug({ channel: 'telegram', err: (err as { description?: string }).description }, 'telegram: group notice not sent');
  }
}
