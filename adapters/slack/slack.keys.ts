import type { RedisKeys } from '../../src/redis/redis-keys.js';

/**
 * Redis keys of the Slack workspace (P = REDIS_KEY_PREFIX). Any process can find and edit a case's message.
 *
 * | key | type | holds |
 * |---|---|---|
 * | `P:slack:msg:<complaintId>` | string | `{"channel":"C…","ts":"1764000000.000100"}`: the case's message in the queue channel |
 * | `P:slack:thread:<channel>:<ts>` | string | the complaint id whose message (and thread) is at that channel and ts |
 * | `P:slack:echo:<complaintId>:<sha1>` | string | an agent reply just sent from Slack, so it is not echoed back into the thread (60 s) |
 * | `P:slack:ver:<complaintId>` | string | the complaint version the message last showed: an older one never overwrites it (1 year) |
 * | `P:slack:event:<eventId>` | string | an Events API delivery already handled, so Slack's retries never reply twice (1 h) |
 *
 * The first two live a year: long enough for any reopened case, and they do not pile up forever.
 */
export function slackKeys(keys: Pick<RedisKeys, 'prefix'>) {
  const p = `${keys.prefix}:slack`;
  return {
    message: (complaintId: string) => `${p}:msg:${complaintId}`,
    thread: (channel: string, ts: string) => `${p}:thread:${channel}:${ts}`,
    echo: (complaintId: string, hash: string) => `${p}:echo:${complaintId}:${hash}`,
    version: (complaintId: string) => `${p}:ver:${complaintId}`,
    event: (eventId: string) => `${p}:event:${eventId}`,
  };
}
export type SlackKeys = ReturnType<typeof slackKeys>;
