--[[
  Writes one dialog-state item with optimistic concurrency (botbuilder's eTag rule).

  Input:
    KEYS[1] item key
    ARGV[1] expected eTag ('*' or '' = any)   ARGV[2] new eTag   ARGV[3] JSON   ARGV[4] ttl (s)
  Output: 1 written, 0 eTag mismatch. A checked write finding its own new eTag already stored returns 1 without
  writing: ioredis resent it after the connection dropped with the reply in flight, and the first attempt landed.
]]
local cur = redis.call('GET', KEYS[1])
if ARGV[1] ~= '*' and ARGV[1] ~= '' and cur then
  local stored = cjson.decode(cur).eTag
  if stored == ARGV[2] then return 1 end
  if stored ~= ARGV[1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[3], 'EX', ARGV[4])
return 1
