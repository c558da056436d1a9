--[[
  Leases up to ARGV[3] cases whose events are due: their due time moves ARGV[2] ms ahead, so no other
  dispatcher takes them meanwhile; a dispatcher that dies leaves them to be taken again then. One case is
  held by one dispatcher at a time, which is what keeps its events in order.

  Input:  KEYS[1] shard due zset   ARGV[1] now (ms)   ARGV[2] lease (ms)   ARGV[3] limit
  Output: the leased complaint ids
]]
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local until_ms = tonumber(ARGV[1]) + tonumber(ARGV[2])
for _, id in ipairs(due) do redis.call('ZADD', KEYS[1], until_ms, id) end
return due
