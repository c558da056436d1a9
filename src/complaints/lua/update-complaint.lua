--[[
  Compare-and-set of one complaint with its timeline, its indexes and its change record, in one step: the
  change log entry exists exactly when the write does (transactional outbox). Every key is in the complaint's
  shard `{c<n>}` (the open zset, status sets and outbox are the shard's).

  Input:
    KEYS[1] complaint            KEYS[2] timeline
    KEYS[3] open zset            KEYS[4] old status set      KEYS[5] new status set
    KEYS[6] change record of this version (chg:<id>:<v>)
    KEYS[7] change record of the previous version (chg:<id>:<v-1>)
    KEYS[8] outbox zset
    ARGV[1] expected version     ARGV[2] new complaint JSON   ARGV[3] id
    ARGV[4] priority             ARGV[5] '1' if still open
    ARGV[6] change JSON          ARGV[7] outbox member
    ARGV[8] outbox due (ms) when the writer runs the side effects itself (now + lease)
    ARGV[9] change record ttl (s)
    ARGV[10] now (ms): the due time when the previous change is still pending, for a worker to take in order
    ARGV[11…] timeline events JSON

  Output:
    { 1, previousPending }  written; previousPending is 1 while the previous version's side effects are not done
    { 0 }                   the stored version moved on (caller re-reads and retries)
    { -1 }                  no such complaint
]]
local raw = redis.call('GET', KEYS[1])
if not raw then return { -1 } end
if tostring(cjson.decode(raw).version) ~= ARGV[1] then return { 0 } end
redis.call('SET', KEYS[1], ARGV[2])
for i = 11, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
redis.call('SREM', KEYS[4], ARGV[3])
redis.call('SADD', KEYS[5], ARGV[3])
if ARGV[5] == '1' then redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3]) else redis.call('ZREM', KEYS[3], ARGV[3]) end
redis.call('SET', KEYS[6], ARGV[6], 'EX', ARGV[9])
local pending = redis.call('EXISTS', KEYS[7])
redis.call('ZADD', KEYS[8], pending == 1 and ARGV[10] or ARGV[8], ARGV[7])
return { 1, pending }
