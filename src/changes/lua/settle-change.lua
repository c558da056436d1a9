--[[
  Records how one run of a change's side effects went.

  Input:
    KEYS[1] outbox zset   KEYS[2] change record   KEYS[3] its progress hash
    ARGV[1] outbox member
    ARGV[2] '' when every side effect is done (the change leaves the log), else the next due time (ms)
    ARGV[3] attempts so far   ARGV[4] ttl (s)
    ARGV[5…] names of side effects that are now done
  Output: 1
]]
if ARGV[2] == '' then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('DEL', KEYS[2], KEYS[3])
  return 1
end
redis.call('ZADD', KEYS[1], 'XX', ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], 'attempts', ARGV[3])
for i = 5, #ARGV do redis.call('HSET', KEYS[3], 'done:' .. ARGV[i], '1') end
redis.call('EXPIRE', KEYS[3], ARGV[4])
return 1
