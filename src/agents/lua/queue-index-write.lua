--[[
  Writes one case's row in its shard's queue index (src/agents/case-queue-index.ts), or removes it once the case
  is no longer open. A write older than the one already indexed is dropped, so side effects that run out of
  order (a writer and a worker at once) never bring back a stale row. Every key is in the shard's slot; the
  member sets are named by suffix under the shard's desk prefix.

  Input:
    KEYS[1] desk:rows hash     KEYS[2] desk:ver hash     KEYS[3] desk:members hash
    ARGV[1] desk prefix (P:{c<n>}:desk:)   ARGV[2] complaint id   ARGV[3] version
    ARGV[4] '1' while open, '0' to remove   ARGV[5] row JSON
    ARGV[6] JSON list of sorted-set suffixes and scores: [["sort:priority", 12.5], …]
    ARGV[7] JSON list of set suffixes: ["f:status:queued", "t:lamp", …]

  Output: 1 written (or removed), 0 dropped as older than the indexed version
]]
local id = ARGV[2]
local version = tonumber(ARGV[3])
local seen = tonumber(redis.call('HGET', KEYS[2], id) or '0')
if seen >= version then return 0 end

-- Only the memberships that change are written: a new version usually keeps most of its filter and search-token
-- sets (a reply changes a timestamp, not the words), and removing and re-adding all of them cost ~20 commands a change.
local function unindex(suffix)
  if string.sub(suffix, 1, 5) == 'sort:' then redis.call('ZREM', ARGV[1] .. suffix, id)
  else redis.call('SREM', ARGV[1] .. suffix, id) end
end
local old = redis.call('HGET', KEYS[3], id)
local was = old and cjson.decode(old) or {}

if ARGV[4] ~= '1' then
  for _, suffix in ipairs(was) do unindex(suffix) end
  redis.call('HDEL', KEYS[1], id)
  redis.call('HDEL', KEYS[3], id)
  -- The version stays, so a late write of an older, still-open version cannot re-add a closed case.
  redis.call('HSET', KEYS[2], id, version)
  return 1
end

local had = {}
for _, suffix in ipairs(was) do had[suffix] = true end
local members, now = {}, {}
for _, pair in ipairs(cjson.decode(ARGV[6])) do
  redis.call('ZADD', ARGV[1] .. pair[1], pair[2], id) -- a score may change with any version
  members[#members + 1] = pair[1]
  now[pair[1]] = true
end
for _, suffix in ipairs(cjson.decode(ARGV[7])) do
  if not had[suffix] then redis.call('SADD', ARGV[1] .. suffix, id) end
  members[#members + 1] = suffix
  now[suffix] = true
end
for _, suffix in ipairs(was) do
  if not now[suffix] then unindex(suffix) end
end
redis.call('HSET', KEYS[1], id, ARGV[5])
redis.call('HSET', KEYS[2], id, version)
redis.call('HSET', KEYS[3], id, cjson.encode(members))
return 1
