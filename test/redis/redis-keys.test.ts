// The key registry: every key is built there, each carries the hash tag of the entity that must stay together.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { COMPLAINT_SHARDS, complaintShard, redisKeys } from '../../src/redis/redis-keys.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const REGISTRY = 'src/redis/redis-keys.ts';

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'widget' || name === 'public') return [];
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The Cluster hash tag of a key: what is between the first `{` and the next `}` (Redis' rule). */
function tagOf(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  expect(open, `${key} has a hash tag`).toBeGreaterThanOrEqual(0);
  expect(close, `${key} has a hash tag`).toBeGreaterThan(open + 1);
  return key.slice(open + 1, close);
}

/** Redis Cluster's slot of a key: CRC16 (XMODEM) of its hash tag, mod 16384. */
function slotOf(key: string): number {
  let crc = 0;
  for (const byte of Buffer.from(tagOf(key))) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

describe('key registry', () => {
  it('no source file outside the registry builds a key from the prefix', () => {
    const offenders: string[] = [];
    for (const file of ['src', 'adapters', 'dialogs', 'bench', 'scripts'].flatMap(sources)) {
      if (relative(ROOT, join(ROOT, file)) === REGISTRY) continue;
      const text = readFileSync(join(ROOT, file), 'utf8');
      text.split('\n').forEach((line, i) => {
        // `${keys.prefix}:…`, `${prefix}:…`, prefix + ':' — a key spelled out beside the registry.
        // A line that only recognises keys (not builds them) says so with `key-registry: reads`.
        if (/\$\{[\w.]*prefix\}:|[\w.]*prefix\s*\+\s*['"`]:/i.test(line) && !/^\s*(\*|\/\/)/.test(line) && !line.includes('key-registry: reads')) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('REDIS_KEY_PREFIX is a plain name', () => {
    expect(loadConfig({}).REDIS_KEY_PREFIX).toBe('redress');
    for (const bad of ['{redress}', 'a:b', 'a b', 're{dress']) expect(() => loadConfig({ REDIS_KEY_PREFIX: bad })).toThrow();
  });

  it('complaint shards are stable and spread', () => {
    // Pinned: a different hash would move every stored complaint to other keys.
    expect([complaintShard(''), complaintShard('RD-20261124-0001'), complaintShard('RD-20261124-0002')]).toEqual([5, 4, 13]);
    const counts = new Array<number>(COMPLAINT_SHARDS).fill(0);
    for (let i = 1; i <= 1600; i++) counts[complaintShard(`RD-20261124-${String(i).padStart(4, '0')}`)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeLessThan(170);
  });

  it('what one script or MULTI touches shares one tag', () => {
    const k = redisKeys('redress');
    const id = 'RD-20261124-0042';
    const n = k.shardOf(id);
    // create / update / settle / claim: the complaint, its timeline, its change records and its shard's indexes.
    const complaint = [k.complaint(id), k.timeline(id), k.open(n), k.byStatus('queued', n), k.changeRecord(id, 2), k.changeProgress(id, 2), k.outbox(n), `${k.changeRecordPrefix(n)}${id}:2`];
    expect(new Set(complaint.map(tagOf))).toEqual(new Set([`c${n}`]));
    expect(k.changeRecord(id, 2)).toBe(`${k.changeRecordPrefix(n)}${id}:2`);
    // eviction's script deletes the case's Slack keys with it, so they share its shard; the thread key is found from the ref.
    expect(new Set([...k.slack.caseKeys(id), k.slack.message(id), k.slack.version(id)].map(tagOf))).toEqual(new Set([`c${n}`]));
    expect(k.slack.caseKeys(id)).toEqual(expect.arrayContaining([k.slack.message(id), k.slack.version(id), k.slack.announce(id)]));
    expect(k.slack.threadOfRef(JSON.stringify({ channel: 'C1', ts: '1.2' }))).toBe(k.slack.thread('C1', '1.2'));
    for (const bad of [null, '', 'not json', '{"channel":"C1"}', '[1]']) expect(k.slack.threadOfRef(bad)).toBeNull();
    // a turn: lease, seen mark, dialog state (botbuilder's ConversationState key), link, delivery order, webchat history.
    const turn = [k.turnLease('webchat', 'w-1'), k.seen('webchat', 'w-1', 'm1'), k.dialog('webchat/conversations/w-1/'), k.dialog('webchat/conversations/w-1/ns'), k.conversation('webchat', 'w-1'),
      k.outSeq('webchat', 'w-1'), k.outDone('webchat', 'w-1'), k.outKey('webchat', 'w-1', 'i'), k.delivered('webchat', 'w-1', 'i'),
      k.webchat.seq('w-1'), k.webchat.history('w-1'), k.webchat.sent('w-1', 'i'), k.webchat.dedupe('w-1', 'c')];
    expect(new Set(turn.map(tagOf))).toEqual(new Set(['v:webchat:w-1']));
    expect(tagOf(k.rate('telegram', '42'))).toBe(tagOf(k.channelRate('telegram')));
    expect(tagOf(k.alerts())).toBe(tagOf(k.alertSeen('x')));
    expect(tagOf(k.console.loginAttempts('agent', 'a'))).toBe(tagOf(k.console.loginAttempts('ip', '1.2.3.4')));
    expect(tagOf(k.surge('merchant', 'm1'))).toBe(tagOf(k.surgeAlerted('group', 'merchant', 'm1')));
    // Each queue under its own tag, so queues spread over masters; the three busiest on different thirds of the
    // slot space (the masters of an evenly split 3-master Cluster).
    expect(new Set(['delivery', 'handoff', 'sla', 'reminder'].map((q) => tagOf(`${k.queue(q)}:${q}:wait`))).size).toBe(4);
    expect(slotOf('x:{foo}:y')).toBe(12182); // CLUSTER KEYSLOT foo
    const third = (key: string) => Math.floor(slotOf(key) / (16384 / 3));
    expect(new Set(['delivery', 'sla', 'reminder'].map((q) => third(`${k.queue(q)}:${q}:wait`))).size).toBe(3);
  });

  it('entities spread: different complaints, conversations and consumers get different tags', () => {
    const k = redisKeys('redress');
    const shards = new Set(Array.from({ length: 64 }, (_, i) => tagOf(k.complaint(`RD-20261124-${String(i).padStart(4, '0')}`))));
    expect(shards.size).toBe(COMPLAINT_SHARDS);
    expect(tagOf(k.turnLease('test', 'a'))).not.toBe(tagOf(k.turnLease('test', 'b')));
    expect(tagOf(k.byConsumer('u1'))).toBe(tagOf(k.consumer('u1')));
    expect(tagOf(k.byConsumer('u1'))).not.toBe(tagOf(k.byConsumer('u2')));
  });
});
