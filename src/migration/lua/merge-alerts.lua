--[[
  Appends the released layout's alerts (older than any the current code raised) after the current log, skipping
  entries already there, so a resumed run adds none twice; trims to the log's length.

  Input:
    KEYS[1] the current alert log (newest first)
    ARGV[1] the log's length    ARGV[2…] released AlertRecord JSON, newest first

  Output: how many entries were appended
]]
local have = {}
for _, e in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do have[e] = true end
local added = 0
for i = 2, #ARGV do
  if not have[ARGV[i]] then
    redis.call('RPUSH', KEYS[1], ARGV[i])
    have[ARGV[i]] = true
    added = added + 1
  end
end
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[1]) - 1)
return added
