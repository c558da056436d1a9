/**
 * Expected failures carry a stable dotted code; the message says what was wrong and what to do.
 * Callers branch on `code`, never on the message text.
 */
export type RedressErrorCode =
  | 'config.invalid'
  | 'redis.unavailable'
  | 'complaint.not_found'
  | 'complaint.illegal_transition'
  | 'complaint.already_claimed'
  | 'complaint.not_owner'
  | 'agent.not_found'
  | 'agent.not_authorised'
  | 'agent.over_limit'
  | 'consumer.not_owner'
  | 'input.invalid'
  | 'input.too_large'
  | 'adapter.send_failed'
  | 'adapter.unknown_channel';

export class RedressError extends Error {
  constructor(
    readonly code: RedressErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'RedressError';
  }
}

/** Thrown by channel adapters; `permanent` stops retries (blocked bot, deleted chat). */
export class ChannelSendError extends RedressError {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super('adapter.send_failed', message, { permanent, retryAfterMs });
    this.name = 'ChannelSendError';
  }
}

export function isRedressError(err: unknown, code?: RedressErrorCode): err is RedressError {
  return err instanceof RedressError && (code === undefined || err.code === code);
}
