--[[
  The seq of one outbound message: the conversation's next, or the one its idempotency key already holds, so
  enqueueing the same message twice leaves no gap in the sequence for later messages to wait on.

  Input:
    KEYS[1] next-seq key   KEYS[2] seq-of-this-key key
    ARGV[1] ttl (s)
  Output: the seq
]]
local s = redis.call('GET', KEYS[2])
if s then return tonumber(s) end
local n = redis.call('INCR', KEYS[1])
redis.call('SET', KEYS[2], n, 'EX', ARGV[1])
return n
