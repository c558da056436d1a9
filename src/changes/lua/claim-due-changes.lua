--[[
  Takes up to ARGV[3] changes whose side effects are due, and leases them: their due time moves ARGV[2] ms
  ahead, so no other worker takes them meanwhile; a worker that dies leaves them to be taken again then.
  One complaint shard: its outbox is the declared key; the change records and progress hashes it reads are
  named from the outbox members (they cannot be declared before the outbox is read) and share the shard's
  hash tag `{c<n>}`, so they are in the same Cluster slot.

  Input:
    KEYS[1] outbox zset (member "<id>|<version>", score = due ms)
    ARGV[1] now (ms)   ARGV[2] lease (ms)   ARGV[3] limit   ARGV[4] key prefix of the shard's change records ("P:{c<n>}:chg:")
  Output: a flat list, per change: member, change JSON (or false when gone), progress hash as a flat list,
          and 1 when the previous version's change is still pending (0 when done)
]]
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
local until_ms = tonumber(ARGV[1]) + tonumber(ARGV[2])
for _, member in ipairs(due) do
  redis.call('ZADD', KEYS[1], until_ms, member)
  local sep = string.find(member, '|', 1, true)
  local id = string.sub(member, 1, sep - 1)
  local version = tonumber(string.sub(member, sep + 1))
  local record = ARGV[4] .. id .. ':' .. version
  table.insert(out, member)
  table.insert(out, redis.call('GET', record))
  table.insert(out, redis.call('HGETALL', record .. ':progress'))
  table.insert(out, redis.call('EXISTS', ARGV[4] .. id .. ':' .. (version - 1)))
end
return out
