--[[
  The head (lowest seq) of a leased case's queue, renewing the lease; when the queue is empty the case leaves
  the due set (atomically with the check, so an event enqueued later marks it due again).

  Input:
    KEYS[1] case queue zset   KEYS[2] case bodies hash   KEYS[3] shard due zset   KEYS[4] shard tries hash
    ARGV[1] complaint id   ARGV[2] lease until (ms)
  Output: {} when empty, else { event id, seq, event JSON (false when missing), attempts so far }
]]
local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #head == 0 then
  redis.call('ZREM', KEYS[3], ARGV[1])
  redis.call('HDEL', KEYS[4], ARGV[1])
  return {}
end
redis.call('ZADD', KEYS[3], 'XX', ARGV[2], ARGV[1])
return { head[1], head[2], redis.call('HGET', KEYS[2], head[1]), tonumber(redis.call('HGET', KEYS[4], ARGV[1]) or '0') }
