--[[
  One shard's part of a queue page: the cases matching every filter set, in sort order, after a cursor, plus how
  many match in all. With no filter the sort zset is read directly (O(log N + page)); broad filters are checked
  per row while reading it (the count from SINTERCARD); narrow ones are intersected into a scratch key of the
  same slot, deleted before returning.

  Input:
    KEYS[1] desk:sort:<by> zset     KEYS[2] scratch key     KEYS[3…] filter / search-token sets (all must match)
    ARGV[1] 'desc' or 'asc'
    ARGV[2] cursor score ('' for the first page)   ARGV[3] cursor id: rows up to (score, id) were shown
    ARGV[4] page size

  Output: { total, id1, score1, id2, score2, … } at most page size + 1 rows (the extra one says there is more)
]]
local desc = ARGV[1] == 'desc'
local want = tonumber(ARGV[4]) + 1
local hasCursor = ARGV[2] ~= ''
local cscore = tonumber(ARGV[2])
local cid = ARGV[3]
local nsets = #KEYS - 2

-- Broad filters (every set holds at least an eighth of the shard's cases) are checked row by row while reading
-- the sort order: a page then reads about 8 rows per row shown. Narrow ones are intersected first (cheap when small).
local src = KEYS[1]
local all = redis.call('ZCARD', KEYS[1])
-- Sets hold open cases only, so one as large as the sort order holds every case: it filters nothing and is left
-- out (a word every case has, a filter value all share). The rest go smallest first: most rows fail the first check.
local sets = {}
for i = 3, #KEYS do
  local n = redis.call('SCARD', KEYS[i])
  if n < all then sets[#sets + 1] = { key = KEYS[i], n = n } end
end
table.sort(sets, function(a, b) return a.n < b.n end)
nsets = #sets
local smallest = nsets > 0 and sets[1].n or all
local scan = nsets > 0 and smallest * 8 >= all
local total = all
if nsets > 0 and scan then
  local args = { 'SINTERCARD', nsets }
  for _, set in ipairs(sets) do args[#args + 1] = set.key end
  total = redis.call(unpack(args))
elseif nsets > 0 then
  local args = { KEYS[2], nsets + 1, KEYS[1] }
  for _, set in ipairs(sets) do args[#args + 1] = set.key end
  args[#args + 1] = 'WEIGHTS'
  args[#args + 1] = 1
  for _ = 1, nsets do args[#args + 1] = 0 end
  total = redis.call('ZINTERSTORE', unpack(args))
  src = KEYS[2]
end

local function matches(id)
  if not scan then return true end
  for _, set in ipairs(sets) do
    if redis.call('SISMEMBER', set.key, id) == 0 then return false end
  end
  return true
end

local out = { total }
local from = hasCursor and ARGV[2] or (desc and '+inf' or '-inf')
local to = desc and '-inf' or '+inf'
local offset = 0
local found = 0
-- Scanning reads 24 rows a chunk: a 64-row chunk cost more to hand to Lua than the rows it spared (a shard's script
-- for tier=high&channel=telegram at 10,000 open cases went from ~1.2 ms to ~0.7 ms; see README, Benchmarks).
local step = scan and 24 or want + 2
-- Within one score Redis orders members by id (reversed for REV): skip the ones at the cursor's score up to its id.
while found < want do
  local chunk
  if desc then chunk = redis.call('ZREVRANGEBYSCORE', src, from, to, 'WITHSCORES', 'LIMIT', offset, step)
  else chunk = redis.call('ZRANGEBYSCORE', src, from, to, 'WITHSCORES', 'LIMIT', offset, step) end
  if #chunk == 0 then break end
  for i = 1, #chunk, 2 do
    local id, score = chunk[i], tonumber(chunk[i + 1])
    local before = hasCursor and score == cscore and ((desc and id >= cid) or (not desc and id <= cid))
    if not before and found < want and matches(id) then
      out[#out + 1] = id
      out[#out + 1] = chunk[i + 1]
      found = found + 1
    end
  end
  offset = offset + #chunk / 2
end
if src ~= KEYS[1] then redis.call('DEL', KEYS[2]) end
return out
