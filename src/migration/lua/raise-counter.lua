--[[
  Raises a daily complaint counter to at least a value, never lowers it: the current code may have numbered
  cases that day already, the released one up to ARGV[1]; the next INCR must give a number neither used.

  Input:
    KEYS[1] the current layout's counter for the day
    ARGV[1] the highest number the released layout used that day
    ARGV[2] ttl (s), as nextNumber gives the key

  Output: the counter's value afterwards
]]
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
local want = tonumber(ARGV[1])
if want > cur then
  redis.call('SET', KEYS[1], want, 'EX', ARGV[2])
  return want
end
return cur
