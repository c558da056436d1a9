--[[
  Brings a case the eviction sweep removed back into Redis from the archive (its document and whole timeline), so
  a change to it (a reopen, a late rating) is a normal compare-and-set again. Writes nothing when Redis holds the
  case already (another process restored it first, or it was never evicted). Every key is in the case's shard.

  Input:
    KEYS[1] complaint    KEYS[2] timeline    KEYS[3] shard's status set    KEYS[4] shard's open zset
    ARGV[1] id           ARGV[2] complaint JSON    ARGV[3] '1' when open    ARGV[4] priority
    ARGV[5…] timeline events JSON, in order

  Output: 1 restored, 0 Redis already held the case
]]
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('DEL', KEYS[2])
for i = 5, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
redis.call('SADD', KEYS[3], ARGV[1])
if ARGV[3] == '1' then redis.call('ZADD', KEYS[4], ARGV[4], ARGV[1]) end
return 1
