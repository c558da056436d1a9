--[[
  Releases a lease (a conversation's turn, the retention sweep's lock) only if it is still ours.

  Input:
    KEYS[1] lease key
    ARGV[1] token
  Output: 1 released, 0 not ours (it lapsed and another holder took it)
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
