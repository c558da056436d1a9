import type { ConnectionContext } from './webchat-connection.js';
import { isWebchatError } from './webchat.errors.js';
import { checkMessage, toInboundMessage, userEntry } from './webchat.mapper.js';
import type { MessageFrame, ServerFrame } from './webchat.protocol.js';
import type { WebchatSession } from './webchat.types.js';

export interface MessageOrigin {
  session: WebchatSession;
  locale: string | undefined;
  ip: string;
  send(frame: ServerFrame): void;
}

/**
 * A consumer message: check → rate limits → attachments → dedupe → store in history (published, so every tab
 * shows it) → ack → the bot. Acked once stored: a crash in the bot's turn does not make the widget resend
 * (the consumer sees an error frame instead), and a resend of an acked clientId is acked again, never reprocessed.
 * WebchatErrors thrown here become error frames (tagged with the clientId) in the connection.
 */
export async function handleMessageFrame(ctx: ConnectionContext, from: MessageOrigin, frame: MessageFrame): Promise<void> {
  const { session } = from;
  try {
    checkMessage(frame, ctx.maxChars);
    await ctx.limits.consumeSession(session.sessionId);
    await ctx.limits.consumeIp(from.ip);
  } catch (err) {
    throw tag(err, frame.clientId);
  }
  const uploads = await ctx.uploads.resolve(session.conversationId, frame.attachments).catch((err) => { throw tag(err, frame.clientId); });
  if (!(await ctx.limits.firstDelivery(session.conversationId, frame.clientId))) {
    from.send({ type: 'ack', clientId: frame.clientId });
    return;
  }
  const now = ctx.now();
  let seq: number;
  try {
    ({ seq } = await ctx.history.append(session.conversationId, userEntry(frame, uploads, now)));
  } catch (err) {
    await ctx.limits.forget(session.conversationId, frame.clientId).catch(() => undefined);
    throw err;
  }
  from.send({ type: 'ack', clientId: frame.clientId, seq });
  const log = ctx.logger.child({ channel: 'webchat', conversationId: session.conversationId });
  log.debug({ text: frame.text, action: frame.action }, 'webchat inbound');
  try {
    await ctx.inbound.handle(toInboundMessage(frame, session, uploads, from.locale, now));
  } catch (err) {
    log.error({ err: (err as Error).message }, 'inbound handler failed for a webchat message');
    from.send({ type: 'error', code: 'server.error', clientId: frame.clientId, message: 'Sorry, we could not process that message. Please try again in a moment.' });
  }
}

function tag(err: unknown, clientId: string): unknown {
  if (isWebchatError(err)) err.clientId = clientId;
  return err;
}
