/**
 * Shared pieces of the fuzz suite (issue 13, item 5): hostile strings, the fixed seed and run counts, and a
 * watch for unhandled rejections and uncaught exceptions while a property runs.
 */
import fc from 'fast-check';

/** Fixed, so a failure reproduces; bounded, so each file stays within seconds. */
export const FUZZ = { seed: 1313, numRuns: Number(process.env.FUZZ_RUNS ?? 60) } as const;

/** Characters every channel must strip or refuse: C0/C1 controls, zero-width, bidi overrides and isolates. */
export const UNSAFE_CHARS = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u200b', '\u200e', '\u202a', '\u202e', '\u2066', '\u2069', '\ufeff'];
export const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

const unsafeChar = fc.constantFrom(...UNSAFE_CHARS);
/** Readable text with unsafe characters mixed in (at least one readable word, so it is not "only control characters"). */
export const hostileText = fc.tuple(fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), unsafeChar, fc.constantFrom('快递', 'late', '😡')), { maxLength: 12 }), fc.constantFrom('parcel', '包裹'))
  .map(([parts, word]) => [...parts, word].join(' '));
/** Nothing but unsafe characters (and maybe spaces). */
export const onlyUnsafe = fc.array(fc.oneof(unsafeChar, fc.constant(' ')), { minLength: 1, maxLength: 20 }).filter((a) => a.some((c) => c !== ' ')).map((a) => a.join(''));
/** Strings past every text limit (MESSAGE_MAX_CHARS 4000, Slack's 3000), below the socket's frame limit. */
export const hugeText = fc.integer({ min: 4_100, max: 40_000 }).map((n) => 'x'.repeat(n));
/** Any value JSON can carry, plus the odd shapes parsers trip on. */
export const anyJson = fc.oneof(fc.jsonValue(), fc.constantFrom(null, [], {}, '', 0, -1, 1e308, true), hugeText);

/** Collects unhandled rejections and uncaught exceptions raised while `run` is in progress. */
export async function noUnhandled(run: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const onRejection = (r: unknown) => seen.push(`unhandledRejection: ${String((r as Error)?.stack ?? r)}`);
  const onException = (e: Error) => seen.push(`uncaughtException: ${e.stack ?? e.message}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  try {
    await run();
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  }
  return seen;
}
