--[[
  Counts one complaint into a subject's sliding window (src/triage/surge-detector.ts).

  Input:
    KEYS[1] the subject's window (sorted set of complaint ids by triage time)
    ARGV[1] now (ms)   ARGV[2] window (ms)   ARGV[3] member (the complaint)
  Output: how many complaints the window holds now, this one included
]]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('PEXPIRE', KEYS[1], window)
return redis.call('ZCARD', KEYS[1])
