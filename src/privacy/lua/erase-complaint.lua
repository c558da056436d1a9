--[[
  Rewrites one complaint as erasure leaves it, if nobody wrote it since it was read: the complaint, its whole
  timeline and the change records still pending, all in the complaint's shard `{c<n>}` (one slot).

  Input:
    KEYS[1] complaint   KEYS[2] timeline   KEYS[3…] pending change records (chg:<id>:<v>)
    ARGV[1] the complaint JSON as read   ARGV[2] the pseudonymised complaint JSON
    ARGV[3] n, the number of timeline entries   ARGV[4 … 3+n] the pseudonymised timeline entries, in order
    ARGV[4+n …] one pseudonymised change record per KEYS[3…], in the same order

  Output:
    1  rewritten
    0  the complaint changed since it was read (caller re-reads and retries)
]]
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('DEL', KEYS[2])
local n = tonumber(ARGV[3])
for i = 4, 3 + n do redis.call('RPUSH', KEYS[2], ARGV[i]) end
for k = 3, #KEYS do redis.call('SET', KEYS[k], ARGV[3 + n + k - 2], 'KEEPTTL') end
return 1
