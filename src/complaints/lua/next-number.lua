--[[
  The next complaint number of a day (src/complaints/redis-complaint.store.ts nextNumber).

  Input:
    KEYS[1] the day's counter
    ARGV[1] its lifetime (s): a few days, since only today's and yesterday's are ever incremented
  Output: the number (1, 2, …)
]]
local n = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[1])
return n
