import type { RedisAgentStore } from '../agents/redis-agent.store.js';
import type { RedisComplaintStore } from '../complaints/redis-complaint.store.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys, ReleasedKeys } from '../redis/redis-keys.js';
import type { SlaScheduler } from '../sla/sla-scheduler.js';
import { migrateReleasedCase, type CaseStage } from './released-case.migration.js';
import { copyReleasedKey } from './released-copies.migration.js';
import { scanReleasedKeys } from './released-key-scan.js';
import { migrateAgent, migrateAlerts, migrateCounters, migrateProfile, type RecordOutcome } from './released-records.migration.js';

export interface MigrationOptions {
  keepOld?: boolean;
  dryRun?: boolean;
  /** Tests stop a run here, as a crash would. */
  checkpoint?: (stage: CaseStage, id: string) => void;
}

export interface MigrationDeps {
  redis: RedisClient;
  keys: RedisKeys;
  old: ReleasedKeys;
  store: RedisComplaintStore;
  agents: RedisAgentStore;
  sla: Pick<SlaScheduler, 'schedule'>;
  now: () => number;
}

/** What a run did (or, dry, would do). `skipped` names each thing left in the released layout and why. */
export interface MigrationSummary {
  dryRun: boolean;
  /** The released prefix, and how many of its keys the scan found (0: nothing to do, or a mistyped prefix). */
  releasedPrefix: string;
  found: number;
  cases: { migrated: number; open: number; already: number };
  timelineEvents: number;
  profiles: { migrated: number; merged: number; already: number };
  agents: { migrated: number; keptCurrent: number; already: number };
  counters: number;
  alerts: number;
  /** Widget sessions, shop-user conversations and secret: copied, or already present in the current layout (kept). */
  copied: { copied: number; keptCurrent: number };
  skipped: Array<{ what: string; reason: string }>;
  /** Released keys of kinds this migration does not move (left in place), by kind. */
  notMigrated: Record<string, number>;
}

/**
 * Moves what the released layout holds into the current one: cases with their timelines (through the current
 * store), profiles, agents with their console passwords, daily counters and the alert log. Idempotent and
 * resumable (a hash of what is done, see `keys.migration()`); marks itself complete once nothing was skipped.
 */
export async function migrateReleasedLayout(d: MigrationDeps, opts: MigrationOptions = {}): Promise<MigrationSummary> {
  const dryRun = opts.dryRun ?? false;
  const keepOld = opts.keepOld ?? false;
  const inv = await scanReleasedKeys(d.redis, d.old);
  const s: MigrationSummary = {
    dryRun, releasedPrefix: d.old.prefix, found: inv.found, cases: { migrated: 0, open: 0, already: 0 }, timelineEvents: 0, profiles: { migrated: 0, merged: 0, already: 0 },
    agents: { migrated: 0, keptCurrent: 0, already: 0 }, counters: 0, alerts: 0, copied: { copied: 0, keptCurrent: 0 }, skipped: [], notMigrated: inv.notMigrated,
  };
  // Counters first: a case filed while the migration runs must not take a number the released layout used.
  s.counters = await migrateCounters({ ...d, keepOld, dryRun }, inv.seqDays, inv.complaintIds);
  for (const id of inv.complaintIds) {
    const r = await migrateReleasedCase({ ...d, keepOld, dryRun, checkpoint: opts.checkpoint }, id);
    if (r.kind === 'skipped') s.skipped.push({ what: `case ${id}`, reason: r.reason });
    else if (r.kind === 'already') s.cases.already++;
    else {
      s.cases.migrated++;
      if (r.open) s.cases.open++;
      s.timelineEvents += r.events;
    }
  }
  for (const id of inv.orphanTimelines) s.skipped.push({ what: `timeline ${id}`, reason: 'no case key beside it (left in place)' });
  const rd = { ...d, keepOld, dryRun };
  for (const id of inv.consumerIds) count(s, `profile ${id}`, await migrateProfile(rd, id), s.profiles);
  for (const id of inv.agentIds) count(s, `agent ${id}`, await migrateAgent(rd, id), s.agents);
  if (inv.hasAlerts) s.alerts = await migrateAlerts(rd);
  for (const name of inv.copied) {
    const r = await copyReleasedKey(rd, name);
    if (r === 'copied') s.copied.copied++;
    else if (r === 'kept-current') s.copied.keptCurrent++;
  }
  // Per released prefix: a run against a mistyped --old-prefix finds nothing, and must not silence the warning about the real one.
  if (!dryRun && !s.skipped.length) await d.redis.hsetnx(d.keys.migration(), `complete:${d.old.prefix}`, String(d.now()));
  return s;
}

function count(s: MigrationSummary, what: string, r: RecordOutcome, into: Record<string, number>): void {
  if (typeof r === 'object') s.skipped.push({ what, reason: r.skipped });
  else if (r === 'kept-current') into.keptCurrent = (into.keptCurrent ?? 0) + 1;
  else if (r === 'merged') into.merged = (into.merged ?? 0) + 1;
  else if (r === 'already') into.already = (into.already ?? 0) + 1;
  else into.migrated = (into.migrated ?? 0) + 1;
}

/** The summary as the command prints it. */
export function formatSummary(s: MigrationSummary): string {
  if (!s.found) return `Found no keys starting ${s.releasedPrefix}, so there is nothing to migrate (is --old-prefix the released REDIS_KEY_PREFIX?).`;
  const lines = [
    s.dryRun ? 'Dry run: nothing was written. It would migrate:' : 'Migrated from the released key layout:',
    `  cases      ${s.cases.migrated} (${s.cases.open} open, back in the agents' queue), ${s.cases.already} done by an earlier run`,
    `  timelines  ${s.cases.migrated} with ${s.timelineEvents} events`,
    `  profiles   ${s.profiles.migrated} moved, ${s.profiles.merged} merged into a profile made since the upgrade, ${s.profiles.already} done earlier`,
    `  agents     ${s.agents.migrated} (with console passwords), ${s.agents.keptCurrent} already set up in this version (kept), ${s.agents.already} done earlier`,
    `  counters   ${s.counters} daily number counters raised past the released numbers`,
    `  alerts     ${s.alerts} alert log entries`,
    `  widget     ${s.copied.copied} sessions, shop-user chats and secret copied, ${s.copied.keptCurrent} already present (kept)`,
  ];
  if (s.skipped.length) {
    lines.push(`Skipped (${s.skipped.length}; their old keys are left in place, fix and run again):`);
    for (const k of s.skipped) lines.push(`  ${k.what}: ${k.reason}`);
  } else lines.push('Skipped: none.');
  const left = Object.entries(s.notMigrated);
  if (left.length) {
    lines.push('Not migrated by design (left in place; see README, Upgrading):');
    for (const [kind, n] of left) lines.push(`  ${kind}: ${n} keys`);
  }
  return lines.join('\n');
}
