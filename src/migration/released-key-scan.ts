import { Cluster } from 'ioredis';
import type { RedisClient } from '../redis/redis-connection.js';
import type { ReleasedKeys } from '../redis/redis-keys.js';
import { isCopied } from './released-copies.migration.js';

/** The released layout's keys by what they hold (the part after `R:`), as the migration handles them. */
export interface ReleasedKeyInventory {
  /** Every released key the scan found. */
  found: number;
  complaintIds: string[];
  /** Timelines whose case key is gone: reported, never dropped. */
  orphanTimelines: string[];
  consumerIds: string[];
  agentIds: string[];
  seqDays: string[];
  hasAlerts: boolean;
  /** Names (after `R:`) copied as they are (src/migration/released-copies.migration.ts). */
  copied: string[];
  /** Keys this migration does not move, counted by kind (dialog, convo, webchat, slack, queue, …). */
  notMigrated: Record<string, number>;
}

/** Names that are the released code's derived indexes: rebuilt by the current store, deleted with their cases. */
const DERIVED = /^(idx:|agents$|console:cred:)/;

/**
 * Every released-layout key, by SCAN on every master (a Cluster's keys are spread over its masters; the released
 * layout put them all in one slot, but an operator may have resharded). Reads names only, never values.
 */
export async function scanReleasedKeys(redis: RedisClient, old: ReleasedKeys): Promise<ReleasedKeyInventory> {
  // A Cluster client knows its masters only once it has read the slot map: scanning before that would find nothing.
  if (redis instanceof Cluster && redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const names = new Set<string>();
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', old.all(), 'COUNT', 1000);
      for (const k of batch) names.add(k.slice(old.prefix.length + 1));
      cursor = next;
    } while (cursor !== '0');
  }
  return classify(names);
}

function classify(names: Set<string>): ReleasedKeyInventory {
  const inv: ReleasedKeyInventory = { found: names.size, complaintIds: [], orphanTimelines: [], consumerIds: [], agentIds: [], seqDays: [], hasAlerts: false, copied: [], notMigrated: {} };
  for (const name of [...names].sort()) {
    const [kind, ...rest] = name.split(':');
    const tail = rest.join(':');
    if (kind === 'complaint') inv.complaintIds.push(tail);
    else if (kind === 'timeline') { if (!names.has(`complaint:${tail}`)) inv.orphanTimelines.push(tail); }
    else if (kind === 'consumer') inv.consumerIds.push(tail);
    else if (kind === 'agent') inv.agentIds.push(tail);
    else if (kind === 'seq') inv.seqDays.push(tail);
    else if (name === 'alerts') inv.hasAlerts = true;
    else if (isCopied(name)) inv.copied.push(name);
    else if (!DERIVED.test(name)) inv.notMigrated[notMigratedKind(kind!)] = (inv.notMigrated[notMigratedKind(kind!)] ?? 0) + 1;
  }
  return inv;
}

const KNOWN_KINDS = new Set(['dialog', 'lock', 'delivered', 'convo', 'webchat', 'telegram', 'slack', 'console']);
const QUEUES = new Set(['handoff', 'delivery', 'sla', 'reminder', 'merchant', 'dialog-reminder']);

function notMigratedKind(kind: string): string {
  if (KNOWN_KINDS.has(kind)) return kind;
  return QUEUES.has(kind) ? `queue ${kind}` : 'other';
}
