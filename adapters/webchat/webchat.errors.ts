import { RedressError } from '../../src/errors.js';
import { t } from '../../src/i18n/catalog.js';
import { redisOutageOf } from '../../src/redis/redis-availability.js';
import type { WebchatErrorCode } from './webchat.protocol.js';

/** How long the widget waits before resending a message refused because Redis was full or gone. */
export const UNAVAILABLE_RETRY_MS = 10_000;

/**
 * An expected failure of the web channel. `wireCode` is what the widget sees in an error frame or JSON body;
 * `code` maps it onto the core's RedressErrorCode set so shared error handling still branches on it.
 */
export class WebchatError extends RedressError {
  /** Set when the failure concerns one consumer message, so the widget can mark that message. */
  clientId?: string;

  constructor(
    readonly wireCode: WebchatErrorCode,
    message: string,
    readonly httpStatus = 400,
    readonly retryAfterMs?: number,
  ) {
    super(wireCode === 'input.too_large' || wireCode === 'upload.too_large' ? 'input.too_large' : 'input.invalid', message, { wireCode });
    this.name = 'WebchatError';
  }
}

export function isWebchatError(err: unknown): err is WebchatError {
  return err instanceof WebchatError;
}

export function consumerLocale(locale: string | undefined): 'en' | 'zh' {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** `err` as the `server.unavailable` frame error when it is a Redis outage (full or gone), else `err` itself. */
export function asUnavailable(err: unknown, locale: string | undefined): unknown {
  if (!redisOutageOf(err)) return err;
  return new WebchatError('server.unavailable', t(consumerLocale(locale), 'redis.unavailable'), 503, UNAVAILABLE_RETRY_MS);
}
