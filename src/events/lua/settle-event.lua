--[[
  Records how one delivery of a case's head event went.

  Input:
    KEYS[1] case queue zset   KEYS[2] case bodies hash   KEYS[3] case high-water mark
    KEYS[4] shard due zset    KEYS[5] shard tries hash
    ARGV[1] complaint id   ARGV[2] event id   ARGV[3] seq
    ARGV[4] 'done' (delivered or given up: the event leaves the queue) or 'retry'
    ARGV[5] next due time (ms, retry only)   ARGV[6] attempts so far   ARGV[7] high-water mark ttl (s)
  Output: 1
]]
if ARGV[4] == 'done' then
  redis.call('ZREM', KEYS[1], ARGV[2])
  redis.call('HDEL', KEYS[2], ARGV[2])
  local sent = tonumber(redis.call('GET', KEYS[3]) or '-1')
  if tonumber(ARGV[3]) > sent then redis.call('SET', KEYS[3], ARGV[3], 'EX', ARGV[7]) else redis.call('EXPIRE', KEYS[3], ARGV[7]) end
  redis.call('HDEL', KEYS[5], ARGV[1])
  return 1
end
redis.call('HSET', KEYS[5], ARGV[1], ARGV[6])
redis.call('ZADD', KEYS[4], 'XX', ARGV[5], ARGV[1])
return 1
