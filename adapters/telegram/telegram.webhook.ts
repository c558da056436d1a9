import { timingSafeEqual } from 'node:crypto';
import { isTelegramUpdate } from './telegram-update.schema.js';
import type { FastifyInstance } from 'fastify';
import type { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { t } from '../../src/i18n/catalog.js';
import type { Logger } from '../../src/logging/logger.js';
import { redisOutageOf } from '../../src/redis/redis-availability.js';
import { tokenRedactor } from './telegram.errors.js';
import { mapUpdate } from './telegram.mapper.js';

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';
/** Telegram waits for our answer before sending that chat's next update; a slow turn is acknowledged and finishes on its own. */
const ACK_WITHIN_MS = 10_000;
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export interface WebhookOptions {
  /** Resolves while Redis is connected (or reconnects within REDIS_WAIT_MS); throws `redis.unavailable` otherwise. */
  redisReady: () => Promise<void>;
  now: () => number;
}

/**
 * Tells the consumer, through the Bot API (no Redis needed), that their message was not taken. False when the
 * update names no private chat or the send failed.
 */
async function tellUnavailable(bot: Telegraf, update: Update, now: number): Promise<boolean> {
  const mapped = mapUpdate(update, now);
  if (mapped.kind !== 'message') return false;
  const { address, locale } = mapped.message;
  await bot.telegram.sendMessage(address.conversationId, t(locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en', 'redis.unavailable'));
  return true;
}

/**
 * `POST /telegram/webhook`: verify the secret header (403 otherwise), run the update through telegraf, answer 200.
 * A failed turn answers 500 so Telegram sends the update again (the message id makes the retry a no-op if it got through).
 * Redis full or gone is the exception: the consumer is told at once, in their language, that the message was not
 * taken, and the webhook answers 200. A redelivery would then arrive on top of the consumer's own resend (and
 * Telegram holds the chat's later updates back while one is unacknowledged); only when the consumer could not be
 * told does the webhook answer 500, so that Telegram's redelivery keeps the message.
 */
export function registerWebhookRoute(http: FastifyInstance, bot: Telegraf, secret: string, token: string, logger: Logger, opts: WebhookOptions): void {
  const expected = Buffer.from(secret);
  const redact = tokenRedactor(token);
  http.post(TELEGRAM_WEBHOOK_PATH, { config: { ownsRedisOutage: true } }, async (req, reply) => {
    const given = req.headers[SECRET_HEADER];
    const buf = Buffer.from(typeof given === 'string' ? given : '');
    if (buf.length !== expected.length || !timingSafeEqual(buf, expected)) {
      logger.warn({ channel: 'telegram', ip: req.ip }, 'telegram: webhook call with a missing or wrong secret refused');
      return reply.code(403).send();
    }
    const update = req.body as Update | undefined;
    if (!isTelegramUpdate(update)) return reply.code(400).send();
    const failed = (err: unknown) => logger.error({ channel: 'telegram', updateId: update.update_id, err: redact((err as Error)?.message ?? String(err)) }, 'telegram: update failed');
    /** True when the failure was answered in the chat (a Redis outage the consumer was told about). */
    const answered = async (err: unknown): Promise<boolean> => {
      const outage = redisOutageOf(err);
      if (!outage) return false;
      logger.warn({ channel: 'telegram', updateId: update.update_id, code: outage.code }, 'telegram: update refused, Redis is full or gone');
      return tellUnavailable(bot, update, opts.now()).catch((sendErr: unknown) => {
        failed(sendErr);
        return false;
      });
    };
    const turn = opts.redisReady().then(() => bot.handleUpdate(update));
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<'slow'>((r) => { timer = setTimeout(() => r('slow'), ACK_WITHIN_MS); });
    try {
      if ((await Promise.race([turn.then(() => 'done' as const), slow])) === 'slow') turn.catch(async (err) => (await answered(err)) || failed(err));
      return reply.code(200).send();
    } catch (err) {
      if (await answered(err)) return reply.code(200).send();
      failed(err);
      return reply.code(500).send();
    } finally {
      clearTimeout(timer);
    }
  });
}

