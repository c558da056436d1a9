import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { HelloFrame, WebchatErrorCode } from './webchat.protocol.js';
import { verifyShopIdentity } from './webchat-identity.js';
import type { WebchatKeys } from './webchat-keys.js';
import { newId, type WebchatSessions } from './webchat-session.js';
import type { WebchatSession } from './webchat.types.js';

export interface HelloContext {
  redis: RedisClient;
  keys: WebchatKeys;
  sessions: WebchatSessions;
  identitySecret: string | undefined;
  idleSeconds: number;
  now: () => number;
}

export interface HelloResult {
  session: WebchatSession;
  /** True when this is the conversation the widget's token was for: only then does its `lastSeq` apply. */
  resumed: boolean;
  /** The consumer's name from the shop's signed identity, held by the connection only (never stored with the session). */
  displayName?: string;
  /** Told to the widget as error frames; the connection carries on with `session`. */
  notices: { code: WebchatErrorCode; message: string }[];
}

const NOTICE = {
  invalid: 'This chat session could not be verified, so a new conversation has started.',
  expired: 'This chat session ended after a long time without activity, so a new conversation has started.',
  identity: 'The shop account could not be confirmed, so you are chatting as a guest. Sign in again to see your account\'s chat.',
} as const;

/**
 * Decides which conversation a connecting widget joins: its own (token still valid, or expired but the session
 * record lives on), its shop account's (same conversation on every device), or a fresh one. Never throws for a
 * bad token: the consumer gets a notice and a working chat.
 */
export async function resolveHello(ctx: HelloContext, hello: HelloFrame): Promise<HelloResult> {
  const notices: HelloResult['notices'] = [];
  let previous: WebchatSession | null = null;
  if (hello.token) {
    const checked = await ctx.sessions.check(hello.token);
    previous = checked.ok ? await ctx.sessions.touch(checked.session.sessionId) : null;
    if (!checked.ok) notices.push({ code: 'session.invalid', message: NOTICE.invalid });
    else if (!previous) notices.push({ code: 'session.expired', message: NOTICE.expired });
  }
  const shop = await verifyShopIdentity(ctx.identitySecret, hello.userId, hello.userSignature, ctx.now());
  if (hello.userId && !shop) notices.push({ code: 'identity.invalid', message: NOTICE.identity });
  if (shop) return { ...(await joinShopUser(ctx, shop.userId, previous)), ...(shop.name ? { displayName: shop.name } : {}), notices };
  if (previous && !previous.userId.startsWith('shop:')) return { session: previous, resumed: true, notices };
  const session = { sessionId: newId('ses'), conversationId: newId('wc'), userId: newId('anon') };
  await ctx.sessions.save(session);
  return { session, resumed: false, notices };
}

async function joinShopUser(ctx: HelloContext, shopUserId: string, previous: WebchatSession | null) {
  const userId = `shop:${shopUserId}`;
  if (previous?.userId === userId) return { session: previous, resumed: true };
  const key = ctx.keys.shopUser(shopUserId);
  // SET NX then GET: two devices connecting at once still end up in one conversation.
  await ctx.redis.set(key, newId('wc'), 'EX', ctx.idleSeconds, 'NX');
  const conversationId = (await ctx.redis.get(key)) ?? newId('wc');
  await ctx.redis.expire(key, ctx.idleSeconds);
  const session = { sessionId: newId('ses'), conversationId, userId };
  await ctx.sessions.save(session);
  return { session, resumed: previous?.conversationId === conversationId };
}
