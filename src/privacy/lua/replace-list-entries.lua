--[[
  Replaces entries of a list by value (the alert log, newest first): an entry pushed meanwhile shifts the
  indexes, so each one is found again here rather than set by a position read earlier.

  Input:
    KEYS[1] list   ARGV[1], ARGV[2]: an old entry and its replacement, then further pairs

  Output:
    the number of entries replaced
]]
local entries = redis.call('LRANGE', KEYS[1], 0, -1)
local replace = {}
for i = 1, #ARGV, 2 do replace[ARGV[i]] = ARGV[i + 1] end
local n = 0
for i, v in ipairs(entries) do
  local new = replace[v]
  if new then redis.call('LSET', KEYS[1], i - 1, new); n = n + 1 end
end
return n
