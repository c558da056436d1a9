/**
 * Redis keys of the web channel, under the shared prefix (`P` = `keys.prefix`, a hash tag such as `{redress}`,
 * so every key lands in one Cluster slot and the append script may touch several).
 *
 * | key | type | holds | lifetime |
 * |---|---|---|---|
 * | `P:webchat:seq:<conversationId>` | string | last history seq (INCR) | WEBCHAT_SESSION_IDLE_DAYS, refreshed on append |
 * | `P:webchat:history:<conversationId>` | list | HistoryEntry JSON, oldest first, capped at WEBCHAT_HISTORY_MAX | as above |
 * | `P:webchat:out:<conversationId>:<idempotencyKey>` | string | seq an idempotent send got, so a retried send appends once | as above |
 * | `P:webchat:session:<sessionId>` | string | SessionRecord JSON; deleting it revokes the session | WEBCHAT_SESSION_IDLE_DAYS, refreshed on connect |
 * | `P:webchat:user:<shopUserId>` | string | conversationId of a shop-identified consumer (same chat on every device) | as above |
 * | `P:webchat:dedupe:<conversationId>:<clientId>` | string | marks a consumer message processed (SET NX) | 24 h |
 * | `P:webchat:upload:<attachmentId>` | string | UploadRecord JSON (storage key, owner conversation, type, size) | 7 days |
 * | `P:webchat:secret` | string | generated session secret when WEBCHAT_SESSION_SECRET is unset | none |
 * | `P:webchat:rl:<name>:<key>` | string | rate-limiter-flexible counters | the limiter's window |
 *
 * Pub/sub channel `P:webchat:pub:<conversationId>`: every appended HistoryEntry JSON, published by the append
 * script itself so publish order equals seq order.
 */
import type { RedisKeys } from '../../src/redis/redis-keys.js';

export type WebchatKeys = ReturnType<typeof webchatKeys>;

export function webchatKeys(keys: Pick<RedisKeys, 'prefix'>) {
  const p = `${keys.prefix}:webchat`;
  return {
    seq: (conversationId: string) => `${p}:seq:${conversationId}`,
    history: (conversationId: string) => `${p}:history:${conversationId}`,
    sent: (conversationId: string, idempotencyKey: string) => `${p}:out:${conversationId}:${idempotencyKey}`,
    session: (sessionId: string) => `${p}:session:${sessionId}`,
    shopUser: (shopUserId: string) => `${p}:user:${shopUserId}`,
    dedupe: (conversationId: string, clientId: string) => `${p}:dedupe:${conversationId}:${clientId}`,
    upload: (attachmentId: string) => `${p}:upload:${attachmentId}`,
    secret: () => `${p}:secret`,
    rateLimitPrefix: (name: string) => `${p}:rl:${name}`,
    channel: (conversationId: string) => `${p}:pub:${conversationId}`,
  };
}
