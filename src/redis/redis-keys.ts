/**
 * Every Redis key Redress writes, in one place. `prefix` is a hash tag such as `{redress}` so all keys
 * share one Cluster slot (WATCH/MULTI across them stays legal) — BullMQ queues use the same prefix.
 *
 * | key | type | holds |
 * |---|---|---|
 * | `P:complaint:<id>` | string | Complaint JSON (with `version`) |
 * | `P:timeline:<id>` | list | TimelineEvent JSON, append-only (RPUSH) |
 * | `P:seq:<yyyymmdd>` | string | daily complaint counter (INCR), expires after 3 days |
 * | `P:idx:status:<status>` | set | complaint ids in that status |
 * | `P:idx:open` | zset | open complaint ids scored by priority |
 * | `P:idx:consumer:<consumerId>` | zset | the consumer's complaint ids by creation time |
 * | `P:idx:order:<orderId>` | set | complaint ids about that order |
 * | `P:idx:merchant:<merchantId>` | zset | complaint ids about that merchant by creation time |
 * | `P:idx:created` | zset | every complaint id by creation time (`createdAt`), for reports by period |
 * | `P:alerts` | list | AlertRecord JSON (surges, SLA breaches, escalations), newest first, trimmed to 500 |
 * | `P:consumer:<consumerId>` | string | ConsumerProfile JSON |
 * | `P:agent:<id>` / `P:agents` | string / set | Agent JSON / all agent ids |
 * | `P:dialog:<key>` | string | botbuilder dialog state JSON with eTag |
 * | `P:lock:<name>` | string | short lease (SET NX PX) serialising one conversation's turns |
 * | `P:delivered:<idempotencyKey>` | string | marks a delivery done, so a retried job never sends twice (7 days) |
 * | `P:convo:<channel>:<conversationId>` | string | ConversationLink JSON: the consumer's active complaint in that chat |
 */
export type RedisKeys = ReturnType<typeof redisKeys>;

export function redisKeys(prefix: string) {
  return {
    prefix,
    complaint: (id: string) => `${prefix}:complaint:${id}`,
    timeline: (id: string) => `${prefix}:timeline:${id}`,
    seq: (day: string) => `${prefix}:seq:${day}`,
    byStatus: (status: string) => `${prefix}:idx:status:${status}`,
    open: () => `${prefix}:idx:open`,
    byConsumer: (consumerId: string) => `${prefix}:idx:consumer:${consumerId}`,
    byOrder: (orderId: string) => `${prefix}:idx:order:${orderId}`,
    byMerchant: (merchantId: string) => `${prefix}:idx:merchant:${merchantId}`,
    created: () => `${prefix}:idx:created`,
    alerts: () => `${prefix}:alerts`,
    consumer: (consumerId: string) => `${prefix}:consumer:${consumerId}`,
    agent: (id: string) => `${prefix}:agent:${id}`,
    agents: () => `${prefix}:agents`,
    dialog: (key: string) => `${prefix}:dialog:${key}`,
    lock: (name: string) => `${prefix}:lock:${name}`,
    delivered: (key: string) => `${prefix}:delivered:${key}`,
    conversation: (channel: string, conversationId: string) => `${prefix}:convo:${channel}:${conversationId}`,
  };
}
