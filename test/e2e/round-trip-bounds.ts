/**
 * Issue 8 item 4's bounds, shared by the round-trip tests on one node and under Sentinel, how they find a
 * widget turn's commit among the process's writes to Redis (bench/redis-trips.ts, ClientWrites), and the walk
 * they both measure.
 */
import { expect } from 'vitest';
import type { ClientWrites } from '../../bench/redis-trips.js';
import { Client } from '../adapters/webchat/webchat-harness.js';

/** The confirm up to and including its commit (the reply rides in it), as the process's writes to Redis. */
export const CONFIRM_TO_COMMIT_MAX = 8;

/** A widget turn's commit: the MULTI that writes its conversation's dialog state. */
export const isWidgetCommit = (written: string): boolean => /\r\nmulti\r\n/i.test(written) && /\{v:webchat:[^}]*\}:dialog/.test(written);

/** A widget consumer's turn: sends, waits for the replies and the commit, resolves to the last reply's text. */
export type WidgetSend = (content: { text?: string; action?: string }) => Promise<string>;

/** A widget consumer on Redress's socket at `wsUrl`, greeted in English. */
export async function openWidget(wsUrl: string): Promise<{ send: WidgetSend; close: () => void }> {
  const c = await Client.open(wsUrl);
  await c.hello({ locale: 'en' });
  return {
    /** Sends, waits for the ack and the replies, and until 150 ms pass without another, so the turn's commit is done. */
    send: async (content) => (await c.turn(content, { settleMs: 150 })).at(-1)?.text ?? '',
    close: () => c.close(),
  };
}

/**
 * ReplicaAck's refresher: an `INFO replication` written alone every `refreshMs / 2` while confirms come in, off the
 * confirm's path (a confirm's own INFO rides in its proof's pipeline), so a confirm's count leaves it out.
 */
export const isReplicaRefresh = (written: string): boolean => /^\*2\r\n\$4\r\ninfo\r\n\$11\r\nreplication\r\n$/i.test(written);

/**
 * Files one complaint per filing, in order (a consumer's second one after `/new`), and returns the writes each
 * confirm made up to its commit. Each confirm must answer with a complaint number.
 */
export async function confirmWritesToCommit(writes: ClientWrites, filings: Array<{ send: WidgetSend; order: string }>): Promise<number[]> {
  const filed = new Set<WidgetSend>();
  const counts: number[] = [];
  for (const { send, order } of filings) {
    if (filed.has(send)) await send({ text: '/new' });
    filed.add(send);
    await send({ text: 'The parcel arrived damaged and the box was crushed' });
    for (const step of [{ action: 'yes' }, { text: order }, { text: 'The lamp base is cracked.' }, { action: 'skip' }, { action: 'refund' }]) await send(step);
    let reply = '';
    counts.push((await writes.measure(async () => { reply = await send({ action: 'confirm' }); }, isWidgetCommit, isReplicaRefresh)).toMark);
    expect(reply).toMatch(/RD-\d{8}-\d{4}/);
  }
  return counts;
}
