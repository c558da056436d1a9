--[[
  Adds a supervisor alert to the alert log unless this alert was recorded before (a change's side effects
  can run again after a crash or a retry).

  Input:
    KEYS[1] alert log list   KEYS[2] seen marker for this alert
    ARGV[1] AlertRecord JSON   ARGV[2] log size   ARGV[3] marker ttl (s)
  Output: 1 recorded, 0 already recorded
]]
if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[3]) then return 0 end
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
return 1
