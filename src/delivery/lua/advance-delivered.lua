--[[
  Advances a conversation's delivered seq if it is behind.

  Input:
    KEYS[1] delivered-seq key
    ARGV[1] seq just delivered
  Output: the delivered seq now
]]
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > cur then redis.call('SET', KEYS[1], ARGV[1], 'EX', 2592000) return tonumber(ARGV[1]) end
return cur
