/**
 * Issue 8 item 4's bounds, shared by the round-trip tests on one node and under Sentinel, and how they find a
 * widget turn's commit among the process's writes to Redis (bench/redis-trips.ts, ClientWrites).
 */

/** The confirm up to and including its commit (the reply rides in it), as the process's writes to Redis. */
export const CONFIRM_TO_COMMIT_MAX = 8;

/** A widget turn's commit: the MULTI that writes its conversation's dialog state. */
export const isWidgetCommit = (written: string): boolean => /\r\nmulti\r\n/i.test(written) && /\{v:webchat:[^}]*\}:dialog/.test(written);
