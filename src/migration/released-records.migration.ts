import type { RedisAgentStore } from '../agents/redis-agent.store.js';
import type { Agent, ConsumerProfile } from '../complaints/complaint.types.js';
import { loadLua, runLua } from '../redis/lua-script.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys, ReleasedKeys } from '../redis/redis-keys.js';
import { ALERT_LOG_SIZE } from '../reports/alert-log.js';

const RAISE_COUNTER = loadLua(new URL('./lua/raise-counter.lua', import.meta.url));
const MERGE_ALERTS = loadLua(new URL('./lua/merge-alerts.lua', import.meta.url));
/** As RedisComplaintStore.nextNumber gives a day's counter. */
const SEQ_TTL_S = 3 * 86_400;

export interface RecordMigrationDeps {
  redis: RedisClient;
  keys: RedisKeys;
  old: ReleasedKeys;
  agents: RedisAgentStore;
  now: () => number;
  keepOld: boolean;
  dryRun: boolean;
}

export type RecordOutcome = 'migrated' | 'merged' | 'kept-current' | 'already' | 'would-migrate' | { skipped: string };

/**
 * A consumer's profile. No current profile: the old one as it is. A current one (they filed again after the
 * upgrade): both merged, case ids united and counts added, unless the current one already lists every old case
 * id (a run that died after this write) — so a resumed run never counts twice.
 */
export async function migrateProfile(d: RecordMigrationDeps, consumerId: string): Promise<RecordOutcome> {
  const field = `profile:${consumerId}`;
  if (await d.redis.hexists(d.keys.migration(), field)) return finish(d, field, [d.old.consumer(consumerId)], 'already');
  const [oldRaw, curRaw] = await Promise.all([d.redis.get(d.old.consumer(consumerId)), d.redis.get(d.keys.consumer(consumerId))]);
  const old = parse<ConsumerProfile>(oldRaw);
  if (!old || !Array.isArray(old.complaintIds)) return { skipped: 'the profile is not ConsumerProfile JSON' };
  const cur = parse<ConsumerProfile>(curRaw);
  if (d.dryRun) return 'would-migrate';
  const merged = cur ? mergeProfiles(cur, old) : old;
  if (merged) await d.redis.set(d.keys.consumer(consumerId), JSON.stringify(merged));
  return finish(d, field, [d.old.consumer(consumerId)], cur ? 'merged' : 'migrated');
}

/** Null when `cur` holds `old` already. */
function mergeProfiles(cur: ConsumerProfile, old: ConsumerProfile): ConsumerProfile | null {
  if (old.complaintIds.every((id) => cur.complaintIds.includes(id))) return null;
  const add = (a: Record<string, number> = {}, b: Record<string, number> = {}) => {
    const out = { ...a };
    for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
    return out;
  };
  return {
    ...cur,
    complaintIds: [...old.complaintIds.filter((id) => !cur.complaintIds.includes(id)), ...cur.complaintIds],
    outcomes: add(cur.outcomes, old.outcomes),
    cares: add(cur.cares, old.cares),
    lastContactAt: Math.max(cur.lastContactAt, old.lastContactAt ?? 0),
  };
}

/**
 * An agent, through the current agent store, with their console password hash (same JSON in both versions).
 * An agent the current code already has (added after the upgrade) is kept as it is: it was set up deliberately.
 */
export async function migrateAgent(d: RecordMigrationDeps, agentId: string): Promise<RecordOutcome> {
  const field = `agent:${agentId}`;
  const oldKeys = [d.old.agent(agentId), d.old.credential(agentId)];
  if (await d.redis.hexists(d.keys.migration(), field)) return finish(d, field, oldKeys, 'already', agentId);
  const [raw, credential, current] = await Promise.all([d.redis.get(d.old.agent(agentId)), d.redis.get(d.old.credential(agentId)), d.agents.get(agentId)]);
  const agent = parse<Agent>(raw);
  if (!agent || agent.id !== agentId || typeof agent.name !== 'string') return { skipped: 'the agent is not Agent JSON' };
  if (d.dryRun) return current ? 'kept-current' : 'would-migrate';
  if (!current) await d.agents.upsert(agent);
  // NX: a password set since the upgrade (scripts/create-agent.ts) wins over the released one.
  if (credential) await d.redis.set(d.keys.console.credential(agentId), credential, 'NX');
  return finish(d, field, oldKeys, current ? 'kept-current' : 'migrated', agentId);
}

/**
 * The daily counters: each current one raised to the highest number the released layout used that day (its
 * counter, or a case's number if higher), so no number is issued twice. Idempotent (a max).
 */
export async function migrateCounters(d: RecordMigrationDeps, seqDays: string[], caseIds: string[]): Promise<number> {
  const highest = new Map<string, number>();
  const raise = (day: string, n: number) => { if (n > (highest.get(day) ?? 0)) highest.set(day, n); };
  for (const id of caseIds) {
    const m = /^RD-(\d{8})-(\d+)$/.exec(id);
    if (m) raise(m[1]!, Number(m[2]));
  }
  const values = await Promise.all(seqDays.map((day) => d.redis.get(d.old.seq(day))));
  seqDays.forEach((day, i) => raise(day, Number(values[i] ?? 0)));
  // Only days whose counter still lives (the released counters, and the current ones, expire after 3 days).
  const since = new Date(d.now() - SEQ_TTL_S * 1000).toISOString().slice(0, 10).replaceAll('-', '');
  const live = [...highest].filter(([day]) => day >= since);
  if (!d.dryRun) {
    for (const [day, n] of live) await runLua(d.redis, RAISE_COUNTER, [d.keys.seq(day)], [n, SEQ_TTL_S]);
    if (!d.keepOld && seqDays.length) await d.redis.del(...seqDays.map((day) => d.old.seq(day)));
  }
  return live.length;
}

/** The supervisors' alert log: the released entries after the current ones (they are older), none twice. */
export async function migrateAlerts(d: RecordMigrationDeps): Promise<number> {
  if (await d.redis.hexists(d.keys.migration(), 'alerts')) {
    if (!d.keepOld && !d.dryRun) await d.redis.del(d.old.alerts());
    return 0;
  }
  const entries = await d.redis.lrange(d.old.alerts(), 0, ALERT_LOG_SIZE - 1);
  if (d.dryRun || !entries.length) return entries.length;
  const added = Number(await runLua(d.redis, MERGE_ALERTS, [d.keys.alerts()], [ALERT_LOG_SIZE, ...entries]));
  await d.redis.hset(d.keys.migration(), 'alerts', String(d.now()));
  if (!d.keepOld) await d.redis.del(d.old.alerts());
  return added;
}

/** Marks the record done, then deletes its old keys (and an agent's id from the old set) unless kept. */
async function finish(d: RecordMigrationDeps, field: string, oldKeys: string[], outcome: RecordOutcome, agentId?: string): Promise<RecordOutcome> {
  if (d.dryRun) return outcome;
  if (outcome !== 'already') await d.redis.hset(d.keys.migration(), field, String(d.now()));
  if (!d.keepOld) {
    const tx = d.redis.multi().del(...oldKeys);
    if (agentId) tx.srem(d.old.agents(), agentId);
    await tx.exec();
  }
  return outcome;
}

function parse<T>(raw: string | null): T | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}
