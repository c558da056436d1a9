/**
 * Redis keys of the web channel, defined in the key registry (src/redis/redis-keys.ts). `P` = REDIS_KEY_PREFIX;
 * a conversation's keys carry its tag `{v:webchat:<conversationId>}` (the bot's turn keys share it), so the
 * append script touches one Cluster slot; sessions, shop users and uploads carry their own.
 *
 * | key | type | holds | lifetime |
 * |---|---|---|---|
 * | `P:{v:webchat:<conversationId>}:webchat:seq` | string | last history seq (INCR) | WEBCHAT_SESSION_IDLE_DAYS, refreshed on append |
 * | `P:{v:webchat:<conversationId>}:webchat:history` | list | HistoryEntry JSON, oldest first, capped at WEBCHAT_HISTORY_MAX | as above |
 * | `P:{v:webchat:<conversationId>}:webchat:out:<idempotencyKey>` | string | seq an idempotent send got, so a retried send appends once | as above |
 * | `P:{ws:<sessionId>}:webchat:session` | string | SessionRecord JSON; deleting it revokes the session | WEBCHAT_SESSION_IDLE_DAYS, refreshed on connect |
 * | `P:{wu:<shopUserId>}:webchat:user` | string | conversationId of a shop-identified consumer (same chat on every device) | as above |
 * | `P:{v:webchat:<conversationId>}:webchat:dedupe:<clientId>` | string | marks a consumer message processed (SET NX) | 24 h |
 * | `P:{v:webchat:<conversationId>}:webchat:rl:<sessionId>` | string | the session's messages in the current minute (fixed window) | 1 minute |
 * | `P:{wf:<attachmentId>}:webchat:upload` | string | UploadRecord JSON (storage key, owner conversation, type, size) | 7 days |
 * | `P:{webchat}:secret` | string | generated session secret when WEBCHAT_SESSION_SECRET is unset | none |
 * | `P:webchat:rl:<name>:<key>` (no tag: each hashes on its whole name) | string | rate-limiter-flexible counters (per IP) | the limiter's window |
 *
 * Pub/sub channel `P:webchat:pub:<conversationId>`: every appended HistoryEntry JSON, published by the append
 * script itself so publish order equals seq order.
 */
import type { RedisKeys } from '../../src/redis/redis-keys.js';

export type WebchatKeys = RedisKeys['webchat'];

export function webchatKeys(keys: Pick<RedisKeys, 'webchat'>): WebchatKeys {
  return keys.webchat;
}
