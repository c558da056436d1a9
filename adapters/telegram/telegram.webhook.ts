import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../src/logging/logger.js';
import { tokenRedactor } from './telegram.errors.js';

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';
/** Telegram waits for our answer before sending that chat's next update; a slow turn is acknowledged and finishes on its own. */
const ACK_WITHIN_MS = 10_000;
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * `POST /telegram/webhook`: verify the secret header (403 otherwise), run the update through telegraf, answer 200.
 * A failed turn answers 500 so Telegram sends the update again (the message id makes the retry a no-op if it got through).
 */
export function registerWebhookRoute(http: FastifyInstance, bot: Telegraf, secret: string, token: string, logger: Logger): void {
  const expected = Buffer.from(secret);
  const redact = tokenRedactor(token);
  http.post(TELEGRAM_WEBHOOK_PATH, async (req, reply) => {
    const given = req.headers[SECRET_HEADER];
    const buf = Buffer.from(typeof given === 'string' ? given : '');
    if (buf.length !== expected.length || !timingSafeEqual(buf, expected)) {
      logger.warn({ channel: 'telegram', ip: req.ip }, 'telegram: webhook call with a missing or wrong secret refused');
      return reply.code(403).send();
    }
    const update = req.body as Update | undefined;
    if (!update || typeof update !== 'object' || typeof update.update_id !== 'number') return reply.code(400).send();
    const turn = bot.handleUpdate(update);
    const failed = (err: unknown) => logger.error({ channel: 'telegram', updateId: update.update_id, err: redact((err as Error)?.message ?? String(err)) }, 'telegram: update failed');
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<'slow'>((r) => { timer = setTimeout(() => r('slow'), ACK_WITHIN_MS); });
    try {
      if ((await Promise.race([turn.then(() => 'done' as const), slow])) === 'slow') turn.catch(failed);
      return reply.code(200).send();
    } catch (err) {
      failed(err);
      return reply.code(500).send();
    } finally {
      clearTimeout(timer);
    }
  });
}
