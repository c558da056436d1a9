import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys, ReleasedKeys } from '../redis/redis-keys.js';

/**
 * Released keys whose value the current code reads unchanged, moved byte for byte (DUMP/RESTORE, TTL kept): the
 * widget's sessions, shop-user conversations and generated secret. With them a widget consumer keeps their
 * chat (and so their cases and the agents' replies) across the upgrade.
 */
const COPIED: Array<{ match: RegExp; kind: string; from: (old: ReleasedKeys, id: string) => string; to: (keys: RedisKeys, id: string) => string }> = [
  { match: /^webchat:session:(.+)$/, kind: 'webchat sessions', from: (o, id) => o.webchatSession(id), to: (k, id) => k.webchat.session(id) },
  { match: /^webchat:user:(.+)$/, kind: 'webchat shop users', from: (o, id) => o.webchatShopUser(id), to: (k, id) => k.webchat.shopUser(id) },
  { match: /^webchat:secret()$/, kind: 'webchat secret', from: (o) => o.webchatSecret(), to: (k) => k.webchat.secret() },
];

/** Whether a released key name (after `R:`) is one this module copies. */
export function isCopied(name: string): boolean {
  return COPIED.some((c) => c.match.test(name));
}

export interface CopyDeps {
  redis: RedisClient;
  keys: RedisKeys;
  old: ReleasedKeys;
  keepOld: boolean;
  dryRun: boolean;
}

/**
 * Copies one released key. RESTORE without REPLACE: a key the current code wrote since the upgrade wins (a
 * widget that reconnected and was given a new session). Returns whether it was written ('kept-current' when not).
 */
export async function copyReleasedKey(d: CopyDeps, name: string): Promise<'copied' | 'kept-current' | 'gone'> {
  const rule = COPIED.find((c) => c.match.test(name))!;
  const id = rule.match.exec(name)![1]!;
  const from = rule.from(d.old, id);
  const [dump, pttl] = await Promise.all([d.redis.dumpBuffer(from), d.redis.pttl(from)]);
  if (!dump || pttl === -2) return 'gone';
  if (d.dryRun) return 'copied';
  const written = await d.redis.restore(rule.to(d.keys, id), Math.max(0, pttl), dump).then(() => true, (err: Error) => {
    if (/BUSYKEY/.test(err.message)) return false;
    throw err;
  });
  if (!d.keepOld) await d.redis.del(from);
  return written ? 'copied' : 'kept-current';
}
