--[[
  Sliding one-second send windows per conversation and per channel (sorted sets of send times).

  Input:
    KEYS[1] conversation window   KEYS[2] channel window
    ARGV[1] now (ms)   ARGV[2] per-conversation limit   ARGV[3] per-channel limit (0 = none)   ARGV[4] unique member
  Output: 0 when both have room (the send is recorded), else the ms until the earliest send leaves the full window
]]
local now = tonumber(ARGV[1])
local wait = 0
for i, limit in ipairs({ tonumber(ARGV[2]), tonumber(ARGV[3]) }) do
  if limit > 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - 1000)
    if redis.call('ZCARD', KEYS[i]) >= limit then
      local oldest = tonumber(redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')[2])
      wait = math.max(wait, oldest + 1000 - now)
    end
  end
end
if wait > 0 then return wait end
for i, limit in ipairs({ tonumber(ARGV[2]), tonumber(ARGV[3]) }) do
  if limit > 0 then redis.call('ZADD', KEYS[i], now, ARGV[4]) redis.call('PEXPIRE', KEYS[i], 2000) end
end
return 0
