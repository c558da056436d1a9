import { TelegramError } from 'telegraf';
import { ChannelSendError } from '../../src/errors.js';

/**
 * A failed Bot API call → what the delivery queue should do. 429: come back after `retry_after`. 403 (bot blocked,
 * user deactivated, kicked) and 400 (chat not found, a bad request): permanent — the same call never succeeds.
 * Anything else (5xx, network): transient, retried with backoff.
 */
export function toSendError(err: unknown, redact: (s: string) => string): ChannelSendError {
  if (err instanceof TelegramError) {
    const what = `telegram ${err.code}: ${redact(err.description)}`;
    if (err.code === 429) return new ChannelSendError(what, false, Math.max(1, err.parameters?.retry_after ?? 1) * 1000);
    if (err.code === 403 || err.code === 400) return new ChannelSendError(what, true);
    return new ChannelSendError(what, false);
  }
  return new ChannelSendError(`telegram request failed: ${redact((err as Error)?.message ?? String(err))}`, false);
}

/** Error texts from the HTTP client can carry the request URL, and so the bot token: strip it before it is logged or stored. */
export function tokenRedactor(token: string): (s: string) => string {
  return (s) => (token ? s.split(token).join('<token>') : s);
}
