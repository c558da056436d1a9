import type { RedisKeys } from '../../src/redis/redis-keys.js';

/**
 * Redis keys of the Slack workspace (P = REDIS_KEY_PREFIX), defined in the key registry (src/redis/redis-keys.ts):
 * a case's keys live in its complaint shard `{c<n>}`, the others under their own tag. Any process can find and edit a case's message.
 *
 * | key | type | holds |
 * |---|---|---|
 * | `P:{c<n>}:slack:msg:<complaintId>` | string | `{"channel":"C…","ts":"1764000000.000100"}`: the case's message in the queue channel |
 * | `P:{st:<channel>:<ts>}:slack:thread` | string | the complaint id whose message (and thread) is at that channel and ts |
 * | `P:{c<n>}:slack:echo:<complaintId>:<sha1>` | string | an agent reply just sent from Slack, so it is not echoed back into the thread (60 s) |
 * | `P:{c<n>}:slack:ver:<complaintId>` | string | the complaint version the message last showed: an older one never overwrites it (1 year) |
 * | `P:{se:<eventId>}:slack:event` | string | an Events API delivery already handled, so Slack's retries never reply twice (1 h) |
 * | `P:{c<n>}:slack:line:<complaintId>:<version>:<n>` | string | the n-th event of that change: `pending` while one process posts it (60 s lease), then `posted` (30 days), so a retried caseUpdated never posts a line twice |
 * | `P:{sa:<sha1>}:slack:alert` | string | a supervisor alert (kind, case, time, text): `pending`, then `posted` (30 days) |
 * | `P:{c<n>}:slack:announce:<complaintId>` | string | a process is posting the case's first queue message (60 s lease), so two never post it both |
 * | `P:{slack}:problem:<code>:<complaintId or ->` | string | a permanent failure already reported (10 min); `-` for token and channel problems, so one broken channel is reported once, not for every case and line |
 *
 * The first two live a year: long enough for any reopened case, and they do not pile up forever. Archive eviction
 * (src/archive/archive-eviction.ts) deletes a case's `msg`, `ver`, `announce` (`caseKeys`) and its `thread` key
 * (`threadOfRef`) with the case.
 */
export function slackKeys(keys: Pick<RedisKeys, 'slack'>): SlackKeys {
  return keys.slack;
}
export type SlackKeys = RedisKeys['slack'];
