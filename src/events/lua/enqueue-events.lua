--[[
  Adds a change's outgoing events to its case's queue, once: an event at or below the case's high-water mark
  (already delivered) or already queued is skipped, so a change the change log re-runs sends nothing twice.
  Marks the case due now unless it is already waiting (a lease or a backoff keeps its time).

  Input:
    KEYS[1] case queue zset (event id by seq)   KEYS[2] case bodies hash   KEYS[3] case high-water mark
    KEYS[4] shard due zset
    ARGV[1] now (ms)   ARGV[2] complaint id   ARGV[3…] triples: seq, event id, event JSON
  Output: how many events were added
]]
local sent = tonumber(redis.call('GET', KEYS[3]) or '-1')
local added = 0
for i = 3, #ARGV, 3 do
  local seq = tonumber(ARGV[i])
  if seq > sent and redis.call('ZADD', KEYS[1], 'NX', seq, ARGV[i + 1]) == 1 then
    redis.call('HSET', KEYS[2], ARGV[i + 1], ARGV[i + 2])
    added = added + 1
  end
end
if redis.call('ZCARD', KEYS[1]) > 0 then redis.call('ZADD', KEYS[4], 'NX', ARGV[1], ARGV[2]) end
return added
