--[[
  Creates a complaint with its timeline, its shard's indexes and first change record, in one step. Refuses a
  number that is already taken (a daily counter can move backwards when a Redis failover loses its last
  increments), so a number is never given to two complaints. KEYS[1..6] are in the complaint's shard `{c<n>}`;
  the indexes by consumer, order, merchant and day live in slots of their own. On a Cluster they are written after
  this (see the store); on one node (standalone, Sentinel) they come as KEYS[7…] and are written here, only when
  the case is, so a taken number never leaves an index entry pointing at another consumer's case.

  Input:
    KEYS[1] complaint    KEYS[2] timeline     KEYS[3] shard's open zset    KEYS[4] shard's status set
    KEYS[5] change record (chg:<id>:1)        KEYS[6] shard's outbox zset
    ARGV[1] id           ARGV[2] complaint JSON                    ARGV[3] priority
    ARGV[4] change JSON  ARGV[5] outbox member   ARGV[6] outbox due (ms)   ARGV[7] change record ttl (s)
    ARGV[8] '1' when the complaint is open (it is, unless imported closed)
    ARGV[9] consumer id   ARGV[10] createdAt: tell this very write, resent after a dropped connection, from another's
    ARGV[11] n, the index writes given (0 on a Cluster); then for i = 1…n, on KEYS[6+i]:
      ARGV[9+3i] 'z' (ZADD) or 's' (SADD)   ARGV[10+3i] score   ARGV[11+3i] member
    ARGV[12+3n…] timeline events JSON

  Output: 1 created, 2 already written by this same call (a resend: nothing written again), 0 the number is
          taken by another complaint (caller takes the next one)
]]
local existing = redis.call('GET', KEYS[1])
if existing then
  local cur = cjson.decode(existing)
  if cur.consumerId == ARGV[9] and tostring(cur.createdAt) == ARGV[10] then return 2 end
  return 0
end
redis.call('SET', KEYS[1], ARGV[2])
local n = tonumber(ARGV[11])
for i = 1, n do
  if ARGV[9 + 3 * i] == 'z' then redis.call('ZADD', KEYS[6 + i], ARGV[10 + 3 * i], ARGV[11 + 3 * i])
  else redis.call('SADD', KEYS[6 + i], ARGV[11 + 3 * i]) end
end
for i = 12 + 3 * n, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
if ARGV[8] == '1' then redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1]) end
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('SET', KEYS[5], ARGV[4], 'EX', ARGV[7])
redis.call('ZADD', KEYS[6], ARGV[6], ARGV[5])
return 1
