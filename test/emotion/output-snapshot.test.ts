// Speed work must not change a single result: every flag, intensity, cue, confidence and label over every labelled
// message we have (fixtures, GoEmotions dev and train, edge cases, the analyzer's options) matches the fingerprint
// taken from the code before it. Rewrite it only for a deliberate change: npx tsx src/emotion/eval/output-snapshot.ts
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { available, fingerprint, SNAPSHOT_FILE, snapshotSets, type SetFingerprint } from '../../src/emotion/eval/output-snapshot.js';

const snapshot = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8')) as Record<string, SetFingerprint>;

describe('analyzer outputs match the snapshot', () => {
  it('covers every set', () => {
    expect(Object.keys(snapshot)).toEqual(snapshotSets().map((s) => s.name));
  });
  it.each(snapshotSets().filter(available).map((s) => [s.name, s] as const))('%s', (name, set) => {
    const now = fingerprint(set);
    const want = snapshot[name]!;
    expect(now.rows).toBe(want.rows);
    expect(now.sample).toEqual(want.sample);
    expect(now.chunks).toEqual(want.chunks);
    expect(now.sha256).toBe(want.sha256);
  }, 120_000);
});
