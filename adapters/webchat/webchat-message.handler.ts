import type { ConnectionContext } from './webchat-connection.js';
import { t } from '../../src/i18n/catalog.js';
import { isRedisOutage } from '../../src/redis/redis-availability.js';
import { SESSION_LIMITED } from './webchat-limits.js';
import { asUnavailable, consumerLocale, isWebchatError, WebchatError } from './webchat.errors.js';
import { checkMessage, toInboundMessage, userEntry } from './webchat.mapper.js';
import type { MessageFrame, ServerFrame } from './webchat.protocol.js';
import type { WebchatSession } from './webchat.types.js';

export interface MessageOrigin {
  session: WebchatSession;
  locale: string | undefined;
  /** The hello's `localeGuessed`: `locale` is the browser's language, not the page's. */
  localeGuessed?: boolean;
  /** The browser's IANA zone from the hello, already checked (`browserTimeZone`). */
  timeZone?: string;
  /** The name the shop's signed identity gave (webchat-identity.ts), passed to the dialog for the case. */
  displayName?: string;
  ip: string;
  send(frame: ServerFrame): void;
}

/**
 * A consumer message: check → rate limits → attachments → dedupe → store in history (published, so every tab
 * shows it) → ack → the bot. Acked once stored: a crash in the bot's turn does not make the widget resend
 * (the consumer sees an error frame instead), and a resend of an acked clientId is acked again, never reprocessed.
 * WebchatErrors thrown here become error frames (tagged with the clientId) in the connection. While Redis is full or
 * gone the message is refused before anything is stored (`server.unavailable` with `retryAfterMs`: the widget keeps
 * it in its outbox and resends it); Redis is checked first so the refusal comes within REDIS_WAIT_MS, not when Redis returns.
 */
export async function handleMessageFrame(ctx: ConnectionContext, from: MessageOrigin, sent: MessageFrame): Promise<void> {
  const { session } = from;
  const refuse = (err: unknown) => tag(asUnavailable(err, from.locale), sent.clientId);
  let frame: MessageFrame;
  try {
    // From here on only the cleaned frame (no control or bidi-override characters) is stored, shown and handled.
    frame = checkMessage(sent, ctx.maxChars, from.locale);
    await ctx.redisReady();
    await ctx.limits.consumeIp(from.ip);
  } catch (err) {
    throw refuse(err);
  }
  const uploads = await ctx.uploads.resolve(session.conversationId, frame.attachments).catch((err) => { throw refuse(err); });
  const now = ctx.now();
  // The session's rate limit, the dedupe and the append are one script: it writes nothing if it refuses the message.
  const stored = await ctx.history.appendInbound(session.conversationId, session.sessionId, frame.clientId, userEntry(frame, uploads, now), ctx.limits.session)
    .catch((err) => { throw refuse(err); });
  if (stored.status === 'limited') throw tag(new WebchatError('rate.limited', SESSION_LIMITED, 429, stored.msBeforeNext), frame.clientId);
  if (stored.status === 'duplicate') {
    from.send({ type: 'ack', clientId: frame.clientId });
    return;
  }
  const { seq } = stored;
  from.send({ type: 'ack', clientId: frame.clientId, seq });
  const log = ctx.logger.child({ channel: 'webchat', conversationId: session.conversationId });
  log.debug({ text: frame.text, action: frame.action }, 'webchat inbound');
  from.send({ type: 'typing', on: true });
  try {
    await ctx.inbound.handle(toInboundMessage(frame, session, uploads, from.locale, now, { timeZone: from.timeZone, localeGuessed: from.localeGuessed, displayName: from.displayName }));
  } catch (err) {
    log.error({ err: (err as Error).message }, 'inbound handler failed for a webchat message');
    // Acked (in the history) but not answered: no retryAfterMs, since a resend of an acked clientId is not reprocessed.
    if (isRedisOutage(err)) return from.send({ type: 'error', code: 'server.unavailable', clientId: frame.clientId, message: t(consumerLocale(from.locale), 'redis.unavailable') });
    from.send({ type: 'error', code: 'server.error', clientId: frame.clientId, message: 'Sorry, we could not process that message. Please try again in a moment.' });
  } finally {
    from.send({ type: 'typing', on: false });
  }
}

function tag(err: unknown, clientId: string): unknown {
  if (isWebchatError(err)) err.clientId = clientId;
  return err;
}
