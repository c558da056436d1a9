/**
 * SCAN over every master (a Cluster spreads keys over its nodes), for erasure and export: the few keys of a
 * consumer that no index names (a conversation's keys, webchat sessions). Rare requests, so SCAN is fine here.
 */
import { Cluster } from 'ioredis';
import type { RedisClient } from '../redis/redis-connection.js';

/** A literal for a SCAN MATCH pattern: `*`, `?`, `[`, `]` and `\` in an id match only themselves. */
export function globLiteral(text: string): string {
  return text.replace(/[*?[\]\\]/g, (ch) => `\\${ch}`);
}

export async function scanKeys(redis: RedisClient, match: string): Promise<string[]> {
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const found = new Set<string>();
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', 1000);
      for (const k of keys) found.add(k);
      cursor = next;
    } while (cursor !== '0');
  }
  return [...found];
}
