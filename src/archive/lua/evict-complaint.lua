--[[
  Removes one closed case from Redis once the archive holds it (src/archive/archive-eviction.ts): the complaint,
  its timeline, its shard's index entries, change record and outgoing-event keys. Compare-and-delete: refused
  when the case changed since the sweep checked the archive (version or timeline length), when its change still
  has side effects due, or when events to the platform are still queued. Every key is in the case's shard.

  Input:
    KEYS[1] complaint        KEYS[2] timeline          KEYS[3] status set       KEYS[4] open zset
    KEYS[5] outbox zset      KEYS[6] change record     KEYS[7] change progress
    KEYS[8] desk:rows        KEYS[9] desk:ver          KEYS[10] desk:members
    KEYS[11] evq (events queue)   KEYS[12] evbody   KEYS[13] evsent   KEYS[14] evdue   KEYS[15] evtries
    KEYS[16…] the case's adapter keys in its shard (Slack's message ref and version: `slack.caseKeys`), deleted whole
    ARGV[1] id   ARGV[2] version the archive holds   ARGV[3] timeline length the archive holds   ARGV[4] outbox member

  Output: 1 evicted; 0 the case changed or is gone (nothing deleted); 2 side effects or events still due (nothing deleted)
]]
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
if tostring(cjson.decode(raw).version) ~= ARGV[2] then return 0 end
if redis.call('LLEN', KEYS[2]) > tonumber(ARGV[3]) then return 0 end
if redis.call('ZSCORE', KEYS[5], ARGV[4]) or redis.call('ZCARD', KEYS[11]) > 0 then return 2 end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[6], KEYS[7], KEYS[11], KEYS[12], KEYS[13])
redis.call('SREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('HDEL', KEYS[8], ARGV[1])
redis.call('HDEL', KEYS[9], ARGV[1])
redis.call('HDEL', KEYS[10], ARGV[1])
redis.call('ZREM', KEYS[14], ARGV[1])
redis.call('HDEL', KEYS[15], ARGV[1])
for i = 16, #KEYS do redis.call('DEL', KEYS[i]) end
return 1
