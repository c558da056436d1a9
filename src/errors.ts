/**
 * Expected failures carry a stable dotted code; the message says what was wrong and what to do.
 * Callers branch on `code`, never on the message text.
 */
export type RedressErrorCode =
  | 'config.invalid'
  | 'redis.unavailable'
  | 'redis.auth_failed'
  | 'redis.full'
  | 'redis.not_replicated'
  | 'complaint.not_found'
  | 'complaint.illegal_transition'
  | 'complaint.already_claimed'
  | 'complaint.not_owner'
  /** Resolve refused: a proposal waits for the consumer's answer (a supervisor may override with a reason). */
  | 'complaint.proposal_pending'
  | 'agent.not_found'
  | 'agent.not_authorised'
  | 'agent.over_limit'
  | 'consumer.not_owner'
  | 'input.invalid'
  | 'input.too_large'
  /** A compensation amount that is not a positive number with at most two decimals. */
  | 'input.invalid_amount'
  | 'storage.full'
  | 'adapter.send_failed'
  | 'adapter.unknown_channel'
  // The PostgreSQL archive (src/archive): a second process on the embedded directory; a failed schema migration.
  | 'archive.locked'
  // An evicted case was asked for while the archive does not answer.
  | 'archive.unavailable'
  | 'archive.migration_failed'
  // The merchant as a party (src/merchants): a link that is not ours or was edited; one past its expiry; a request
  // already answered; a platform's answer whose signature or timestamp is wrong.
  | 'merchant.link_invalid'
  | 'merchant.link_expired'
  | 'merchant.already_answered'
  | 'merchant.bad_signature'
  // The agent console's own failures (adapters/console), in the same union so every handler branches on one set.
  | 'console.unauthenticated'
  | 'console.csrf'
  | 'console.forbidden'
  | 'console.rate_limited'
  | 'console.not_found'
  | 'console.internal';

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
