--[[
  Takes a conversation's turn lease and marks the inbound message seen, in one round trip; with a third key
  (the conversation's dialog state, same hash tag) it also returns that key's value, so the turn reads no state itself.

  Input:
    KEYS[1] lease key   KEYS[2] seen key   [KEYS[3] key to read once entered]
    ARGV[1] token   ARGV[2] lease ms   ARGV[3] seen ttl (s)
  Output:
    {1, value of KEYS[3] or false}  entered (ours)
    {0}                             another turn holds the lease: retry
    {-1}                            this message was handled already: drop it
]]
if redis.call('EXISTS', KEYS[2]) == 1 then return {-1} end
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {0} end
redis.call('SET', KEYS[2], '1', 'EX', ARGV[3])
if KEYS[3] then return {1, redis.call('GET', KEYS[3])} end
return {1}
